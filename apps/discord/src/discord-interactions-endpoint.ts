import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject, Logger, RecordStore } from '@genhub/core';
import { discordSignatureVerifier } from './verify-discord-signature.js';

/** Where genhub's HTTP server takes Discord's interactions; the Interactions Endpoint URL's path. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

/** A request whose timestamp is further than this from now is refused: a replay, or a clock gone wrong. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** Interactions are small JSON documents; anything larger is not from Discord. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Each signature is accepted once while its timestamp is in the window (either side of now). */
const SIGNATURE_CLAIM = { namespace: 'discord.signature', ttlMs: 2 * SIGNATURE_WINDOW_MS };
const PING = 1;
const PONG = { type: 1 };

export interface DiscordInteractionsEndpointOptions {
  /** The application's public key, hex. */
  publicKey: string;
  /** Where each signature is claimed, so a request sent again (to any process) is refused. */
  records: RecordStore;
  logger: Logger;
  /**
   * Handles a verified interaction (not a PING) and resolves with its response (such as a
   * deferral), or undefined when it has none in time; the handling may go on after that.
   */
  respond(interaction: JsonObject): Promise<JsonObject | undefined>;
  now?: () => number;
}

/**
 * The HTTP side of Discord's interactions: `POST` with a body signed by Discord (401 when the
 * signature is missing or wrong, its timestamp is outside five minutes of now, or the same signature
 * came before), PING answered with PONG, every other interaction answered with what `respond` gives
 * (within Discord's 3 s), or 500 when it gives nothing. Never throws.
 */
export function discordInteractionsEndpoint(
  options: DiscordInteractionsEndpointOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const verify = discordSignatureVerifier(options.publicKey);
  const now = options.now ?? Date.now;
  const { logger, records } = options;
  return async (request, response) => {
    const answer = (status: number, body: JsonObject | string) => {
      if (response.headersSent) return;
      const json = typeof body !== 'string';
      response.writeHead(status, {
        'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(json ? JSON.stringify(body) : `${body}\n`);
    };
    try {
      if (request.method !== 'POST') return answer(405, 'Discord interactions are POSTed here.');
      const signature = header(request, 'x-signature-ed25519');
      const timestamp = header(request, 'x-signature-timestamp');
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === undefined) return answer(413, 'The interaction is too large.');
      const refuse = (reason: string) => {
        logger.warn('refused a Discord interaction request', { reason, from: request.socket.remoteAddress });
        answer(401, 'The request signature did not verify.');
      };
      if (signature === undefined || timestamp === undefined) return refuse('no signature');
      if (!verify(signature, timestamp, body)) return refuse('bad signature');
      const signedAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN;
      if (!(Math.abs(now() - signedAt) <= SIGNATURE_WINDOW_MS)) return refuse('stale timestamp');
      if (
        !(await records.claimOnce(SIGNATURE_CLAIM.namespace, signature.toLowerCase(), SIGNATURE_CLAIM.ttlMs))
      )
        return refuse('replayed signature');
      const interaction = parseObject(body);
      if (interaction === undefined) return answer(400, 'The interaction is not JSON.');
      if (interaction.type === PING) return answer(200, PONG);
      const reply = await options.respond(interaction);
      if (reply === undefined) return answer(500, 'The interaction could not be answered in time.');
      answer(200, reply);
    } catch (error) {
      logger.error('a Discord interaction request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      answer(500, 'The interaction could not be handled.');
    }
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The body, or undefined once more than `limit` bytes arrived (counted, whatever the headers say). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) {
      request.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseObject(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}
