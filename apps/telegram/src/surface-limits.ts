import type { SurfaceLimits } from '@genhub/chat';
import type { TelegramConfig } from './telegram-config.js';

/** Telegram's longest message text. */
export const MAX_TEXT_LENGTH = 4096;
/** Telegram's longest media caption. */
export const MAX_CAPTION_LENGTH = 1024;
/** Files in one media group. */
export const MAX_MEDIA_GROUP = 10;

/** What GenHub may send in one Telegram chat: paced more slowly in groups, where Telegram allows fewer edits. */
export function surfaceLimits(
  config: Pick<TelegramConfig, 'uploadLimitBytes' | 'editIntervalMs'>,
  isPrivate: boolean,
): SurfaceLimits {
  return {
    maxUploadBytes: config.uploadLimitBytes,
    maxFilesPerMessage: MAX_MEDIA_GROUP,
    maxTextLength: MAX_TEXT_LENGTH,
    maxButtonsPerRow: 8,
    maxButtonRows: 10,
    editIntervalMs: isPrivate ? config.editIntervalMs.private : config.editIntervalMs.group,
  };
}
