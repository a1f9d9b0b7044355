import type { JsonObject } from '@genhub/core';
import type { RESTOptions } from 'discord.js';
import { makeDiscordRequest } from './make-discord-request.js';

type MakeRequest = RESTOptions['makeRequest'];

/** `.../interactions/<id>/<token>/callback`, where discord.js sends an interaction's response. */
const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback(?:\?|$)/;

/**
 * Turns discord.js's interaction responses into HTTP answers. An interaction that came over HTTP is
 * answered in the HTTP response, not through the REST callback: `expect` waits for its response, and
 * `makeRequest` (discord.js's REST transport) takes the callback that discord.js sends for it
 * (`deferReply`, `deferUpdate`, `respond`), hands its JSON to the waiting request and tells
 * discord.js it went through. So the same handler serves the gateway and HTTP.
 */
export class HttpInteractionResponder {
  readonly #waiting = new Map<string, (response: JsonObject | undefined) => void>();

  /** The response to interaction `id`, or undefined when none comes within `ms`. */
  expect(id: string, ms: number): { response: Promise<JsonObject | undefined>; cancel(): void } {
    let timer: NodeJS.Timeout | undefined;
    const response = new Promise<JsonObject | undefined>((resolve) => {
      const settle = (value: JsonObject | undefined) => {
        clearTimeout(timer);
        this.#waiting.delete(id);
        resolve(value);
      };
      this.#waiting.set(id, settle);
      timer = setTimeout(() => settle(undefined), ms);
    });
    return { response, cancel: () => this.#waiting.get(id)?.(undefined) };
  }

  readonly makeRequest: MakeRequest = async (url, init) => {
    const id = CALLBACK_PATH.exec(url)?.[1];
    if (id === undefined) return makeDiscordRequest(url, init);
    const settle = this.#waiting.get(id);
    const body = typeof init.body === 'string' ? parse(init.body) : undefined;
    if (settle === undefined || body === undefined) {
      // Too late: Discord has given up on it, as its REST API would say.
      return Response.json({ message: 'Unknown interaction', code: 10062 }, { status: 404 });
    }
    settle(body);
    return new Response(null, { status: 204 });
  };
}

function parse(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
