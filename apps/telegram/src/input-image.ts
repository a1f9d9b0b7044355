import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { InputImage } from '@genhub/chat';
import { formatBytes, GenHubError, type Logger, sniffMediaType } from '@genhub/core';
import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { TelegramConfig } from './telegram-config.js';
import { describeTelegramError, hideToken } from './telegram-errors.js';

/** A file over the limit, found before (or while) reading it. */
class TooLarge extends Error {}

/** Why a local file was not read, for the operator's log (the user gets one plain sentence). */
class FileRefused extends Error {}

/** A picture a user gave: a photo (its largest size) or an image sent as a file. */
export interface ImageSource {
  fileId: string;
  fileSize?: number;
  mediaType?: string;
}

/** Telegram's own servers hand bots files up to 20 MB. */
const CLOUD_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** The image a command works on: one sent with it (as caption), else the one it replies to. */
export function imageSource(message: Message): ImageSource | undefined {
  return imageOf(message) ?? (message.reply_to_message ? imageOf(message.reply_to_message) : undefined);
}

function imageOf(message: Message): ImageSource | undefined {
  const sizes = message.photo;
  if (sizes && sizes.length > 0) {
    const largest = sizes.reduce((best, size) =>
      size.width * size.height > best.width * best.height ? size : best,
    );
    return {
      fileId: largest.file_id,
      ...(largest.file_size !== undefined ? { fileSize: largest.file_size } : {}),
      mediaType: 'image/jpeg',
    };
  }
  const document = message.document;
  if (document?.mime_type?.startsWith('image/'))
    return {
      fileId: document.file_id,
      ...(document.file_size !== undefined ? { fileSize: document.file_size } : {}),
      mediaType: document.mime_type,
    };
  return undefined;
}

/**
 * Fetches a user's image through getFile and hands it to GenHub as a `data:` URI: the file's
 * address carries the bot token, so it must never reach the job store or a log. The size is checked
 * before anything is read, and reading stops past the limit. A local Bot API server's file is read
 * from disk only inside `localFilesDir`. Failures are one sentence for the user (a GenHubError); the
 * details go to the log without the token.
 */
export async function downloadImage(
  api: Pick<Api, 'getFile'>,
  config: Pick<TelegramConfig, 'token' | 'apiRoot' | 'localFilesDir'>,
  source: ImageSource,
  maxInputBytes: number,
  logger: Logger,
): Promise<InputImage> {
  const limit =
    config.apiRoot === undefined ? Math.min(maxInputBytes, CLOUD_DOWNLOAD_LIMIT_BYTES) : maxInputBytes;
  const tooLarge = () =>
    new GenHubError('INVALID_INPUT', `That image is too large; send one of at most ${formatBytes(limit)}.`);
  if (source.fileSize !== undefined && source.fileSize > limit) throw tooLarge();
  let bytes: Uint8Array;
  try {
    const file = await api.getFile(source.fileId);
    if (file.file_path === undefined) throw new Error('getFile gave no file_path');
    if (file.file_size !== undefined && file.file_size > limit) throw new TooLarge();
    bytes = await fetchFile(config, file.file_path, limit);
  } catch (error) {
    if (error instanceof TooLarge) throw tooLarge();
    logger.warn('could not download an image from Telegram', {
      error: describeTelegramError(error, config.token),
    });
    if (/file is too big/i.test(String((error as { description?: unknown }).description ?? '')))
      throw tooLarge();
    throw new GenHubError('INVALID_INPUT', 'Telegram would not hand over that image; send it again.');
  }
  const mediaType = await sniffMediaType(bytes.subarray(0, 64), source.mediaType);
  if (!mediaType.startsWith('image/'))
    throw new GenHubError('INVALID_INPUT', 'That file is not an image; send a photo or a picture file.');
  return { url: `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`, mediaType };
}

/**
 * A file's bytes, at most `limit` of them: from disk when a local Bot API server gives an absolute
 * path, else from the file URL.
 */
async function fetchFile(
  config: Pick<TelegramConfig, 'token' | 'apiRoot' | 'localFilesDir'>,
  filePath: string,
  limit: number,
): Promise<Uint8Array> {
  if (config.apiRoot !== undefined && isAbsolute(filePath)) return readLocalFile(config, filePath, limit);
  const root = config.apiRoot ?? 'https://api.telegram.org';
  const path = filePath.split('/').map(encodeURIComponent).join('/');
  const response = await fetch(`${root}/file/bot${config.token}/${path}`, {
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(hideToken(`the file download answered HTTP ${response.status}`, config.token));
  }
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    throw new TooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw new TooLarge(); // Leaving the loop cancels the download.
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A local Bot API server's file, read only if it is a regular file inside `localFilesDir` (after
 * following every symbolic link) and no larger than the limit, checked before reading.
 */
async function readLocalFile(
  config: Pick<TelegramConfig, 'localFilesDir'>,
  filePath: string,
  limit: number,
): Promise<Uint8Array> {
  if (config.localFilesDir === undefined)
    throw new FileRefused(
      'the local Bot API server gave a path on disk, but TELEGRAM_LOCAL_FILES_DIR is not set',
    );
  const folder = await realpath(config.localFilesDir);
  const real = await realpath(filePath);
  const inside = relative(folder, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    throw new FileRefused('the local Bot API server gave a path outside TELEGRAM_LOCAL_FILES_DIR');
  const handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileRefused('the local Bot API server gave a path that is not a file');
    if (stat.size > limit) throw new TooLarge();
    const buffer = Buffer.alloc(stat.size);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}
