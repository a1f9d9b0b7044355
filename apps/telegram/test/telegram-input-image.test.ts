import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '@genhub/core';
import { solidPng } from '@genhub/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadImage } from '../src/input-image.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const MB = 1024 * 1024;

// A local Bot API server's folder (its files under the bot's token, as the real one keeps them),
// with a secret beside it that no getFile answer may reach.
const root = mkdtempSync(join(tmpdir(), 'genhub-local-bot-api-'));
const filesDir = join(root, 'bot-api');
const botDir = join(filesDir, TOKEN, 'photos');
mkdirSync(botDir, { recursive: true });
const picture = solidPng(8, 8, [10, 200, 30]);
writeFileSync(join(botDir, 'file_1.png'), picture);
const secret = join(root, 'other-users-artifact.png');
writeFileSync(secret, picture);
symlinkSync(secret, join(botDir, 'file_2.png'));
// Sparse: 3 GiB on paper, nothing on disk. Reading it whole would fail or take gigabytes.
const huge = join(botDir, 'file_3.png');
writeFileSync(huge, '');
truncateSync(huge, 3 * 1024 * MB);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** getFile answering with a path on disk, as a local Bot API server in --local mode does. */
function localServer(filePath: string, fileSize?: number) {
  return {
    getFile: async () => ({
      file_id: 'f1',
      file_unique_id: 'u1',
      file_path: filePath,
      ...(fileSize === undefined ? {} : { file_size: fileSize }),
    }),
  };
}

async function download(filePath: string, options: { fileSize?: number; dir?: string | null } = {}) {
  const { logger, lines } = createMemoryLogger();
  const config = {
    token: TOKEN,
    apiRoot: 'http://127.0.0.1:8081',
    ...(options.dir === null ? {} : { localFilesDir: options.dir ?? filesDir }),
  };
  const result = downloadImage(
    localServer(filePath, options.fileSize) as never,
    config,
    { fileId: 'f1', mediaType: 'image/png' },
    10 * MB,
    logger,
  );
  return { result, lines };
}

describe('an image from a local Bot API server', () => {
  it('is read from disk inside its files folder', async () => {
    const { result } = await download(join(botDir, 'file_1.png'));
    const image = await result;
    expect(image.mediaType).toBe('image/png');
    expect(Buffer.from(image.url.split(',')[1] ?? '', 'base64')).toEqual(Buffer.from(picture));
  });

  it('is refused outside that folder: another file, a way up with .., a symbolic link out', async () => {
    for (const path of [
      secret,
      join(botDir, '..', '..', '..', 'other-users-artifact.png'),
      join(botDir, 'file_2.png'),
      '/etc/passwd',
    ]) {
      const { result, lines } = await download(path);
      await expect(result).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Telegram would not hand over that image; send it again.',
      });
      const logged = JSON.stringify(lines);
      expect(logged).toMatch(/outside TELEGRAM_LOCAL_FILES_DIR/);
      expect(logged).not.toContain(TOKEN);
    }
  });

  it('is refused from disk when no files folder is configured', async () => {
    const { result, lines } = await download(join(botDir, 'file_1.png'), { dir: null });
    await expect(result).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(lines)).toMatch(/TELEGRAM_LOCAL_FILES_DIR is not set/);
  });

  it('is size-checked before it is read, from the getFile answer or the file itself', async () => {
    const tooLarge = 'That image is too large; send one of at most 10 MB.';
    const stated = await download(join(botDir, 'file_1.png'), { fileSize: 11 * MB });
    await expect(stated.result).rejects.toMatchObject({ code: 'INVALID_INPUT', message: tooLarge });
    const onDisk = await download(huge);
    await expect(onDisk.result).rejects.toMatchObject({ code: 'INVALID_INPUT', message: tooLarge });
  });
});
