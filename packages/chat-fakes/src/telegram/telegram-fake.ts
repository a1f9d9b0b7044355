import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeFile } from '@genhub/testkit/fake-server';
import { TelegramArgs } from './telegram-args.js';
import { detectEntities } from './telegram-entities.js';
import { TelegramApiError, TelegramErrors, TelegramLimits, tooManyRequests } from './telegram-errors.js';
import {
  type CallbackQueryRecord,
  commandsKey,
  type MethodContext,
  TELEGRAM_METHODS,
  type TelegramCallbackAnswer,
  type TelegramChatAction,
  type TelegramState,
} from './telegram-methods.js';
import { TelegramRateLimiter, type TelegramRateLimits } from './telegram-rate-limiter.js';
import { readBody, requestParams, type TelegramTransport } from './telegram-request.js';
import type {
  TgBotCommand,
  TgBotCommandScope,
  TgCallbackQuery,
  TgChat,
  TgChatMember,
  TgChatMemberStatus,
  TgMessage,
  TgMessageEntity,
  TgResponse,
  TgUpdate,
  TgUser,
} from './telegram-types.js';
import { TelegramUpdateQueue } from './telegram-update-queue.js';
import {
  postUpdate,
  TelegramWebhookSender,
  type WebhookConfig,
  type WebhookResponse,
} from './telegram-webhook-sender.js';
import {
  type ChatRecord,
  type TelegramAdminRights,
  type TelegramFakeFile,
  type TelegramFakeMessage,
  type TelegramGroupOptions,
  TelegramWorld,
} from './telegram-world.js';

/**
 * A fake Telegram Bot API server for tests, built from the Bot API documentation: the real URL
 * shapes (`/bot<token>/<method>`, `/bot<token>/test/<method>`, `/file/bot<token>/<file_path>`),
 * JSON, urlencoded and multipart/form-data requests (files by upload, `attach://<name>`, file_id or
 * URL), getUpdates long polling and webhooks, simulated users, groups and their administrators,
 * and the documented limits with the real error texts. Point grammY at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 */

export interface TelegramFakeOptions {
  /** The one valid token; a fresh random one unless given. Its number before `:` is the bot's id. */
  token?: string;
  /** Overrides of what getMe answers (username `genhub_test_bot` unless given). */
  botInfo?: Partial<TgUser>;
  /** Bigger request bodies answer 413 Request Entity Too Large; 50 MB unless given. */
  uploadLimitBytes?: number;
  /** Bigger uploaded photos answer 400 (`photoTooBigDescription`); 10 MB unless given. */
  photoLimitBytes?: number;
  /** The answer to a photo over `photoLimitBytes`; "Bad Request: PHOTO_SAVE_FILE_INVALID" unless given. */
  photoTooBigDescription?: string;
  /** Bigger files answer getFile with "file is too big"; 20 MB unless given. */
  downloadLimitBytes?: number;
  /** The first update's id; 1 unless given. */
  firstUpdateId?: number;
  /** How long the fake waits before retrying a failed webhook delivery; 100 ms unless given. */
  webhookRetryMs?: number;
  /** How long the bot's webhook may take to answer one update; 10 s unless given. */
  webhookTimeoutMs?: number;
  /** The fake's clock, for message dates and rate limits; `Date.now` unless given. */
  now?: () => number;
  /**
   * Telegram's flood control for sends and edits (1 per second per chat, 20 per minute per group,
   * 30 per second in all unless changed); off unless given, so tests need not pace themselves.
   */
  rateLimits?: TelegramRateLimits | boolean;
}

/** One request the fake answered. */
export interface TelegramCall {
  /** Arrival order across all calls. */
  seq: number;
  /** The method as the URL named it (the fake matches it without regard to case). */
  method: string;
  /** The parameters as sent: strings from multipart, urlencoded and query; JSON values from JSON. */
  params: Record<string, unknown>;
  /** `params` with JSON-encoded object parameters (reply_markup, media, ...) decoded. */
  payload: Record<string, unknown>;
  /** Uploaded files by multipart field name (`attach://<name>` refers to them). */
  files: Record<string, FakeFile>;
  transport: TelegramTransport;
  /** `test` for the `/bot<token>/test/<method>` paths of Telegram's test environment. */
  environment: 'prod' | 'test';
  status: number;
  response: TgResponse;
  /** `Date.now()` when it was answered. */
  at: number;
}

/** A file download at `/file/bot<token>/<file_path>`. */
export interface TelegramDownload {
  filePath: string;
  status: number;
}

type ChatRef = TgChat | number;
type UserRef = TgUser | number;
type MessageRef = TgMessage | TelegramFakeMessage | { chat_id: number; message_id: number };

export interface SendTextInput {
  /** Where the user writes; the user's private chat with the bot unless given. */
  chat?: ChatRef;
  /** Who writes; the private chat's user unless given. */
  from?: UserRef;
  text: string;
  /** Replaces the entities Telegram would detect (commands, mentions, hashtags, links). */
  entities?: TgMessageEntity[];
  /** The message this one replies to (a message id in the same chat, or the message). */
  replyTo?: TgMessage | number;
}

export interface SendPhotoInput {
  chat?: ChatRef;
  from?: UserRef;
  bytes: Uint8Array;
  caption?: string;
  filename?: string;
  replyTo?: TgMessage | number;
  mediaGroupId?: string;
}

export interface PressButtonInput {
  /** The bot's message carrying the inline keyboard. */
  message: MessageRef;
  /** The callback_data of the button; the message must have a button with it. */
  data: string;
  /** Who presses; the private chat's user unless given. */
  from?: UserRef;
}

export interface InjectedMessage {
  message: TgMessage;
  /**
   * False when the bot does not get the message: group privacy mode (see `sendText`) or an
   * `allowed_updates` that leaves messages out. The message is in the chat either way.
   */
  delivered: boolean;
  /** Undefined when not delivered. */
  updateId: number | undefined;
  update: TgUpdate | undefined;
}

export interface InjectedCallbackQuery {
  callbackQuery: TgCallbackQuery;
  updateId: number;
  update: TgUpdate;
}

export interface TelegramFailure {
  errorCode: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  /** How many calls answer this way; 1 unless given. */
  times?: number;
}

export interface TelegramWebhookState extends WebhookConfig {
  pendingUpdateCount: number;
  lastErrorMessage?: string;
}

export interface WaitForOptions {
  /** 5000 unless given. */
  timeoutMs?: number;
}

export interface TelegramFake {
  /** `http://127.0.0.1:<port>`, for grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  /** The one valid token; every other token answers 401 Unauthorized. */
  readonly token: string;
  /** What getMe answers. */
  readonly botInfo: TgUser;
  /** Where a file downloads, as `https://api.telegram.org/file/bot<token>/<file_path>` would. */
  fileUrl(filePath: string): string;

  /** A simulated user with a private chat with the bot (`blocked`/`started: false` make sends fail). */
  createUser(fields?: Partial<TgUser> & { blocked?: boolean; started?: boolean }): TgUser;
  /** A group or supergroup (default) with an owner, members, administrators and the bot in it. */
  createGroup(options?: TelegramGroupOptions): TgChat;
  /** A user's private chat with the bot. */
  privateChat(user: UserRef): TgChat;
  /** Sets a user's membership (getChatMember and getChatAdministrators answer from it). */
  setMember(
    chat: ChatRef,
    user: UserRef,
    status: TgChatMemberStatus,
    rights?: TelegramAdminRights,
  ): TgChatMember;

  /**
   * A user writes text; Telegram's entities (bot_command, mention, ...) are filled in. In groups
   * the bot's privacy mode applies, as Telegram's does while getMe says
   * `can_read_all_group_messages: false` (the default): unless the bot is an administrator there,
   * it only gets commands (`/cmd` or `/cmd@its_username`) and replies to its own messages.
   */
  sendText(input: SendTextInput): InjectedMessage;
  /** A user sends a photo; it gets PhotoSizes whose files download as `bytes` (privacy mode as for text). */
  sendPhoto(input: SendPhotoInput): InjectedMessage;
  /** A user presses an inline button: a callback_query update. */
  pressButton(input: PressButtonInput): InjectedCallbackQuery;
  /** Queues any update; `update_id` is filled in unless given. Answers the update id. */
  pushUpdate(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): number;

  /**
   * POSTs an update to the webhook as Telegram would, but with the secret header of your choice:
   * the webhook's own secret unless given, `null` for none. Answers what the bot's server said.
   */
  postToWebhook(
    update: Omit<TgUpdate, 'update_id'> & { update_id?: number },
    options?: { secret?: string | null; url?: string },
  ): Promise<WebhookResponse>;
  /** The webhook the bot set, if any. */
  webhook(): TelegramWebhookState | undefined;

  /** Every call answered, in order, or those of one method (any case). */
  calls(method?: string): TelegramCall[];
  /** Every file download. */
  downloads(): TelegramDownload[];
  /** The messages of a chat (or of every chat), in order; deleted ones only when asked. */
  messages(chat?: ChatRef, options?: { includeDeleted?: boolean }): TelegramFakeMessage[];
  /** The messages the bot sent in a chat (or in every chat). */
  botMessages(chat?: ChatRef, options?: { includeDeleted?: boolean }): TelegramFakeMessage[];
  message(chat: ChatRef, messageId: number): TelegramFakeMessage | undefined;
  file(fileId: string): TelegramFakeFile | undefined;
  /** Updates queued and not yet confirmed. */
  pendingUpdates(): TgUpdate[];
  /** The bot's answer to a callback query, once it answered. */
  callbackAnswer(callbackQueryId: string): TelegramCallbackAnswer | undefined;
  chatActions(chat?: ChatRef): TelegramChatAction[];
  /** The commands set for exactly this scope and language (default scope, no language unless given). */
  commands(scope?: TgBotCommandScope, languageCode?: string): TgBotCommand[];
  /**
   * The commands a user's Telegram app would show in a chat: the first list set along the scope
   * order the Bot API documents (chat member, chat administrators, chat, all chat administrators,
   * all group or all private chats, default), each with the user's language first.
   */
  commandsShown(chat: ChatRef, user: UserRef): TgBotCommand[];
  /** True while a getUpdates call is held open, waiting for updates. */
  isPolling(): boolean;

  /**
   * Resolves with the predicate's value once it is neither undefined, null nor false. The
   * predicate is tried at once and again after every request and every injected update.
   */
  waitFor<T>(
    predicate: (fake: TelegramFake) => T | undefined | null | false,
    options?: WaitForOptions,
  ): Promise<T>;
  /** The next (or an earlier) call of a method that matches. */
  waitForCall(
    method: string,
    predicate?: (call: TelegramCall) => boolean,
    options?: WaitForOptions,
  ): Promise<TelegramCall>;

  /** The next calls of a method answer with this error instead. */
  failNext(method: string, failure: TelegramFailure): void;
  /** The next calls of a method answer 429 "Too Many Requests: retry after N" (N = 1 unless given). */
  floodNext(method: string, options?: { times?: number; retryAfter?: number }): void;

  /** Ends held getUpdates calls, stops webhook delivery and closes the server. */
  close(): Promise<void>;
}

const JSON_PARAMS = [
  'reply_markup',
  'media',
  'entities',
  'caption_entities',
  'commands',
  'scope',
  'reply_parameters',
  'allowed_updates',
  'link_preview_options',
  'message_ids',
];

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startTelegramFake(options: TelegramFakeOptions = {}): Promise<TelegramFake> {
  const now = options.now ?? Date.now;
  const token =
    options.token ??
    `${7_000_000_000 + Math.floor(Math.random() * 1e8)}:AA${randomBytes(24).toString('base64url')}`;
  const botId = Number(token.split(':', 1)[0]);
  const botInfo: TgUser = {
    id: Number.isSafeInteger(botId) && botId > 0 ? botId : 7_000_000_001,
    is_bot: true,
    first_name: 'GenHub Test',
    username: 'genhub_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...options.botInfo,
  };
  const sender: TgUser = {
    id: botInfo.id,
    is_bot: true,
    first_name: botInfo.first_name,
    ...(botInfo.username !== undefined ? { username: botInfo.username } : {}),
  };
  const limits = {
    uploadLimitBytes: options.uploadLimitBytes ?? TelegramLimits.uploadLimitBytes,
    photoLimitBytes: options.photoLimitBytes ?? TelegramLimits.photoLimitBytes,
    photoTooBigDescription: options.photoTooBigDescription ?? TelegramErrors.photoTooBig,
  };
  const world = new TelegramWorld(sender, now);
  const state: TelegramState = {
    botInfo,
    commands: new Map(),
    callbackQueries: new Map(),
    chatActions: [],
    downloadLimitBytes: options.downloadLimitBytes ?? TelegramLimits.downloadLimitBytes,
  };
  const queue = new TelegramUpdateQueue(options.firstUpdateId ?? 1);
  const rateLimiter =
    options.rateLimits === undefined || options.rateLimits === false
      ? undefined
      : new TelegramRateLimiter(options.rateLimits === true ? {} : options.rateLimits, now);
  const calls: TelegramCall[] = [];
  const downloads: TelegramDownload[] = [];
  const failures = new Map<string, TgResponse[]>();
  const waiters = new Set<() => void>();
  let sequence = 0;
  let callbackSequence = 0;

  const notify = () => {
    for (const check of [...waiters]) check();
  };

  const webhook = new TelegramWebhookSender(queue, {
    retryMs: options.webhookRetryMs ?? 100,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    now,
    runReply: async (body) => {
      const { method, ...params } = body;
      if (typeof method !== 'string') return;
      await dispatch(method, { params, files: {}, transport: 'webhook-reply' }, 'prod', undefined);
    },
    onAttempt: notify,
  });
  queue.onQueued = () => webhook.kick();

  const webhookHooks: MethodContext['webhook'] = {
    set: ({ url, secretToken, dropPendingUpdates, maxConnections, allowedUpdates }) => {
      queue.terminate(new TelegramApiError(409, TelegramErrors.terminatedBySetWebhook));
      if (dropPendingUpdates) queue.dropPending();
      queue.setAllowedUpdates(allowedUpdates);
      return webhook.set({
        url,
        dropPendingUpdates,
        maxConnections: maxConnections ?? 40,
        ...(secretToken !== undefined ? { secretToken } : {}),
        ...(allowedUpdates !== undefined ? { allowedUpdates } : {}),
      });
    },
    delete: (dropPendingUpdates) => {
      if (dropPendingUpdates) queue.dropPending();
      return webhook.delete();
    },
    info: () => webhook.info(),
  };

  const record = (call: Omit<TelegramCall, 'seq' | 'at' | 'payload'>, seq: number) => {
    const payload: Record<string, unknown> = { ...call.params };
    for (const name of JSON_PARAMS) {
      const value = payload[name];
      if (typeof value === 'string') {
        try {
          payload[name] = JSON.parse(value) as unknown;
        } catch {
          // Left as sent.
        }
      }
    }
    calls.push({ ...call, seq, payload, at: now() });
    calls.sort((a, b) => a.seq - b.seq);
  };

  /** Runs one method call and records it; answers the HTTP status and body. */
  const dispatch = async (
    method: string,
    request: {
      params: Record<string, unknown>;
      files: Record<string, FakeFile>;
      transport: TelegramTransport;
    },
    environment: 'prod' | 'test',
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; response: TgResponse }> => {
    sequence += 1;
    const seq = sequence;
    const name = method.toLowerCase();
    let response: TgResponse;
    const scripted = failures.get(name)?.shift();
    if (scripted) {
      response = scripted;
    } else {
      try {
        response = await answer(name, request, signal);
      } catch (error) {
        response =
          error instanceof TelegramApiError
            ? error.toResponse()
            : { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` };
      }
    }
    const status = response.ok ? 200 : response.error_code;
    record(
      {
        method,
        params: request.params,
        files: request.files,
        transport: request.transport,
        environment,
        status,
        response,
      },
      seq,
    );
    notify();
    return { status, response };
  };

  const answer = async (
    name: string,
    request: { params: Record<string, unknown>; files: Record<string, FakeFile> },
    signal: AbortSignal | undefined,
  ): Promise<TgResponse> => {
    const args = new TelegramArgs(request.params);
    if (name === 'getupdates') {
      if (webhook.config) throw new TelegramApiError(409, TelegramErrors.webhookConflict);
      const allowed = args.json('allowed_updates', "Bad Request: can't parse allowed updates JSON object");
      const polling = queue.poll(
        {
          offset: args.int('offset') ?? 0,
          limit: args.int('limit') ?? TelegramLimits.maxUpdatesLimit,
          timeout: args.int('timeout') ?? 0,
          ...(Array.isArray(allowed)
            ? { allowedUpdates: allowed.filter((kind) => typeof kind === 'string') }
            : {}),
        },
        signal,
      );
      if (queue.holding) setImmediate(notify);
      const result = await polling;
      if (result instanceof TelegramApiError) throw result;
      return { ok: true, result: structuredClone(result) };
    }
    const method = TELEGRAM_METHODS[name];
    if (!method) throw new TelegramApiError(404, TelegramErrors.notFound);
    const limited =
      rateLimiter && TelegramRateLimiter.counts(name) ? world.resolveChat(args.chatId()) : undefined;
    if (limited) rateLimiter?.check(limited.chat.id, limited.chat.type !== 'private');
    const outcome = method({ world, args, files: request.files, limits, state, webhook: webhookHooks, now });
    if (limited) rateLimiter?.count(limited.chat.id);
    return {
      ok: true,
      result: structuredClone(outcome.result),
      ...(outcome.description !== undefined ? { description: outcome.description } : {}),
    };
  };

  const send = (res: ServerResponse, status: number, body: unknown, contentType = 'application/json') => {
    if (res.destroyed || res.writableEnded) return;
    const bytes = body instanceof Uint8Array ? body : Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.byteLength) });
    res.end(bytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    if (segments[0] === 'file' && segments[1]?.startsWith('bot')) {
      req.resume();
      const filePath = segments
        .slice(segments[2] === 'test' ? 3 : 2)
        .map(decodeURIComponent)
        .join('/');
      if (segments[1].slice(3) !== token) {
        downloads.push({ filePath, status: 401 });
        return send(res, 401, { ok: false, error_code: 401, description: TelegramErrors.unauthorized });
      }
      const file = world.fileByPath(filePath);
      if (!file?.bytes) {
        downloads.push({ filePath, status: 404 });
        return send(res, 404, { ok: false, error_code: 404, description: TelegramErrors.notFound });
      }
      downloads.push({ filePath, status: 200 });
      notify();
      return send(res, 200, file.bytes, file.mimeType ?? 'application/octet-stream');
    }
    const botSegment = segments[0];
    if (!botSegment?.startsWith('bot')) {
      req.resume();
      return send(res, 404, { ok: false, error_code: 404, description: TelegramErrors.notFound });
    }
    if (botSegment.slice(3) !== token) {
      req.resume();
      return send(res, 401, { ok: false, error_code: 401, description: TelegramErrors.unauthorized });
    }
    const environment = segments[1] === 'test' && segments.length === 3 ? 'test' : 'prod';
    const method = environment === 'test' ? segments[2] : segments[1];
    if (method === undefined || segments.length !== (environment === 'test' ? 3 : 2)) {
      req.resume();
      return send(res, 404, { ok: false, error_code: 404, description: TelegramErrors.notFound });
    }
    const body = await readBody(req, limits.uploadLimitBytes);
    const contentType = req.headers['content-type'] ?? '';
    if (body.tooLarge) {
      sequence += 1;
      const response: TgResponse = { ok: false, error_code: 413, description: TelegramErrors.tooLarge };
      const transport: TelegramTransport = /multipart/i.test(contentType) ? 'multipart' : 'json';
      record({ method, params: {}, files: {}, transport, environment, status: 413, response }, sequence);
      notify();
      return send(res, 413, response);
    }
    let request: Awaited<ReturnType<typeof requestParams>>;
    try {
      request = await requestParams(contentType, body.bytes, url.searchParams);
    } catch {
      sequence += 1;
      const response: TgResponse = {
        ok: false,
        error_code: 400,
        description: "Bad Request: can't parse the request body",
      };
      record(
        { method, params: {}, files: {}, transport: 'json', environment, status: 400, response },
        sequence,
      );
      notify();
      return send(res, 400, response);
    }
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const { status, response } = await dispatch(method, request, environment, gone.signal);
    send(res, status, response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const apiRoot = `http://127.0.0.1:${port}`;

  const userOf = (reference: UserRef | undefined, chat: TgChat | undefined): TgUser => {
    if (reference === undefined) {
      const owner = chat?.type === 'private' ? world.users.get(chat.id)?.user : undefined;
      if (!owner) throw new Error('Say who sends it: `from` is needed outside a private chat.');
      return owner;
    }
    if (typeof reference !== 'number') return reference;
    if (reference === botInfo.id) return sender;
    const user = world.users.get(reference)?.user;
    if (!user) throw new Error(`The Telegram fake has no user ${reference}; make one with createUser().`);
    return user;
  };
  const chatOf = (reference: ChatRef | undefined, from: UserRef | undefined) => {
    if (reference === undefined) {
      const userId = typeof from === 'number' ? from : from?.id;
      const chat = userId === undefined ? undefined : world.chats.get(userId);
      if (!chat) throw new Error('Say where it is sent: `chat` (or a `from` user with a private chat).');
      return chat;
    }
    const id = typeof reference === 'number' ? reference : reference.id;
    const chat = world.chats.get(id);
    if (!chat)
      throw new Error(`The Telegram fake has no chat ${id}; make one with createUser() or createGroup().`);
    return chat;
  };
  const replyOf = (chatId: number, replyTo: TgMessage | number | undefined): TgMessage | undefined => {
    if (replyTo === undefined) return undefined;
    const id = typeof replyTo === 'number' ? replyTo : replyTo.message_id;
    const target = world.findMessage(chatId, id);
    if (!target) throw new Error(`Chat ${chatId} has no message ${id} to reply to.`);
    const { reply_to_message: _nested, ...shown } = target.message;
    return shown;
  };
  const inject = (update: Omit<TgUpdate, 'update_id'> & { update_id?: number }) => {
    const pushed = queue.push(structuredClone(update));
    notify();
    return pushed.update;
  };
  const userWrites = (
    input: { chat?: ChatRef; from?: UserRef; replyTo?: TgMessage | number },
    content: Omit<TgMessage, 'message_id' | 'date' | 'chat' | 'from'>,
    files: TelegramFakeFile[] = [],
  ): InjectedMessage => {
    const chat = chatOf(input.chat, input.from);
    const from = userOf(input.from, chat.chat);
    if (chat.chat.type !== 'private' && !chat.members.has(from.id))
      world.setMember(chat.chat.id, from, 'member');
    const reply = replyOf(chat.chat.id, input.replyTo);
    const stored = world.addMessage(
      chat,
      { from, ...(reply ? { reply_to_message: reply } : {}), ...content },
      false,
      files,
    );
    const message = structuredClone(stored.message);
    if (!botSees(chat, stored.message)) {
      notify();
      return { message, delivered: false, updateId: undefined, update: undefined };
    }
    const pushed = queue.push(structuredClone({ message: stored.message }));
    notify();
    return pushed.queued
      ? { message, delivered: true, updateId: pushed.update.update_id, update: pushed.update }
      : { message, delivered: false, updateId: undefined, update: undefined };
  };
  /** Group privacy mode: what a bot that cannot read all group messages still gets. */
  const botSees = (chat: ChatRecord, message: TgMessage): boolean => {
    if (chat.chat.type === 'private' || chat.chat.type === 'channel' || botInfo.can_read_all_group_messages) {
      return true;
    }
    const status = world.member(chat.chat.id, botInfo.id).status;
    if (status === 'administrator' || status === 'creator') return true;
    if (message.reply_to_message?.from?.id === botInfo.id) return true;
    const text = message.text ?? message.caption ?? '';
    const entities = message.entities ?? message.caption_entities ?? [];
    return entities.some((entity) => {
      if (entity.type !== 'bot_command') return false;
      const target = text.slice(entity.offset, entity.offset + entity.length).split('@')[1];
      return target === undefined || target.toLowerCase() === botInfo.username?.toLowerCase();
    });
  };
  const messageList = (chat: ChatRef | undefined, includeDeleted: boolean) => {
    const records =
      chat === undefined
        ? [...world.chats.values()]
        : [world.chats.get(typeof chat === 'number' ? chat : chat.id)];
    const all = records.flatMap((entry) => (entry ? [...entry.messages.values()] : []));
    return all.filter((stored) => includeDeleted || !stored.deleted);
  };

  let closing: Promise<void> | undefined;

  const fake: TelegramFake = {
    apiRoot,
    token,
    botInfo,
    fileUrl: (filePath) => `${apiRoot}/file/bot${token}/${filePath}`,

    createUser: (fields) => world.addUser(fields),
    createGroup: (groupOptions = {}) => world.addGroup(groupOptions),
    privateChat: (user) => chatOf(undefined, user).chat,
    setMember: (chat, user, status, rights) => {
      const record = chatOf(chat, undefined);
      return world.setMember(record.chat.id, userOf(user, record.chat), status, rights);
    },

    sendText: (input) => {
      const entities = input.entities ?? detectEntities(input.text);
      return userWrites(input, { text: input.text, ...(entities.length > 0 ? { entities } : {}) });
    },
    sendPhoto: (input) => {
      const { sizes, largest } = world.photoSizes(input.bytes, {
        ...(input.filename !== undefined ? { filename: input.filename } : {}),
      });
      const captionEntities = input.caption === undefined ? [] : detectEntities(input.caption);
      return userWrites(
        input,
        {
          photo: sizes,
          ...(input.caption !== undefined ? { caption: input.caption } : {}),
          ...(captionEntities.length > 0 ? { caption_entities: captionEntities } : {}),
          ...(input.mediaGroupId !== undefined ? { media_group_id: input.mediaGroupId } : {}),
        },
        [largest],
      );
    },
    pressButton: (input) => {
      const reference = input.message;
      const chatId =
        'chatId' in reference
          ? reference.chatId
          : 'chat_id' in reference
            ? reference.chat_id
            : reference.chat.id;
      const messageId = 'messageId' in reference ? reference.messageId : reference.message_id;
      const stored = world.findMessage(chatId, messageId);
      if (!stored) throw new Error(`Chat ${chatId} has no message ${messageId} (deleted, or never sent).`);
      const buttons = (stored.message.reply_markup?.inline_keyboard ?? []).flat();
      if (!buttons.some((button) => button.callback_data === input.data)) {
        const offered = buttons.map((button) => JSON.stringify(button.callback_data ?? null)).join(', ');
        throw new Error(
          `Message ${messageId} has no button with callback_data ${JSON.stringify(input.data)} (it has ${offered || 'none'}).`,
        );
      }
      const chat = world.chats.get(chatId)!;
      const from = userOf(input.from, chat.chat);
      callbackSequence += 1;
      const query: TgCallbackQuery = {
        id: `${BigInt(botInfo.id) * 1000n + BigInt(callbackSequence)}${randomBytes(3).readUIntBE(0, 3)}`,
        from,
        message: structuredClone(stored.message),
        chat_instance: chat.chatInstance,
        data: input.data,
      };
      const entry: CallbackQueryRecord = { query };
      state.callbackQueries.set(query.id, entry);
      const update = inject({ callback_query: query });
      return { callbackQuery: structuredClone(query), updateId: update.update_id, update };
    },
    pushUpdate: (update) => inject(update).update_id,

    postToWebhook: async (update, postOptions = {}) => {
      const url = postOptions.url ?? webhook.config?.url;
      if (url === undefined)
        throw new Error('No webhook is set; pass `url` or let the bot call setWebhook first.');
      const secret =
        postOptions.secret === undefined ? webhook.config?.secretToken : (postOptions.secret ?? undefined);
      const full = { ...update, update_id: update.update_id ?? queue.allocateId() } as TgUpdate;
      return postUpdate(url, full, secret);
    },
    webhook: () => {
      const config = webhook.config;
      if (!config) return undefined;
      const info = webhook.info();
      return {
        ...structuredClone(config),
        pendingUpdateCount: info.pending_update_count,
        ...(info.last_error_message !== undefined ? { lastErrorMessage: info.last_error_message } : {}),
      };
    },

    calls: (method) =>
      method === undefined
        ? [...calls]
        : calls.filter((call) => call.method.toLowerCase() === method.toLowerCase()),
    downloads: () => [...downloads],
    messages: (chat, listOptions = {}) => messageList(chat, listOptions.includeDeleted ?? false),
    botMessages: (chat, listOptions = {}) =>
      messageList(chat, listOptions.includeDeleted ?? false).filter((stored) => stored.fromBot),
    message: (chat, messageId) =>
      world.chats.get(typeof chat === 'number' ? chat : chat.id)?.messages.get(messageId),
    file: (fileId) => world.files.get(fileId),
    pendingUpdates: () => structuredClone(queue.pending()),
    callbackAnswer: (id) => state.callbackQueries.get(id)?.answer,
    chatActions: (chat) => {
      const id = chat === undefined ? undefined : typeof chat === 'number' ? chat : chat.id;
      return state.chatActions.filter((action) => id === undefined || action.chatId === id);
    },
    commands: (scope = { type: 'default' }, languageCode = '') => {
      const resolved: TgBotCommandScope = { ...scope };
      if (resolved.chat_id !== undefined) resolved.chat_id = world.resolveChat(resolved.chat_id).chat.id;
      return structuredClone(state.commands.get(commandsKey(resolved, languageCode)) ?? []);
    },

    commandsShown: (chatRef, userRef) => {
      const chat = chatOf(chatRef, undefined);
      const user = userOf(userRef, chat.chat);
      const language = user.language_code ?? '';
      const chatId = chat.chat.id;
      const status = world.member(chatId, user.id).status;
      const admin = status === 'creator' || status === 'administrator';
      const scopes: TgBotCommandScope[] =
        chat.chat.type === 'private'
          ? [{ type: 'chat', chat_id: chatId }, { type: 'all_private_chats' }, { type: 'default' }]
          : [
              { type: 'chat_member', chat_id: chatId, user_id: user.id },
              ...(admin ? [{ type: 'chat_administrators', chat_id: chatId } as const] : []),
              { type: 'chat', chat_id: chatId },
              ...(admin ? [{ type: 'all_chat_administrators' } as const] : []),
              { type: 'all_group_chats' },
              { type: 'default' },
            ];
      for (const scope of scopes) {
        for (const code of language === '' ? [''] : [language, '']) {
          const list = state.commands.get(commandsKey(scope, code));
          if (list && list.length > 0) return structuredClone(list);
        }
      }
      return [];
    },
    isPolling: () => queue.holding,

    waitFor: <T>(
      predicate: (fake: TelegramFake) => T | undefined | null | false,
      waitOptions: WaitForOptions = {},
    ): Promise<T> => {
      const timeoutMs = waitOptions.timeoutMs ?? 5000;
      return new Promise<T>((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = () => {
          let value: T | undefined | null | false;
          try {
            value = predicate(fake);
          } catch (error) {
            cleanup();
            reject(error);
            return;
          }
          if (value !== undefined && value !== null && value !== false) {
            cleanup();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          const recent = calls
            .slice(-8)
            .map((call) => `${call.method} ${call.status}`)
            .join(', ');
          reject(
            new Error(
              `TelegramFake.waitFor timed out after ${timeoutMs} ms (last calls: ${recent || 'none'}).`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    waitForCall: (method, predicate = () => true, waitOptions) =>
      fake.waitFor(
        () => calls.find((call) => call.method.toLowerCase() === method.toLowerCase() && predicate(call)),
        waitOptions,
      ),

    failNext: (method, failure) => {
      const list = failures.get(method.toLowerCase()) ?? [];
      const response: TgResponse = {
        ok: false,
        error_code: failure.errorCode,
        description: failure.description,
        ...(failure.parameters ? { parameters: failure.parameters } : {}),
      };
      for (let index = 0; index < (failure.times ?? 1); index += 1) list.push(response);
      failures.set(method.toLowerCase(), list);
    },
    floodNext: (method, flood = {}) => {
      const error = tooManyRequests(flood.retryAfter ?? 1);
      fake.failNext(method, {
        errorCode: error.errorCode,
        description: error.description,
        parameters: error.parameters ?? {},
        times: flood.times ?? 1,
      });
    },

    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        queue.close();
        webhook.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Let answered long polls reach their clients before the sockets go.
        setImmediate(() => server.closeAllConnections());
      });
      return closing;
    },
  };
  return fake;
}
