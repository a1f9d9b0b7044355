import type { SurfaceLimits } from '@genhub/chat';

/** What Discord allows in one message. */
export const DISCORD_LIMITS = {
  textLength: 2000,
  filesPerMessage: 10,
  buttonRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  /** Every user's upload limit since 2024, when an interaction does not say its own. */
  uploadBytes: 10 * 1024 * 1024,
  /** Choices in one autocomplete answer. */
  autocompleteChoices: 25,
} as const;

/** The limits GenHub plans a message within, for an interaction that allows `attachmentSizeLimit` bytes a file. */
export function discordSurfaceLimits(
  attachmentSizeLimit: number | undefined,
  editIntervalMs: number,
): SurfaceLimits {
  return {
    maxUploadBytes:
      attachmentSizeLimit !== undefined && attachmentSizeLimit > 0
        ? attachmentSizeLimit
        : DISCORD_LIMITS.uploadBytes,
    maxFilesPerMessage: DISCORD_LIMITS.filesPerMessage,
    maxTextLength: DISCORD_LIMITS.textLength,
    maxButtonsPerRow: DISCORD_LIMITS.buttonsPerRow,
    maxButtonRows: DISCORD_LIMITS.buttonRows,
    editIntervalMs,
  };
}
