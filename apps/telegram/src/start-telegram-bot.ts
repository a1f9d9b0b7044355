import {
  type ChatController,
  type ChatGenHub,
  type ChatMessageHandle,
  findCommand,
  type InputImage,
  isFirstDelivery,
  userMessage,
} from '@genhub/chat';
import type { JsonObject, Logger } from '@genhub/core';
import { autoRetry } from '@grammyjs/auto-retry';
import { type RunnerHandle, run, sequentialize } from '@grammyjs/runner';
import { Bot, BotError, type Context } from 'grammy';
import type { MaybeInaccessibleMessage, Message, Update } from 'grammy/types';
import { abortOnStop } from './abort-on-stop.js';
import { apiFailureLog } from './api-failure-log.js';
import { botCommands } from './bot-commands.js';
import { ChatAdmins } from './chat-admins.js';
import { UPDATE_CLAIM } from './claim-update.js';
import { downloadImage, imageSource } from './input-image.js';
import { registerWebhook, type WebhookRegistration } from './register-webhook.js';
import { FRONT_END, telegramActor } from './telegram-actor.js';
import type { TelegramConfig } from './telegram-config.js';
import { describeTelegramError } from './telegram-errors.js';
import { TelegramMessageHandle } from './telegram-message-handle.js';
import { TelegramOutbox } from './telegram-outbox.js';
import { TelegramSurface } from './telegram-surface.js';
import { typedCommand } from './typed-command.js';
import { startWebhookServer, type WebhookServer } from './webhook-server.js';

export interface StartTelegramBotOptions {
  genhub: ChatGenHub;
  controller: ChatController;
  config: TelegramConfig;
  /** GenHub's logger unless given. */
  logger?: Logger;
  /** How long `stop` may take in all; 10 s unless given. */
  stopGraceMs?: number;
}

/** A running bot. */
export interface TelegramBot {
  bot: Bot;
  /** In webhook mode, where the local server listens (behind the HTTPS proxy). */
  webhookAddress?: string;
  /**
   * Stops taking updates (long polling ends, the webhook server closes), waits for updates being
   * handled, then ends every Bot API call still under way or retrying: done within its grace
   * (`stopGraceMs`) whatever Telegram does. Jobs keep running; the caller closes the controller and
   * GenHub.
   */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** How long `stop` may take in all, by default. */
const STOP_GRACE_MS = 10_000;
/** Of the grace, what is kept for confirming the last update after those being handled. */
const CONFIRM_SHARE = 0.2;
const MB = 1024 * 1024;

/**
 * Puts GenHub's chat on Telegram: text commands (also as a photo's caption), inline keyboards, and
 * results as photos, videos, audio and documents. Long polling with @grammyjs/runner (one update at a
 * time per chat) unless a webhook is configured; 429 and 5xx answers are retried; every Telegram
 * error is logged, none is shown to users as is, and no update can crash the process. Each update is
 * claimed in the store before it is acted on, so one delivered twice (even to another process) runs
 * once. Follows again the jobs that were running when it last stopped.
 */
export async function startTelegramBot(options: StartTelegramBotOptions): Promise<TelegramBot> {
  const { genhub, controller, config } = options;
  const stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
  const logger = (options.logger ?? genhub.logger).child({ frontEnd: FRONT_END });
  const bot = new Bot(config.token, {
    client: config.apiRoot !== undefined ? { apiRoot: config.apiRoot } : {},
  });
  const stopped = new AbortController();
  bot.api.config.use(apiFailureLog(logger, config.token));
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: config.retry.maxAttempts, maxDelaySeconds: config.retry.maxDelaySeconds }),
  );
  bot.api.config.use(abortOnStop(stopped.signal));
  const outbox = new TelegramOutbox(bot.api, config, genhub.store.records, logger);
  const admins = new ChatAdmins(bot.api, config.adminCacheMs, logger, config.token);
  const describe = (error: unknown) => describeTelegramError(error, config.token);
  bot.catch((error) => logger.error('a Telegram update failed', { error: describe(error.error) }));
  const inFlight = new Set<Promise<void>>();
  let lastUpdateId: number | undefined;
  bot.use(async (ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    const handled = (async () => {
      const updateId = ctx.update.update_id;
      const key = `${bot.botInfo.id}:${updateId}`;
      if (!(await isFirstDelivery(genhub.store.records, UPDATE_CLAIM, key, logger, { updateId }))) return;
      // A button press is answered at once (before waiting for its chat's turn), so it stops spinning.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
      await next();
    })();
    inFlight.add(handled);
    try {
      await handled;
    } finally {
      inFlight.delete(handled);
    }
  });
  // One update at a time per chat, so a chat's commands and presses keep their order.
  if (!config.webhook) bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  const updates = bot.errorBoundary((error) =>
    logger.error('a Telegram update failed', { error: describe(error.error) }),
  );

  updates.on('message', async (ctx) => {
    const message = ctx.msg;
    const from = message.from;
    if (!from) return;
    const command = typedCommand(message, ctx.me.username);
    if (!command) return;
    const name = command.name === 'start' && !findCommand('start') ? 'help' : command.name;
    const spec = findCommand(name);
    // In a group, an unknown command is likely another bot's, unless it names this one.
    if (!spec && message.chat.type !== 'private' && !command.addressed) return;
    const surface = new TelegramSurface(outbox, {
      chatId: message.chat.id,
      isPrivate: message.chat.type === 'private',
      replyTo: message.message_id,
      ...threadOf(message),
      userId: from.id,
    });
    const actor = await telegramActor(admins, message.chat, from, message.sender_chat);
    let images: InputImage[] | undefined;
    const takesImage =
      spec?.kind === 'generation' &&
      (spec.needsImage || spec.tasks.some((task) => task.startsWith('image-')));
    const source = takesImage ? imageSource(message) : undefined;
    if (source) {
      try {
        const maxInput = genhub.config.jobs.maxInputMegabytes * MB;
        images = [await downloadImage(bot.api, config, source, maxInput, logger)];
      } catch (error) {
        await surface.reply({ text: userMessage(error) }).catch(() => {});
        return;
      }
    }
    await controller.command(actor, surface, { name, text: command.text, ...(images ? { images } : {}) });
  });

  updates.on('callback_query:data', async (ctx) => {
    const query = ctx.callbackQuery;
    const message = query.message;
    if (!message) return; // A button under an inline-mode message: GenHub makes none.
    const accessible = message.date !== 0;
    const surface = new TelegramSurface(outbox, {
      chatId: message.chat.id,
      isPrivate: message.chat.type === 'private',
      ...(accessible ? { replyTo: message.message_id } : {}),
      ...threadOf(message),
      userId: query.from.id,
    });
    const pressed = accessible ? surface.handleFor(message.message_id, hasMedia(message)) : undefined;
    const actor = await telegramActor(admins, message.chat, query.from);
    await controller.press(actor, surface, query.data, pressed);
  });

  try {
    await bot.init();
  } catch (error) {
    throw new Error(`The Telegram bot could not start: ${describe(error)}.`);
  }
  await bot.api
    .setMyCommands(botCommands(controller.definitions()))
    .catch((error: unknown) =>
      logger.warn('could not register the command list', { error: describe(error) }),
    );

  const restore = (ref: JsonObject): ChatMessageHandle | undefined => {
    const { chatId, messageId, threadId } = ref;
    if (typeof chatId !== 'number' || typeof messageId !== 'number') return undefined;
    const place = { chatId, ...(typeof threadId === 'number' ? { threadId } : {}) };
    return new TelegramMessageHandle(outbox, place, { id: messageId, isMedia: false });
  };
  // One pace for every resumed job: the slower group pace is within Telegram's limits everywhere.
  const resumed = await controller.resume(FRONT_END, restore, outbox.limits(false));
  if (resumed > 0) logger.info('following unfinished Telegram jobs again', { resumed });

  let runner: RunnerHandle | undefined;
  let server: WebhookServer | undefined;
  if (config.webhook) {
    // Answered at once; handled in the background (the first middleware keeps it in `inFlight`).
    const receive = (update: Update) =>
      void bot.handleUpdate(update).catch((error: unknown) =>
        logger.error('a Telegram update failed', {
          error: describe(error instanceof BotError ? error.error : error),
        }),
      );
    server = await startWebhookServer(config.webhook, receive, logger);
    let registration: WebhookRegistration;
    try {
      registration = await registerWebhook(
        bot.api,
        genhub.store.records,
        bot.botInfo.id,
        config.webhook,
        ALLOWED_UPDATES,
        logger,
      );
    } catch (error) {
      await server.close();
      throw new Error(`The Telegram webhook could not be set: ${describe(error)}.`);
    }
    logger.info('Telegram bot started with a webhook', {
      bot: ctxName(bot),
      listening: server.address,
      webhook: registration,
    });
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, {
      runner: {
        fetch: { timeout: config.pollingTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        silent: true, // Failed calls are logged by the API log, without the token.
      },
    });
    void runner
      .task()
      ?.catch((error: unknown) => logger.error('Telegram long polling stopped', { error: describe(error) }));
    logger.info('Telegram bot started with long polling', { bot: ctxName(bot) });
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const startedAt = Date.now();
      const confirmWithin = Math.round(stopGraceMs * CONFIRM_SHARE);
      await within(
        Promise.allSettled([
          runner?.isRunning() ? runner.stop() : undefined,
          server?.close(),
          Promise.allSettled([...inFlight]),
        ]),
        stopGraceMs - confirmWithin,
      );
      // Confirm what was handled, so a restart is not handed the same updates (they would be skipped).
      if (runner && lastUpdateId !== undefined) {
        const left = Math.max(0, stopGraceMs - (Date.now() - startedAt));
        const signal = AbortSignal.timeout(left) as unknown as Parameters<typeof bot.api.getUpdates>[1];
        await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }, signal).catch(() => {});
      }
      // Whatever is still under way or waiting to retry (Telegram unreachable) ends now.
      stopped.abort();
    })();
    return stopping;
  };
  return { bot, ...(server ? { webhookAddress: server.address } : {}), stop };
}

/** Forum topics: answer in the topic the message came from. */
function threadOf(message: MaybeInaccessibleMessage): { threadId?: number } {
  if (message.date === 0) return {};
  const full = message as Message;
  return full.is_topic_message && full.message_thread_id !== undefined
    ? { threadId: full.message_thread_id }
    : {};
}

/** Whether a message's text is a caption (photos, videos, audio, documents). */
function hasMedia(message: MaybeInaccessibleMessage): boolean {
  if (message.date === 0) return false;
  const full = message as Message;
  return Boolean(full.photo || full.video || full.animation || full.audio || full.voice || full.document);
}

function ctxName(bot: Bot): string {
  return `@${bot.botInfo.username}`;
}

/** Waits for `work`, or `ms` at most. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, late]);
  clearTimeout(timer);
}
