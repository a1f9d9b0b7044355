import type { HttpMethod, RetryOptions } from './http-client.js';

/** Statuses worth another attempt of an idempotent request. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether a request may be repeated: its `idempotent` flag if set, otherwise by method. */
export function isIdempotent(method: HttpMethod, idempotent: boolean | undefined): boolean {
  return idempotent ?? IDEMPOTENT_METHODS.has(method);
}

/**
 * The wait before retry number `retryIndex` (0 for the first retry): "full jitter", a random time
 * between zero and `baseDelayMs * 2^retryIndex`, never above `maxDelayMs`.
 */
export function backoffDelayMs(retryIndex: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP-date (relative to `nowMs`;
 * a past date means 0). Undefined when the header is missing or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
