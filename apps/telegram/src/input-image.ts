import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { InputImage } from '@genhub/chat';
import { formatBytes, GenHubError, type Logger, sniffMediaType } from '@genhub/core';
import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { TelegramConfig } from './telegram-config.js';
import { describeTelegramError, hideToken } from './telegram-errors.js';

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
 * address carries the bot token, so it must never reach the job store or a log. Failures are one
 * sentence for the user (a GenHubError); the details go to the log without the token.
 */
export async function downloadImage(
  api: Api,
  config: Pick<TelegramConfig, 'token' | 'apiRoot'>,
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
    bytes = await fetchFile(config, file.file_path);
  } catch (error) {
    logger.warn('could not download an image from Telegram', {
      error: describeTelegramError(error, config.token),
    });
    if (/file is too big/i.test(String((error as { description?: unknown }).description ?? '')))
      throw tooLarge();
    throw new GenHubError('INVALID_INPUT', 'Telegram would not hand over that image; send it again.');
  }
  if (bytes.byteLength > limit) throw tooLarge();
  const mediaType = await sniffMediaType(bytes.subarray(0, 64), source.mediaType);
  if (!mediaType.startsWith('image/'))
    throw new GenHubError('INVALID_INPUT', 'That file is not an image; send a photo or a picture file.');
  return { url: `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`, mediaType };
}

/** A file's bytes: from the file URL, or from disk when a local Bot API server gives an absolute path. */
async function fetchFile(
  config: Pick<TelegramConfig, 'token' | 'apiRoot'>,
  filePath: string,
): Promise<Uint8Array> {
  if (config.apiRoot !== undefined && isAbsolute(filePath)) return new Uint8Array(await readFile(filePath));
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
  return new Uint8Array(await response.arrayBuffer());
}
