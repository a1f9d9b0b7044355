import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import type { TgUser } from '@genhub/chat-fakes';
import {
  startTelegramFake,
  type TelegramFake,
  type TelegramFakeMessage,
  type TelegramFakeOptions,
} from '@genhub/chat-fakes';
import {
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
  type ProviderPlugin,
  Redactor,
} from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import {
  startTelegramBot,
  type TelegramBot,
  type TelegramConfig,
  telegramConfigFromEnv,
} from '../src/index.js';

/** A GenHub with the fake provider, the fake Telegram Bot API, and the real grammY bot between them. */
export interface Harness {
  fake: TelegramFake;
  genhub: GenHub;
  controller: ChatController;
  telegram: TelegramBot;
  config: TelegramConfig;
  dataDir: string;
  /** Everything GenHub and the bot logged. */
  logs: MemoryLogLine[];
  /** A user with a private chat with the bot, and credits unless `credits` is 0. */
  user(fields?: Parameters<TelegramFake['createUser']>[0], credits?: number): Promise<TgUser>;
  /** The job a message names (`job <id>`). */
  jobOf(message: TelegramFakeMessage): Promise<JobRecord>;
  /** Every job of a Telegram user, and what their ledger says of each: its entry kinds. */
  jobsOf(user: TgUser): Promise<{ jobs: JobRecord[]; entries: Record<string, string[]> }>;
  /** Starts the bot again on the same GenHub and fake (after `stopBot`). */
  restartBot(): Promise<TelegramBot>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: TelegramFakeOptions;
  config?: Partial<TelegramConfig>;
  genhub?: GenHubConfigInput;
  /** Webhook mode, on a free loopback port. */
  webhook?: boolean;
  /**
   * Another harness whose fake and data folder this one shares, as a second bot process behind the
   * same load balancer would (the same webhook URL and secret, its own local port); closing this one
   * leaves them be.
   */
  beside?: Harness;
  /** How long the bot's `stop` may take; its default unless given. */
  stopGraceMs?: number;
  /** The scripted fake provider unless given; plugins' settings (`GENHUB_<ID>_*`) in `env`. */
  plugins?: readonly ProviderPlugin[];
  env?: Readonly<Record<string, string>>;
}

const open: Harness[] = [];

/** Closes every harness a test left open (for `afterEach`). */
export async function closeHarnesses(): Promise<void> {
  // The latest first: a harness started beside another shares its fake.
  for (const harness of open.splice(0).reverse()) await harness.close();
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = options.beside?.fake ?? (await startTelegramFake(options.fake));
  const dataDir = options.beside?.dataDir ?? mkdtempSync(join(tmpdir(), 'genhub-telegram-'));
  // No secrets given to the log: the bot itself must keep its token out.
  const { logger, lines: logs } = createMemoryLogger({ redactor: new Redactor() });
  const genhub = await createGenHub(
    {
      dataDir,
      limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
      chat: { confirmAboveUsd: 100 },
      ...options.genhub,
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    {
      plugins: options.plugins ?? [fakePlugin],
      env: { GENHUB_FAKE_API_KEY: 'fake-key-123456', ...options.env },
      logger,
    },
  );
  await genhub.start();
  let controller = new ChatController(genhub);
  const config: TelegramConfig = {
    ...telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }),
    uploadLimitBytes: 50 * 1024 * 1024,
    editIntervalMs: { private: 20, group: 40 },
    pollingTimeoutSeconds: 1,
    retry: { maxAttempts: 2, maxDelaySeconds: 2 },
    ...options.config,
  };
  if (options.webhook) {
    const port = await freePort();
    config.webhook = {
      url: options.beside?.config.webhook?.url ?? `http://127.0.0.1:${port}/telegram`,
      secret: 'webhook_SECRET-123',
      host: '127.0.0.1',
      port,
      path: '/telegram',
    };
  }
  const start = () =>
    startTelegramBot({
      genhub,
      controller,
      config,
      logger,
      ...(options.stopGraceMs === undefined ? {} : { stopGraceMs: options.stopGraceMs }),
    });
  let telegram = await start();
  let closing: Promise<void> | undefined;
  const harness: Harness = {
    fake,
    genhub,
    get controller() {
      return controller;
    },
    get telegram() {
      return telegram;
    },
    config,
    dataDir,
    logs,
    user: async (fields = {}, credits = 5) => {
      const user = fake.createUser(fields);
      if (credits > 0)
        await genhub.store.ledger.grant({ kind: 'user', id: `telegram:${user.id}` }, credits * 1_000_000);
      return user;
    },
    jobOf: async (message) => {
      const text = message.message.text ?? message.message.caption ?? '';
      const id = /job (\w+)/.exec(text)?.[1];
      const job = id === undefined ? undefined : await genhub.generation.get(id);
      if (!job) throw new Error(`no job in ${JSON.stringify(text)}`);
      return job;
    },
    jobsOf: async (user) => {
      const userId = `telegram:${user.id}`;
      const { items: jobs } = await genhub.store.jobs.usage({ userId, limit: 100 });
      const entries: Record<string, string[]> = {};
      for (const entry of await genhub.store.ledger.entries({ kind: 'user', id: userId }, 1000)) {
        if (entry.jobId) entries[entry.jobId] = [...(entries[entry.jobId] ?? []), entry.kind];
      }
      for (const kinds of Object.values(entries)) kinds.sort();
      return { jobs, entries };
    },
    restartBot: async () => {
      // A restart is a new process: a new conversation engine on the same store.
      controller.close();
      controller = new ChatController(genhub);
      telegram = await start();
      return telegram;
    },
    close: () => {
      closing ??= (async () => {
        controller.close();
        await telegram.stop();
        await genhub.close();
        if (options.beside) return;
        await fake.close();
        rmSync(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
  open.push(harness);
  return harness;
}

/** The text of a message, or its caption. */
export function textOf(message: TelegramFakeMessage | undefined): string {
  return message?.message.text ?? message?.message.caption ?? '';
}

/** The callback data of a message's button by its label. */
export function buttonData(message: TelegramFakeMessage, label: string): string {
  const button = (message.message.reply_markup?.inline_keyboard ?? [])
    .flat()
    .find((candidate) => candidate.text === label);
  if (!button?.callback_data) throw new Error(`no ${label} button on ${JSON.stringify(message.message)}`);
  return button.callback_data;
}

/** A loopback port nobody listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
