import type { ChatController, ChatGenHub } from '@genhub/chat';
import type { JsonObject, Logger } from '@genhub/core';
import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import { FRONT_END } from './command-request.js';
import { describeDiscordError } from './describe-discord-error.js';
import type { DiscordConfig } from './discord-config.js';
import { DiscordInteractionHandler } from './discord-interaction-handler.js';
import { discordSurfaceLimits } from './discord-limits.js';
import { DiscordMessageHandle, parseDiscordMessageRef } from './discord-message-handle.js';
import { shardPlan } from './discord-shards.js';
import { makeDiscordRequest } from './make-discord-request.js';
import { sharedIdentifyThrottler } from './shared-identify-throttler.js';

export interface StartDiscordBotOptions {
  genhub: ChatGenHub;
  controller: ChatController;
  config: DiscordConfig;
  /** GenHub's logger unless given. */
  logger?: Logger;
}

/** A running bot. */
export interface DiscordBot {
  client: Client<true>;
  /**
   * Stops taking interactions, waits (a while) for those being handled, and disconnects. Jobs keep
   * running; the caller closes the controller and GenHub.
   */
  stop(): Promise<void>;
}

/** How long `stop` waits for interactions being handled. */
const STOP_GRACE_MS = 10_000;

/**
 * Puts GenHub's chat on Discord: logs a discord.js client in (the Guilds intent only, no privileged
 * one; REST through `DISCORD_API_URL` when set, the gateway following from its `/gateway/bot`) with
 * this process's shards (see `shardPlan`),
 * answers slash commands, buttons and autocomplete through the chat controller, and, once ready,
 * follows again the jobs that were running when it last stopped. Every Discord error is logged;
 * none reaches a user as is, and none can crash the process.
 */
export async function startDiscordBot(options: StartDiscordBotOptions): Promise<DiscordBot> {
  const { genhub, controller, config } = options;
  const logger = (options.logger ?? genhub.logger).child({ frontEnd: FRONT_END });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...shardPlan(config),
    // Several processes share Discord's IDENTIFY limit: pace them through the store.
    ...(config.shardProcesses === undefined
      ? {}
      : {
          ws: {
            buildIdentifyThrottler: sharedIdentifyThrottler(
              genhub.store.records,
              config.applicationId,
              logger,
            ),
          },
        }),
    rest: { makeRequest: makeDiscordRequest, ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }) },
  });
  client.on(Events.Error, (error) => logger.error('the Discord client failed', describeDiscordError(error)));
  client.on(Events.Warn, (message) => logger.warn('Discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn('disconnected from the Discord gateway', { shardId, code: event.code }),
  );
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.debug('Discord rate limit', {
      route: info.route,
      retryAfterMs: info.retryAfter,
      global: info.global,
    }),
  );

  const handler = new DiscordInteractionHandler({
    client,
    controller,
    config,
    logger,
    records: genhub.store.records,
  });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const handled = handler.handle(interaction);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;

  const restore = (message: JsonObject) => {
    const ref = parseDiscordMessageRef(message);
    if (!ref) return undefined;
    const handle = new DiscordMessageHandle(client, ref, logger);
    return handle.reachable() ? handle : undefined;
  };
  const resumed = await controller.resume(
    FRONT_END,
    restore,
    discordSurfaceLimits(undefined, config.editIntervalMs),
  );
  logger.info('the Discord bot is ready', {
    user: readyClient.user.tag,
    servers: readyClient.guilds.cache.size,
    shards: [...readyClient.ws.shards.keys()],
    shardCount: readyClient.options.shardCount,
    resumedJobs: resumed,
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, STOP_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      await client.destroy();
    })();
    return stopped;
  };
  return { client: readyClient, stop };
}
