import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import { type DiscordFake, type DiscordFakeOptions, startDiscordFake } from '@genhub/chat-fakes';
import {
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type GenHubConfigInput,
  type MemoryLogLine,
  type ProviderPlugin,
} from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import { deployCommands } from '../src/deploy-commands.js';
import { type DiscordConfig, discordConfigFromEnv } from '../src/discord-config.js';
import { type DiscordBot, startDiscordBot } from '../src/start-discord-bot.js';

/** The Discord fake, GenHub with the scripted fake provider, and the bot between them. */
export interface BotHarness {
  fake: DiscordFake;
  genhub: GenHub;
  controller: ChatController;
  bot: DiscordBot;
  config: DiscordConfig;
  dataDir: string;
  /** Everything GenHub and the bot logged. */
  logs: MemoryLogLine[];
  /** Gives a Discord user credits, in USD. */
  grant(userId: string, usd: number): Promise<void>;
  /** Stops the bot, the controller and GenHub (not the fake): what a process exit does. */
  stopGenHub(): Promise<void>;
  /** Starts GenHub and the bot again on the same data folder and fake, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  fake?: DiscordFakeOptions;
  genhub?: GenHubConfigInput;
  /** The scripted fake provider unless given. */
  plugins?: readonly ProviderPlugin[];
  /** More variables: `DISCORD_*` (such as the shard settings) and the plugins' `GENHUB_<ID>_*`. */
  env?: Readonly<Record<string, string>>;
  /**
   * Another harness whose fake and data folder this one shares, as a second bot process of the same
   * bot on the same database would; closing this one leaves the fake open.
   */
  beside?: BotHarness;
}

/**
 * Starts everything on loopback: the fake Discord, GenHub on a temp folder, commands deployed
 * through `deployCommands`, and a real discord.js client logged in through `startDiscordBot`.
 */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const fake = options.beside?.fake ?? (await startDiscordFake(options.fake));
  const dataDir = options.beside?.dataDir ?? mkdtempSync(join(tmpdir(), 'genhub-discord-'));
  const { logger, lines } = createMemoryLogger({ level: 'debug' });
  const config = discordConfigFromEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_EDIT_INTERVAL_MS: '20',
    ...options.env,
  });

  const boot = async () => {
    const genhub = await createGenHub(
      {
        dataDir,
        ...options.genhub,
        trustedOrigins: [fake.url, ...(options.genhub?.trustedOrigins ?? [])],
        jobs: { pollInitialMs: 5, pollMaxMs: 20 },
      },
      {
        plugins: options.plugins ?? [fakePlugin],
        env: { GENHUB_FAKE_API_KEY: 'fake-key-123456', ...options.env },
        logger,
      },
    );
    const controller = new ChatController(genhub);
    // The bot resumes unfinished jobs before GenHub drives them again, so none ends unseen.
    const bot = await startDiscordBot({ genhub, controller, config, logger });
    await genhub.start();
    return { genhub, controller, bot };
  };

  let running = await boot();
  if (!options.beside) await deployCommands(config, running.controller.definitions());
  let stopped = false;
  const harness: BotHarness = {
    fake,
    get genhub() {
      return running.genhub;
    },
    get controller() {
      return running.controller;
    },
    get bot() {
      return running.bot;
    },
    config,
    dataDir,
    logs: lines,
    async grant(userId, usd) {
      await running.genhub.store.ledger.grant(
        { kind: 'user', id: `discord:${userId}` },
        Math.round(usd * 1e6),
      );
    },
    async stopGenHub() {
      if (stopped) return;
      stopped = true;
      await running.bot.stop();
      running.controller.close();
      await running.genhub.close();
    },
    async restart() {
      await harness.stopGenHub();
      running = await boot();
      stopped = false;
    },
    async close() {
      await harness.stopGenHub();
      if (!options.beside) await fake.close();
    },
  };
  return harness;
}
