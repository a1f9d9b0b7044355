import type { ChatController } from '@genhub/chat';
import { ConfigError, type GenHub, type Logger } from '@genhub/core';
import {
  DISCORD_INTERACTIONS_PATH,
  discordConfigFromEnv,
  startDiscordBot,
  startDiscordInteractionsBot,
} from '@genhub/discord';
import { startTelegramBot, telegramConfigFromEnv } from '@genhub/telegram';
import type { HttpServer } from './http-server.js';

/** A chat front end `genhub start` runs, by name. */
export interface RunningFrontEnd {
  name: 'Discord' | 'Telegram';
  stop(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Starts the Discord bot when DISCORD_TOKEN is set (over the gateway, or with DISCORD_PUBLIC_KEY as
 * the interactions endpoint on `http` at /discord/interactions) and the Telegram bot when
 * TELEGRAM_BOT_TOKEN is, on one shared core. A bot that cannot start stops the ones already started
 * and throws one sentence.
 */
export async function startFrontEnds(
  genhub: GenHub,
  controller: ChatController,
  logger: Logger,
  env: Env = process.env,
  http?: Pick<HttpServer, 'mount'>,
): Promise<RunningFrontEnd[]> {
  const running: RunningFrontEnd[] = [];
  let starting: RunningFrontEnd['name'] = 'Discord';
  try {
    if (env.DISCORD_TOKEN?.trim()) {
      const config = discordConfigFromEnv(env);
      if (config.publicKey !== undefined) {
        if (http === undefined) throw new Error('the interactions endpoint needs the HTTP server');
        const bot = await startDiscordInteractionsBot({ genhub, controller, config, logger });
        http.mount(
          DISCORD_INTERACTIONS_PATH,
          (request, response) => void bot.handleRequest(request, response),
        );
        running.push({ name: 'Discord', stop: () => bot.stop() });
      } else {
        const bot = await startDiscordBot({ genhub, controller, config, logger });
        running.push({ name: 'Discord', stop: () => bot.stop() });
      }
    }
    if (env.TELEGRAM_BOT_TOKEN?.trim()) {
      starting = 'Telegram';
      const bot = await startTelegramBot({ genhub, controller, config: telegramConfigFromEnv(env), logger });
      running.push({ name: 'Telegram', stop: () => bot.stop() });
    }
  } catch (error) {
    await Promise.allSettled(running.map((frontEnd) => frontEnd.stop()));
    if (error instanceof ConfigError) throw error;
    throw new Error(
      `The ${starting} bot could not start (${error instanceof Error ? error.message : String(error)}); run "genhub doctor" to check its token and settings.`,
    );
  }
  return running;
}
