import { isRecord } from './telegram-args.js';
import { badRequest, TelegramErrors, TelegramLimits } from './telegram-errors.js';
import {
  checkCanSend,
  deleteMessage,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageText,
  type MessageContext,
  sendMedia,
  sendMediaGroup,
  sendMessage,
} from './telegram-messages.js';
import type {
  TgBotCommand,
  TgBotCommandScope,
  TgCallbackQuery,
  TgChatFullInfo,
  TgFile,
  TgUser,
  TgWebhookInfo,
} from './telegram-types.js';

/**
 * The Bot API methods the fake answers (getUpdates aside, which the server holds open), keyed by
 * their lower-case name: the server, like Telegram's, ignores the case of method names.
 */

export interface TelegramCallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

export interface CallbackQueryRecord {
  query: TgCallbackQuery;
  /** Set once the bot called answerCallbackQuery. */
  answer?: TelegramCallbackAnswer;
}

/** A sendChatAction the bot made. */
export interface TelegramChatAction {
  chatId: number;
  action: string;
  /** `Date.now()` when it arrived. */
  at: number;
}

export interface TelegramState {
  botInfo: TgUser;
  /** Command lists by scope and language (see `commandsKey`). */
  commands: Map<string, TgBotCommand[]>;
  callbackQueries: Map<string, CallbackQueryRecord>;
  chatActions: TelegramChatAction[];
  downloadLimitBytes: number;
}

export interface WebhookHooks {
  set(options: {
    url: string;
    secretToken?: string;
    dropPendingUpdates: boolean;
    maxConnections?: number;
    allowedUpdates?: string[];
  }): string;
  delete(dropPendingUpdates: boolean): string;
  info(): TgWebhookInfo;
}

export interface MethodContext extends MessageContext {
  state: TelegramState;
  webhook: WebhookHooks;
  now: () => number;
}

export interface MethodOutcome {
  result: unknown;
  /** Some methods answer a description beside the result (setWebhook: "Webhook was set"). */
  description?: string;
}

type Method = (context: MethodContext) => MethodOutcome;

const ok = (result: unknown, description?: string): MethodOutcome =>
  description === undefined ? { result } : { result, description };

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const SCOPE_TYPES = new Set<TgBotCommandScope['type']>([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

/** The key of one command list: its scope (chat ids resolved to numbers) and language. */
export function commandsKey(scope: TgBotCommandScope, languageCode: string): string {
  const parts: unknown[] = [scope.type];
  if (scope.chat_id !== undefined) parts.push(scope.chat_id);
  if (scope.user_id !== undefined) parts.push(scope.user_id);
  return `${JSON.stringify(parts)}|${languageCode}`;
}

function commandScope(context: MethodContext): { scope: TgBotCommandScope; languageCode: string } {
  const { args, world } = context;
  const languageCode = args.string('language_code') ?? '';
  if (languageCode !== '' && !/^[a-z]{2}$/.test(languageCode))
    throw badRequest(TelegramErrors.languageCodeInvalid);
  const raw = args.json('scope', TelegramErrors.scopeUnparsable);
  if (raw === undefined) return { scope: { type: 'default' }, languageCode };
  if (
    !isRecord(raw) ||
    typeof raw.type !== 'string' ||
    !SCOPE_TYPES.has(raw.type as TgBotCommandScope['type'])
  ) {
    throw badRequest("Bad Request: can't parse BotCommandScope: Unsupported type specified");
  }
  const type = raw.type as TgBotCommandScope['type'];
  const scope: TgBotCommandScope = { type };
  if (type === 'chat' || type === 'chat_administrators' || type === 'chat_member') {
    scope.chat_id = world.resolveChat(raw.chat_id).chat.id;
  }
  if (type === 'chat_member') {
    if (typeof raw.user_id !== 'number' || raw.user_id <= 0) {
      throw badRequest("Bad Request: can't parse BotCommandScope: Invalid user_id specified");
    }
    scope.user_id = raw.user_id;
  }
  return { scope, languageCode };
}

function setMyCommands(context: MethodContext): MethodOutcome {
  const { scope, languageCode } = commandScope(context);
  const raw = context.args.json('commands', TelegramErrors.commandsUnparsable) ?? [];
  if (!Array.isArray(raw)) throw badRequest("Bad Request: can't parse commands JSON object");
  if (raw.length > TelegramLimits.maxCommands) throw badRequest(TelegramErrors.tooManyCommands);
  const commands = raw.map((entry): TgBotCommand => {
    if (!isRecord(entry) || typeof entry.command !== 'string') {
      throw badRequest(`Bad Request: can't parse BotCommand: Field "command" must be of type String`);
    }
    if (typeof entry.description !== 'string') {
      throw badRequest(`Bad Request: can't parse BotCommand: Field "description" must be of type String`);
    }
    const command = entry.command.startsWith('/') ? entry.command.slice(1) : entry.command;
    if (!/^[a-z0-9_]+$/.test(command) || command.length > TelegramLimits.maxCommandLength) {
      throw badRequest(TelegramErrors.commandInvalid);
    }
    const description = entry.description.trim();
    if (description === '') throw badRequest(TelegramErrors.commandDescriptionEmpty);
    if (description.length > TelegramLimits.maxCommandDescriptionLength) {
      throw badRequest(TelegramErrors.commandDescriptionInvalid);
    }
    return { command, description };
  });
  const key = commandsKey(scope, languageCode);
  if (commands.length === 0) context.state.commands.delete(key);
  else context.state.commands.set(key, commands);
  return ok(true);
}

function getMyCommands(context: MethodContext): MethodOutcome {
  const { scope, languageCode } = commandScope(context);
  return ok(structuredClone(context.state.commands.get(commandsKey(scope, languageCode)) ?? []));
}

function deleteMyCommands(context: MethodContext): MethodOutcome {
  const { scope, languageCode } = commandScope(context);
  context.state.commands.delete(commandsKey(scope, languageCode));
  return ok(true);
}

function sendChatAction(context: MethodContext): MethodOutcome {
  const { args, world, state, now } = context;
  const record = world.resolveChat(args.chatId());
  const action = args.string('action') ?? '';
  if (!CHAT_ACTIONS.has(action)) throw badRequest(TelegramErrors.wrongAction);
  // Like a send: not to a user who blocked the bot or never started it, nor where it is not a member.
  checkCanSend(context, record);
  state.chatActions.push({ chatId: record.chat.id, action, at: now() });
  return ok(true);
}

function answerCallbackQuery(context: MethodContext): MethodOutcome {
  const { args, state } = context;
  const record = state.callbackQueries.get(args.string('callback_query_id') ?? '');
  if (!record || record.answer) throw badRequest(TelegramErrors.queryIdInvalid);
  const text = args.string('text');
  const url = args.string('url');
  const cacheTime = args.int('cache_time');
  record.answer = {
    ...(text !== undefined ? { text } : {}),
    ...(args.has('show_alert') ? { show_alert: args.bool('show_alert') } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
  };
  return ok(true);
}

function getFile(context: MethodContext): MethodOutcome {
  const { args, world, state } = context;
  const file = world.files.get(args.string('file_id') ?? '');
  if (!file) throw badRequest(TelegramErrors.invalidFileId);
  const size = file.bytes?.byteLength;
  if (size !== undefined && size > state.downloadLimitBytes) throw badRequest(TelegramErrors.fileTooBig);
  const result: TgFile = {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(size !== undefined ? { file_size: size } : {}),
    file_path: file.filePath,
  };
  return ok(result);
}

function getChat(context: MethodContext): MethodOutcome {
  const record = context.world.resolveChat(context.args.chatId());
  const info: TgChatFullInfo = {
    ...record.chat,
    accent_color_id: Math.abs(record.chat.id) % 7,
    max_reaction_count: 11,
    ...(record.description !== undefined ? { description: record.description } : {}),
  };
  return ok(info);
}

function getChatMember(context: MethodContext): MethodOutcome {
  const { args, world } = context;
  const record = world.resolveChat(args.chatId());
  const userId = args.int('user_id');
  if (userId === undefined) throw badRequest('Bad Request: user_id is empty');
  return ok(structuredClone(world.member(record.chat.id, userId)));
}

function getChatAdministrators(context: MethodContext): MethodOutcome {
  const record = context.world.resolveChat(context.args.chatId());
  if (record.chat.type === 'private') throw badRequest(TelegramErrors.noAdminsInPrivate);
  const admins = [...record.members.values()].filter(
    (member) => member.status === 'creator' || member.status === 'administrator',
  );
  return ok(structuredClone(admins));
}

function getChatMemberCount(context: MethodContext): MethodOutcome {
  const record = context.world.resolveChat(context.args.chatId());
  if (record.chat.type === 'private') return ok(2);
  const present = [...record.members.values()].filter((member) =>
    ['creator', 'administrator', 'member', 'restricted'].includes(member.status),
  );
  return ok(present.length);
}

function setWebhook(context: MethodContext): MethodOutcome {
  const { args } = context;
  const url = args.string('url') ?? '';
  const drop = args.bool('drop_pending_updates');
  if (url === '') return ok(true, context.webhook.delete(drop));
  const secret = args.string('secret_token');
  if (secret !== undefined) {
    if (secret.length > TelegramLimits.maxSecretTokenLength) throw badRequest(TelegramErrors.secretTooLong);
    if (!/^[A-Za-z0-9_-]*$/.test(secret)) throw badRequest(TelegramErrors.secretCharacters);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(TelegramErrors.webhookUrlInvalid);
  }
  // Telegram wants HTTPS on ports 80, 88, 443 or 8443; tests listen on 127.0.0.1, so the fake takes HTTP too.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw badRequest(TelegramErrors.webhookUrlInvalid);
  const allowed = args.json('allowed_updates', "Bad Request: can't parse allowed updates JSON object");
  const maxConnections = args.int('max_connections');
  const description = context.webhook.set({
    url,
    dropPendingUpdates: drop,
    ...(secret !== undefined && secret !== '' ? { secretToken: secret } : {}),
    ...(maxConnections !== undefined ? { maxConnections } : {}),
    ...(Array.isArray(allowed) ? { allowedUpdates: allowed.filter((kind) => typeof kind === 'string') } : {}),
  });
  return ok(true, description);
}

const media =
  (kind: Parameters<typeof sendMedia>[1]): Method =>
  (context) =>
    ok(sendMedia(context, kind));

export const TELEGRAM_METHODS: Readonly<Record<string, Method>> = {
  getme: (context) => ok(structuredClone(context.state.botInfo)),
  logout: () => ok(true),
  close: () => ok(true),
  setmycommands: setMyCommands,
  getmycommands: getMyCommands,
  deletemycommands: deleteMyCommands,
  sendmessage: (context) => ok(sendMessage(context)),
  sendphoto: media('photo'),
  sendvideo: media('video'),
  sendanimation: media('animation'),
  sendaudio: media('audio'),
  sendvoice: media('voice'),
  senddocument: media('document'),
  sendmediagroup: (context) => ok(sendMediaGroup(context)),
  editmessagetext: (context) => ok(editMessageText(context)),
  editmessagecaption: (context) => ok(editMessageCaption(context)),
  editmessagereplymarkup: (context) => ok(editMessageReplyMarkup(context)),
  deletemessage: (context) => ok(deleteMessage(context, context.args.int('message_id'))),
  deletemessages: (context) => {
    const ids = context.args.json('message_ids', "Bad Request: can't parse message identifiers JSON object");
    if (!Array.isArray(ids) || ids.length === 0)
      throw badRequest('Bad Request: message identifiers are not specified');
    for (const id of ids) {
      try {
        deleteMessage(context, typeof id === 'number' ? id : undefined);
      } catch {
        // deleteMessages skips messages it cannot delete.
      }
    }
    return ok(true);
  },
  sendchataction: sendChatAction,
  answercallbackquery: answerCallbackQuery,
  getfile: getFile,
  getchat: getChat,
  getchatmember: getChatMember,
  getchatadministrators: getChatAdministrators,
  getchatmembercount: getChatMemberCount,
  setwebhook: setWebhook,
  deletewebhook: (context) => ok(true, context.webhook.delete(context.args.bool('drop_pending_updates'))),
  getwebhookinfo: (context) => ok(context.webhook.info()),
};
