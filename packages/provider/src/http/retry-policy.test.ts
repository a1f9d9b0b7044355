import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isIdempotent, parseRetryAfterMs } from './retry-policy.js';

const retry = { retries: 5, baseDelayMs: 500, maxDelayMs: 3000 };

describe('retry policy', () => {
  it('treats GET, HEAD, PUT, DELETE and OPTIONS as idempotent unless told otherwise', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'] as const) {
      expect(isIdempotent(method, undefined)).toBe(true);
    }
    expect(isIdempotent('POST', undefined)).toBe(false);
    expect(isIdempotent('PATCH', undefined)).toBe(false);
    expect(isIdempotent('POST', true)).toBe(true);
    expect(isIdempotent('GET', false)).toBe(false);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([0, 1, 2, 3, 4].map((i) => backoffDelayMs(i, retry, () => 0.999999))).toEqual([
      499, 999, 1999, 2999, 2999,
    ]);
    expect(backoffDelayMs(3, retry, () => 0)).toBe(0);
    expect(backoffDelayMs(1, retry, () => 0.5)).toBe(500);
  });

  it('parses Retry-After seconds and HTTP-dates', () => {
    const now = Date.UTC(2030, 5, 1, 12, 0, 0);
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfterMs(new Date(now + 4000).toUTCString(), now)).toBe(4000);
    expect(parseRetryAfterMs(new Date(now - 4000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});
