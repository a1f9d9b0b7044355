import type { TgResponse } from './telegram-types.js';

/**
 * The Bot API's documented limits and the error texts the real server answers with. The texts come
 * from the Bot API server's source (tdlib/telegram-bot-api) and from errors client libraries have
 * catalogued (teloxide's `ApiError`); where neither says, the constant's comment owns up to the choice.
 */

export const TelegramLimits = {
  /** Message text, after entities parsing. */
  maxTextLength: 4096,
  /** Media caption, after entities parsing. */
  maxCaptionLength: 1024,
  /** Bytes of an inline button's callback_data. */
  maxCallbackDataBytes: 64,
  /** `answerCallbackQuery` text. */
  maxCallbackAnswerLength: 200,
  /** Uploads through multipart/form-data: 50 MB. */
  uploadLimitBytes: 50 * 1024 * 1024,
  /** Photos uploaded through multipart/form-data: 10 MB. */
  photoLimitBytes: 10 * 1024 * 1024,
  /** Files a bot can fetch with getFile: 20 MB. */
  downloadLimitBytes: 20 * 1024 * 1024,
  /** A photo's width plus height. */
  maxPhotoSidesSum: 10_000,
  /** A photo's longer side over its shorter one. */
  maxPhotoRatio: 20,
  minMediaGroupItems: 2,
  maxMediaGroupItems: 10,
  maxCommands: 100,
  maxCommandLength: 32,
  maxCommandDescriptionLength: 256,
  /** getUpdates `timeout`, in seconds, as the server clamps it. */
  maxPollTimeoutSeconds: 50,
  maxUpdatesLimit: 100,
  maxSecretTokenLength: 256,
} as const;

export const TelegramErrors = {
  unauthorized: 'Unauthorized',
  notFound: 'Not Found',
  tooLarge: 'Request Entity Too Large',
  chatNotFound: 'Bad Request: chat not found',
  chatIdEmpty: 'Bad Request: chat_id is empty',
  userNotFound: 'Bad Request: user not found',
  textEmpty: 'Bad Request: message text is empty',
  textTooLong: 'Bad Request: message is too long',
  /** editMessageText past 4096 characters. */
  editedTextTooLong: 'Bad Request: MESSAGE_TOO_LONG',
  captionTooLong: 'Bad Request: message caption is too long',
  /** editMessageCaption past 1024 characters (Telegram's own error code passed through). */
  editedCaptionTooLong: 'Bad Request: MEDIA_CAPTION_TOO_LONG',
  notModified:
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  editNotFound: 'Bad Request: message to edit not found',
  deleteNotFound: 'Bad Request: message to delete not found',
  replyNotFound: 'Bad Request: message to be replied not found',
  cantBeEdited: "Bad Request: message can't be edited",
  cantBeDeleted: "Bad Request: message can't be deleted",
  noTextToEdit: 'Bad Request: there is no text in the message to edit',
  noCaptionToEdit: 'Bad Request: there is no caption in the message to edit',
  messageIdMissing: 'Bad Request: message identifier is not specified',
  buttonDataInvalid: 'Bad Request: BUTTON_DATA_INVALID',
  buttonUrlInvalid: 'Bad Request: BUTTON_URL_INVALID',
  textButtons:
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  keyboardNotArrays:
    'Bad Request: Field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
  replyMarkupUnparsable: "Bad Request: can't parse reply keyboard markup JSON object",
  queryIdInvalid: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
  wrongFileIdOrUrl: 'Bad Request: wrong file identifier/HTTP URL specified',
  invalidFileId: 'Bad Request: invalid file_id',
  fileTooBig: 'Bad Request: file is too big',
  /**
   * A photo over the 10 MB upload limit. Telegram's own error for an oversized photo is
   * PHOTO_SAVE_FILE_INVALID, which the Bot API passes through; tests can choose another text.
   */
  photoTooBig: 'Bad Request: PHOTO_SAVE_FILE_INVALID',
  /** Width + height over 10000 or a side ratio over 20, as the sendPhoto docs put it. */
  photoDimensions: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
  mediaJsonUnparsable: "Bad Request: can't parse media JSON object",
  mediaNotArray: 'Bad Request: expected an Array of InputMedia',
  mediaNotFound: "Bad Request: can't parse InputMedia: media not found",
  tooManyAlbumItems: 'Bad Request: Too much messages to send as an album',
  /** The docs say 2-10 items; the server's text for too few is not on record, so this is the fake's. */
  tooFewAlbumItems: 'Bad Request: media group must include 2-10 items',
  albumMixed: "Bad Request: Can't use the media of the specified type in the album",
  wrongAction: 'Bad Request: wrong parameter action in request',
  commandInvalid: 'Bad Request: BOT_COMMAND_INVALID',
  commandDescriptionEmpty: 'Bad Request: command description must be non-empty',
  /** The server's text for a description past 256 characters is not on record; Telegram's error code. */
  commandDescriptionInvalid: 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
  /** Likewise for more than 100 commands. */
  tooManyCommands: 'Bad Request: BOT_COMMANDS_TOO_MUCH',
  commandsUnparsable: "Bad Request: can't parse commands JSON object",
  scopeUnparsable: "Bad Request: can't parse BotCommandScope JSON object",
  languageCodeInvalid: 'Bad Request: invalid language code specified',
  noAdminsInPrivate: 'Bad Request: there are no administrators in the private chat',
  webhookConflict:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  terminatedByGetUpdates:
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  terminatedBySetWebhook: 'Conflict: terminated by setWebhook request',
  webhookUrlInvalid: 'Bad Request: invalid webhook URL specified',
  secretTooLong: 'Bad Request: secret token is too long',
  secretCharacters: 'Bad Request: secret token contains unallowed characters',
  blocked: 'Forbidden: bot was blocked by the user',
  cantInitiate: "Forbidden: bot can't initiate conversation with a user",
} as const;

/** There is no `<kind>` in the request, as the server says for a send without its file. */
export function noFileError(kind: string): string {
  return `Bad Request: there is no ${kind} in the request`;
}

/** A failed Bot API call: the HTTP status is the error code, as the real server answers. */
export class TelegramApiError extends Error {
  readonly errorCode: number;
  readonly description: string;
  readonly parameters: { retry_after?: number; migrate_to_chat_id?: number } | undefined;

  constructor(
    errorCode: number,
    description: string,
    parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'TelegramApiError';
    this.errorCode = errorCode;
    this.description = description;
    this.parameters = parameters;
  }

  toResponse(): TgResponse {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** A 400 Bad Request with the given description. */
export function badRequest(description: string): TelegramApiError {
  return new TelegramApiError(400, description);
}

/** 429 with `retry_after`, as flood control answers. */
export function tooManyRequests(retryAfter: number): TelegramApiError {
  return new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });
}
