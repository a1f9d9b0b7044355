import type { FakeFile } from '@genhub/testkit/fake-server';
import { isRecord, TelegramArgs } from './telegram-args.js';
import { type FormattedText, parseFormatted } from './telegram-entities.js';
import {
  badRequest,
  noFileError,
  TelegramApiError,
  TelegramErrors,
  TelegramLimits,
} from './telegram-errors.js';
import type {
  TgInlineKeyboardButton,
  TgInlineKeyboardMarkup,
  TgMessage,
  TgMessageEntity,
} from './telegram-types.js';
import {
  type ChatRecord,
  imageSize,
  type TelegramFakeFile,
  type TelegramFakeMessage,
  type TelegramFileKind,
  type TelegramWorld,
} from './telegram-world.js';

/**
 * Sending, editing and deleting the bot's messages, text and media alike, with the checks and
 * error texts of the real server.
 */

export interface MessageLimits {
  uploadLimitBytes: number;
  photoLimitBytes: number;
  photoTooBigDescription: string;
}

export interface MessageContext {
  world: TelegramWorld;
  args: TelegramArgs;
  files: Readonly<Record<string, FakeFile>>;
  limits: MessageLimits;
}

const BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

/** The reply markup of a call: the inline keyboard a message shows, and whatever was sent. */
export function parseReplyMarkup(
  value: unknown,
): { inline: TgInlineKeyboardMarkup | undefined; raw: unknown } | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw badRequest(TelegramErrors.replyMarkupUnparsable);
  if (!('inline_keyboard' in value)) return { inline: undefined, raw: value };
  const rows = value.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest(TelegramErrors.keyboardNotArrays);
  }
  const keyboard: TgInlineKeyboardButton[][] = (rows as unknown[][]).map((row) => row.map(checkButton));
  return { inline: { inline_keyboard: keyboard }, raw: value };
}

function checkButton(button: unknown): TgInlineKeyboardButton {
  if (!isRecord(button)) {
    throw badRequest(
      "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object",
    );
  }
  if (typeof button.text !== 'string') {
    throw badRequest(`Bad Request: can't parse inline keyboard button: Field "text" must be of type String`);
  }
  const data = button.callback_data;
  if (typeof data === 'string' && Buffer.byteLength(data) > TelegramLimits.maxCallbackDataBytes) {
    throw badRequest(TelegramErrors.buttonDataInvalid);
  }
  if (typeof button.url === 'string' && button.url !== '' && !/^(https?|tg|ton):\/\/\S+$/i.test(button.url)) {
    throw badRequest(TelegramErrors.buttonUrlInvalid);
  }
  const action = BUTTON_ACTIONS.find((field) => {
    const present = button[field];
    return present !== undefined && present !== null && present !== '';
  });
  if (action === undefined) throw badRequest(TelegramErrors.textButtons);
  const kept: TgInlineKeyboardButton = { text: button.text };
  for (const [field, value] of Object.entries(button)) {
    if (field !== 'text' && value !== undefined && value !== null && value !== '') kept[field] = value;
  }
  return kept;
}

/** Text or caption with its entities, from `parse_mode` markup or the explicit entities array. */
function formattedField(
  args: TelegramArgs,
  textField: string,
  entitiesField: string,
  parseModeField = 'parse_mode',
): FormattedText | undefined {
  const text = args.string(textField);
  if (text === undefined) return undefined;
  const explicit = args.json(entitiesField, "Bad Request: can't parse entities JSON object");
  if (Array.isArray(explicit)) return { text, entities: explicit as TgMessageEntity[] };
  return parseFormatted(text, args.string(parseModeField));
}

function withEntities(
  field: 'text' | 'caption',
  formatted: FormattedText | undefined,
): Pick<TgMessage, 'text' | 'entities' | 'caption' | 'caption_entities'> {
  if (formatted === undefined || formatted.text === '') return {};
  const entitiesField = field === 'text' ? 'entities' : 'caption_entities';
  return {
    [field]: formatted.text,
    ...(formatted.entities.length > 0 ? { [entitiesField]: formatted.entities } : {}),
  };
}

/** Refuses to send where Telegram would: users who blocked the bot, groups it is not in. */
export function checkCanSend(context: Pick<MessageContext, 'world'>, record: ChatRecord): void {
  const { world } = context;
  if (record.chat.type === 'private') {
    const user = world.users.get(record.chat.id);
    if (user?.blocked) throw new TelegramApiError(403, TelegramErrors.blocked);
    if (user && !user.started) throw new TelegramApiError(403, TelegramErrors.cantInitiate);
    return;
  }
  const status = world.member(record.chat.id, world.bot.id).status;
  if (status === 'kicked') {
    throw new TelegramApiError(
      403,
      record.chat.type === 'supergroup'
        ? 'Forbidden: bot was kicked from the supergroup chat'
        : 'Forbidden: bot was kicked from the group chat',
    );
  }
  if (status === 'left') {
    throw new TelegramApiError(
      403,
      record.chat.type === 'supergroup'
        ? 'Forbidden: bot is not a member of the supergroup chat'
        : 'Forbidden: bot is not a member of the group chat',
    );
  }
}

/** The message a send replies to: `reply_parameters`, or the older `reply_to_message_id`. */
function replyTarget(context: MessageContext, record: ChatRecord): TgMessage | undefined {
  const { args, world } = context;
  const parameters = args.json('reply_parameters', "Bad Request: can't parse reply parameters JSON object");
  let messageId: number | undefined;
  let allowWithout = args.bool('allow_sending_without_reply');
  let chat = record;
  if (isRecord(parameters)) {
    messageId = typeof parameters.message_id === 'number' ? parameters.message_id : undefined;
    allowWithout = parameters.allow_sending_without_reply === true;
    if (parameters.chat_id !== undefined) chat = world.resolveChat(parameters.chat_id);
  } else {
    messageId = args.int('reply_to_message_id');
  }
  if (messageId === undefined) return undefined;
  const target = world.findMessage(chat.chat.id, messageId);
  if (!target) {
    if (allowWithout) return undefined;
    throw badRequest(TelegramErrors.replyNotFound);
  }
  const { reply_to_message: _nested, ...shown } = target.message;
  return shown;
}

interface Common {
  record: ChatRecord;
  fields: Omit<TgMessage, 'message_id' | 'date' | 'chat'>;
  markup: ReturnType<typeof parseReplyMarkup>;
}

/** What every send shares: the chat, the reply, the reply markup, the thread. */
function common(context: MessageContext): Common {
  const { args, world } = context;
  const record = world.resolveChat(args.chatId());
  checkCanSend(context, record);
  const markup = parseReplyMarkup(args.json('reply_markup', TelegramErrors.replyMarkupUnparsable));
  const reply = replyTarget(context, record);
  const thread = args.int('message_thread_id');
  const fields: Omit<TgMessage, 'message_id' | 'date' | 'chat'> = {
    ...(thread !== undefined && record.chat.is_forum ? { message_thread_id: thread } : {}),
    ...(reply ? { reply_to_message: reply } : {}),
  };
  return { record, fields, markup };
}

function store(
  context: MessageContext,
  base: Common,
  content: Omit<TgMessage, 'message_id' | 'date' | 'chat'>,
  files: TelegramFakeFile[] = [],
): TelegramFakeMessage {
  const inline = base.markup?.inline;
  const stored = context.world.addMessage(
    base.record,
    { from: context.world.bot, ...base.fields, ...content, ...(inline ? { reply_markup: inline } : {}) },
    true,
    files,
  );
  if (base.markup) stored.replyMarkup = base.markup.raw;
  return stored;
}

export function sendMessage(context: MessageContext): TgMessage {
  const base = common(context);
  const text = formattedField(context.args, 'text', 'entities');
  if (text === undefined || text.text.trim() === '') throw badRequest(TelegramErrors.textEmpty);
  if (text.text.length > TelegramLimits.maxTextLength) throw badRequest(TelegramErrors.textTooLong);
  return store(context, base, withEntities('text', text)).message;
}

function caption(args: TelegramArgs): FormattedText | undefined {
  const formatted = formattedField(args, 'caption', 'caption_entities');
  if (formatted && formatted.text.length > TelegramLimits.maxCaptionLength) {
    throw badRequest(TelegramErrors.captionTooLong);
  }
  return formatted;
}

export type MediaKind = Exclude<TelegramFileKind, 'thumbnail'>;

/** The file a send names: an upload (`attach://<name>` or the field itself), a known file_id or a URL. */
function inputFile(
  context: MessageContext,
  kind: MediaKind,
  value: string | undefined,
  fieldName: string | undefined,
  missing: string,
): { file: TelegramFakeFile; media: Pick<TgMessage, MediaKind> } {
  const { world, files, limits } = context;
  let upload: FakeFile | undefined;
  if (value?.startsWith('attach://')) upload = files[value.slice('attach://'.length)];
  else if ((value === undefined || value === '') && fieldName !== undefined) upload = files[fieldName];
  if (upload) {
    if (upload.bytes.byteLength === 0) throw badRequest('Bad Request: file must be non-empty');
    if (upload.bytes.byteLength > limits.uploadLimitBytes)
      throw new TelegramApiError(413, TelegramErrors.tooLarge);
    const named = {
      ...(upload.filename !== '' ? { filename: upload.filename } : {}),
      mimeType: mimeTypeOf(kind, upload.filename, upload.type),
    };
    if (kind === 'photo') {
      if (upload.bytes.byteLength > limits.photoLimitBytes) throw badRequest(limits.photoTooBigDescription);
      const size = imageSize(upload.bytes);
      if (
        size &&
        (size.width + size.height > TelegramLimits.maxPhotoSidesSum ||
          Math.max(size.width, size.height) >
            TelegramLimits.maxPhotoRatio * Math.max(1, Math.min(size.width, size.height)))
      ) {
        throw badRequest(TelegramErrors.photoDimensions);
      }
      const { sizes, largest } = world.photoSizes(upload.bytes, named);
      return { file: largest, media: { photo: sizes } };
    }
    const file = world.addFile({ kind, bytes: upload.bytes, ...named });
    return { file, media: mediaObject(context, kind, file) };
  }
  if (value === undefined || value === '' || value.startsWith('attach://')) throw badRequest(missing);
  if (/^https?:\/\//i.test(value)) {
    const file = world.addFile({ kind, url: value, mimeType: mimeTypeOf(kind, value, '') });
    if (kind === 'photo') {
      const size = { width: 512, height: 512 };
      Object.assign(file, size);
      return {
        file,
        media: { photo: [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, ...size }] },
      };
    }
    return { file, media: mediaObject(context, kind, file) };
  }
  const known = world.files.get(value);
  if (!known) throw badRequest(TelegramErrors.wrongFileIdOrUrl);
  if (kind === 'photo') {
    const sizes = world.photoGroups.get(known.fileId) ?? [
      {
        file_id: known.fileId,
        file_unique_id: known.fileUniqueId,
        width: known.width ?? 512,
        height: known.height ?? 512,
        ...(known.bytes ? { file_size: known.bytes.byteLength } : {}),
      },
    ];
    return { file: known, media: { photo: sizes } };
  }
  return { file: known, media: mediaObject(context, kind, known) };
}

function mediaObject(
  context: MessageContext,
  kind: MediaKind,
  file: TelegramFakeFile,
): Pick<TgMessage, MediaKind> {
  const { args } = context;
  const ids = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.bytes ? { file_size: file.bytes.byteLength } : {}),
  };
  const named = { ...(file.filename !== undefined ? { file_name: file.filename } : {}) };
  const mime = { ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}) };
  const duration = args.int('duration') ?? 0;
  switch (kind) {
    case 'video':
    case 'animation':
      return {
        [kind]: {
          ...ids,
          width: args.int('width') ?? 0,
          height: args.int('height') ?? 0,
          duration,
          ...named,
          ...mime,
        },
      };
    case 'audio': {
      const performer = args.string('performer');
      const title = args.string('title');
      return {
        audio: {
          ...ids,
          duration,
          ...(performer !== undefined ? { performer } : {}),
          ...(title !== undefined ? { title } : {}),
          ...named,
          ...mime,
        },
      };
    }
    case 'voice':
      return { voice: { ...ids, duration, ...mime } };
    case 'document':
      return { document: { ...ids, ...named, ...mime } };
    default:
      return {};
  }
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/x-wav',
  pdf: 'application/pdf',
  txt: 'text/plain',
  json: 'application/json',
  zip: 'application/zip',
  glb: 'model/gltf-binary',
};

function mimeTypeOf(kind: MediaKind, name: string, sent: string): string {
  const extension = /\.([A-Za-z0-9]+)(?:\?.*)?$/.exec(name)?.[1]?.toLowerCase();
  const byName = extension ? MIME_BY_EXTENSION[extension] : undefined;
  if (byName) return byName;
  if (sent !== '' && sent !== 'application/octet-stream') return sent;
  switch (kind) {
    case 'photo':
      return 'image/jpeg';
    case 'video':
    case 'animation':
      return 'video/mp4';
    case 'audio':
      return 'audio/mpeg';
    case 'voice':
      return 'audio/ogg';
    default:
      return 'application/octet-stream';
  }
}

/** sendPhoto, sendVideo, sendAudio, sendVoice, sendDocument, sendAnimation. */
export function sendMedia(context: MessageContext, kind: MediaKind): TgMessage {
  const base = common(context);
  const captionText = caption(context.args);
  const { file, media } = inputFile(context, kind, context.args.string(kind), kind, noFileError(kind));
  const content = { ...media, ...withEntities('caption', captionText), ...mediaSpoiler(context.args, kind) };
  return store(context, base, content, [file]).message;
}

/** `has_spoiler` covers a photo, video or animation (Telegram ignores it on other kinds). */
function mediaSpoiler(args: TelegramArgs, kind: MediaKind): { has_media_spoiler?: true } {
  const covered = kind === 'photo' || kind === 'video' || kind === 'animation';
  return covered && args.bool('has_spoiler') ? { has_media_spoiler: true } : {};
}

/** sendMediaGroup: 2-10 photos and videos, or documents, or audio files; answers every message. */
export function sendMediaGroup(context: MessageContext): TgMessage[] {
  const { args } = context;
  const base = common(context);
  const media = args.json('media', TelegramErrors.mediaJsonUnparsable);
  if (media === undefined) throw badRequest('Bad Request: parameter "media" is required');
  if (!Array.isArray(media)) throw badRequest(TelegramErrors.mediaNotArray);
  if (media.length > TelegramLimits.maxMediaGroupItems) throw badRequest(TelegramErrors.tooManyAlbumItems);
  if (media.length < TelegramLimits.minMediaGroupItems) throw badRequest(TelegramErrors.tooFewAlbumItems);
  const prepared = media.map((item) => {
    if (!isRecord(item)) throw badRequest("Bad Request: can't parse InputMedia: expected an Object");
    const type = typeof item.type === 'string' ? item.type : '';
    if (type === 'animation') {
      throw badRequest(
        `Bad Request: can't parse InputMedia: type "animation" can't be used in sendMediaGroup`,
      );
    }
    if (!['photo', 'video', 'audio', 'document'].includes(type)) {
      throw badRequest(`Bad Request: can't parse InputMedia: type "${type}" is unsupported`);
    }
    return { type: type as MediaKind, item };
  });
  const kinds = new Set(prepared.map(({ type }) => (type === 'video' ? 'photo' : type)));
  if (kinds.size > 1) throw badRequest(TelegramErrors.albumMixed);
  const groupId = String(13_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e15)));
  const items = prepared.map(({ type, item }) => {
    const itemArgs = new TelegramArgs(item);
    const itemContext: MessageContext = { ...context, args: itemArgs };
    const itemCaption = caption(itemArgs);
    const value = typeof item.media === 'string' ? item.media : undefined;
    const { file, media: content } = inputFile(
      itemContext,
      type,
      value,
      undefined,
      TelegramErrors.mediaNotFound,
    );
    return {
      file,
      content: { ...content, ...withEntities('caption', itemCaption), ...mediaSpoiler(itemArgs, type) },
    };
  });
  return items.map(
    ({ file, content }) =>
      store(context, { ...base, markup: undefined }, { ...content, media_group_id: groupId }, [file]).message,
  );
}

/** The message an edit names; only the bot's own messages can be edited. */
function editTarget(context: MessageContext): TelegramFakeMessage {
  const { args, world } = context;
  if (args.has('inline_message_id')) throw badRequest(TelegramErrors.editNotFound);
  const record = world.resolveChat(args.chatId());
  const messageId = args.int('message_id');
  if (messageId === undefined) throw badRequest(TelegramErrors.messageIdMissing);
  const stored = world.findMessage(record.chat.id, messageId);
  if (!stored) throw badRequest(TelegramErrors.editNotFound);
  if (!stored.fromBot) throw badRequest(TelegramErrors.cantBeEdited);
  return stored;
}

/** Applies an edit; an edit that changes nothing answers "message is not modified". */
function applyEdit(
  context: MessageContext,
  stored: TelegramFakeMessage,
  change: (message: TgMessage) => TgMessage,
): TgMessage {
  const markup = parseReplyMarkup(context.args.json('reply_markup', TelegramErrors.replyMarkupUnparsable));
  const { reply_markup: _old, ...withoutMarkup } = stored.message;
  const next = change(withoutMarkup);
  if (markup?.inline) next.reply_markup = markup.inline;
  if (sameContent(stored.message, next)) throw badRequest(TelegramErrors.notModified);
  if (markup) stored.replyMarkup = markup.raw;
  else delete stored.replyMarkup;
  return context.world.edit(stored, next);
}

function sameContent(a: TgMessage, b: TgMessage): boolean {
  const view = (message: TgMessage) =>
    JSON.stringify([
      message.text ?? null,
      message.entities ?? [],
      message.caption ?? null,
      message.caption_entities ?? [],
      message.reply_markup ?? null,
    ]);
  return view(a) === view(b);
}

export function editMessageText(context: MessageContext): TgMessage {
  const stored = editTarget(context);
  if (stored.message.text === undefined) throw badRequest(TelegramErrors.noTextToEdit);
  const text = formattedField(context.args, 'text', 'entities');
  if (text === undefined || text.text.trim() === '') throw badRequest(TelegramErrors.textEmpty);
  if (text.text.length > TelegramLimits.maxTextLength) throw badRequest(TelegramErrors.editedTextTooLong);
  return applyEdit(context, stored, (message) => {
    const { text: _text, entities: _entities, ...rest } = message;
    return { ...rest, ...withEntities('text', text) };
  });
}

export function editMessageCaption(context: MessageContext): TgMessage {
  const stored = editTarget(context);
  const { message } = stored;
  const hasMedia = ['photo', 'video', 'animation', 'audio', 'voice', 'document'].some(
    (field) => message[field as keyof TgMessage] !== undefined,
  );
  if (!hasMedia) throw badRequest(TelegramErrors.noCaptionToEdit);
  const formatted = formattedField(context.args, 'caption', 'caption_entities');
  if (formatted && formatted.text.length > TelegramLimits.maxCaptionLength) {
    throw badRequest(TelegramErrors.editedCaptionTooLong);
  }
  return applyEdit(context, stored, (current) => {
    const { caption: _caption, caption_entities: _entities, ...rest } = current;
    return { ...rest, ...withEntities('caption', formatted) };
  });
}

export function editMessageReplyMarkup(context: MessageContext): TgMessage {
  const stored = editTarget(context);
  return applyEdit(context, stored, (message) => message);
}

/** Deletes one message, with the rights rules of deleteMessage. */
export function deleteMessage(context: MessageContext, messageId: number | undefined): true {
  const { args, world } = context;
  const record = world.resolveChat(args.chatId());
  if (messageId === undefined) throw badRequest(TelegramErrors.messageIdMissing);
  const stored = world.findMessage(record.chat.id, messageId);
  if (!stored) throw badRequest(TelegramErrors.deleteNotFound);
  if (!stored.fromBot && record.chat.type !== 'private') {
    const bot = world.member(record.chat.id, world.bot.id);
    const allowed =
      bot.status === 'creator' || (bot.status === 'administrator' && bot.can_delete_messages === true);
    if (!allowed) throw badRequest(TelegramErrors.cantBeDeleted);
  }
  stored.deleted = true;
  return true;
}
