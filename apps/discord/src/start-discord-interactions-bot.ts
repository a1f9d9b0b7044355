import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from '@genhub/core';
import { Client, Events } from 'discord.js';
import { FRONT_END } from './command-request.js';
import { describeDiscordError } from './describe-discord-error.js';
import { DiscordInteractionHandler } from './discord-interaction-handler.js';
import { discordInteractionsEndpoint } from './discord-interactions-endpoint.js';
import { discordSurfaceLimits } from './discord-limits.js';
import { DiscordMessageHandle, parseDiscordMessageRef } from './discord-message-handle.js';
import { HttpInteractionResponder } from './http-interaction-responder.js';
import type { StartDiscordBotOptions } from './start-discord-bot.js';

/** A bot that takes Discord's interactions over HTTP. */
export interface DiscordInteractionsBot {
  /** Serves `POST` to the Interactions Endpoint URL: mount it on an HTTP server. */
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Stops taking interactions and waits (a while) for those being handled. */
  stop(): Promise<void>;
}

/** Discord gives an interaction 3 s; what is left of them is for the network. */
const RESPONSE_DEADLINE_MS = 2500;
/** How long `stop` waits for interactions being handled. */
const STOP_GRACE_MS = 10_000;

/** discord.js's own way from an interaction payload to its structure (`Client#actions`, not typed). */
interface InteractionActions {
  actions: { InteractionCreate: { handle(data: JsonObject): void } };
}

/**
 * Puts GenHub's chat on Discord with no gateway connection: Discord POSTs each interaction to the
 * Interactions Endpoint URL (signed with `DISCORD_PUBLIC_KEY`), so any number of processes behind a
 * load balancer can serve them. Each is verified (see `discordInteractionsEndpoint`), claimed in the
 * store by its id, answered in the HTTP response with a deferral (or autocomplete's choices), then
 * handled by the same `DiscordInteractionHandler` as the gateway bot, whose edits and follow-ups go
 * through the interaction's webhook. The jobs that were running when it last stopped are followed again.
 */
export async function startDiscordInteractionsBot(
  options: StartDiscordBotOptions,
): Promise<DiscordInteractionsBot> {
  const { genhub, controller, config } = options;
  const { publicKey } = config;
  if (publicKey === undefined) throw new Error('The Discord interactions endpoint needs DISCORD_PUBLIC_KEY.');
  const logger = (options.logger ?? genhub.logger).child({ frontEnd: FRONT_END, via: 'http' });
  const responder = new HttpInteractionResponder();
  const client = new Client({
    intents: [],
    rest: {
      makeRequest: responder.makeRequest,
      ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }),
    },
  });
  client.rest.setToken(config.token);
  client.on(Events.Error, (error) => logger.error('the Discord client failed', describeDiscordError(error)));

  const handler = new DiscordInteractionHandler({
    client,
    controller,
    config,
    logger,
    records: genhub.store.records,
    claimBeforeAcknowledging: true,
  });
  const inFlight = new Set<Promise<void>>();
  const handling = new Map<string, Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const handled = handler.handle(interaction);
    handling.set(interaction.id, handled);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  let stopping = false;

  const respond = async (payload: JsonObject): Promise<JsonObject | undefined> => {
    const id = typeof payload.id === 'string' ? payload.id : undefined;
    if (stopping || id === undefined) return undefined;
    const waiting = responder.expect(id, RESPONSE_DEADLINE_MS);
    try {
      (client as unknown as InteractionActions).actions.InteractionCreate.handle(payload);
    } catch (error) {
      waiting.cancel();
      logger.warn('could not read a Discord interaction', {
        interactionId: id,
        ...describeDiscordError(error),
      });
      return undefined;
    }
    const handled = handling.get(id);
    handling.delete(id);
    // A handler that ends without a response (a repeat, an unknown kind) gives none.
    void handled?.finally(() => waiting.cancel());
    const response = await waiting.response;
    if (response === undefined)
      logger.warn('a Discord interaction had no response in time', { interactionId: id });
    return response;
  };

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
  logger.info('the Discord interactions endpoint is ready', { resumedJobs: resumed });

  const handleRequest = discordInteractionsEndpoint({
    publicKey,
    records: genhub.store.records,
    logger,
    respond,
  });
  let stopped: Promise<void> | undefined;
  return {
    handleRequest,
    stop() {
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
    },
  };
}
