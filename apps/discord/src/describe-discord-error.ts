import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord's error codes the bot reacts to. */
export const DiscordErrorCode = {
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  UnknownMessage: 10008,
  InvalidWebhookToken: 50027,
  AlreadyAcknowledged: 40060,
  EntityTooLarge: 40005,
} as const;

/** Interaction and webhook tokens inside a route: `/webhooks/<app>/<token>`, `/interactions/<id>/<token>`. */
const TOKEN_IN_PATH = /\/(webhooks|interactions)\/(\d+)\/[^/?]+/g;

/** A route with its interaction token blanked out, fit for a log. */
export function redactRoute(url: string): string {
  return url.replace(TOKEN_IN_PATH, '/$1/$2/[token]');
}

/** The fields worth logging about a failed Discord call: code, status and route, never a token. */
export function describeDiscordError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return {
      code: error.code,
      status: error.status,
      method: error.method,
      route: redactRoute(error.url),
      error: error.message,
    };
  if (error instanceof HTTPError)
    return {
      status: error.status,
      method: error.method,
      route: redactRoute(error.url),
      error: error.message,
    };
  if (error instanceof RateLimitError)
    return {
      status: 429,
      method: error.method,
      route: redactRoute(error.route),
      retryAfter: error.retryAfter,
    };
  return { error: redactRoute(error instanceof Error ? error.message : String(error)) };
}

/** Whether a call failed because the interaction's token no longer works (15 minutes are up). */
export function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.status === 401 ||
      error.code === DiscordErrorCode.InvalidWebhookToken ||
      error.code === DiscordErrorCode.UnknownWebhook ||
      error.code === DiscordErrorCode.UnknownInteraction)
  );
}
