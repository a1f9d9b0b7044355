import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { detectMediaType, type MediaInput } from '@genhub/core';
import { UsageError } from './usage-error.js';

/**
 * The value of `--image`, `--mask`, `--video` or `--audio`: an http(s) or `data:` link as it is
 * (core fetches it through the SSRF guard and checks what it is, as for a chat attachment), else a
 * local file read into a `data:` link. A missing or oversized file is a usage error naming the flag.
 */
export async function inputFromArgument(flag: string, value: string, maxBytes: number): Promise<MediaInput> {
  const trimmed = value.trim();
  if (/^(https?|data):/i.test(trimmed)) return { url: trimmed };
  if (trimmed === '') throw new UsageError(`--${flag} needs a file path or an https link.`);
  const path = resolve(trimmed);
  let bytes: Buffer;
  try {
    bytes = await readCapped(path, maxBytes);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new UsageError(
        `--${flag} ${trimmed} is larger than ${megabytes(maxBytes)}, the input limit (GENHUB_JOBS_MAX_INPUT_MB).`,
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `--${flag} ${trimmed}: there is no such file (${path}), and it is not an https link.`
        : `--${flag} ${trimmed} could not be read (${code ?? 'unknown error'}); check the path and its permissions.`,
    );
  }
  const mediaType = (await detectMediaType(bytes)) ?? 'application/octet-stream';
  return { url: `data:${mediaType};base64,${bytes.toString('base64')}`, mediaType };
}

/** The whole file, or a UsageError as soon as it is larger than `maxBytes`. */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { size, isFile } = await file.stat().then((stat) => ({ size: stat.size, isFile: stat.isFile() }));
    if (!isFile) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    if (size > maxBytes) throw new UsageError('too large');
    return await file.readFile();
  } finally {
    await file.close();
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
