import type { HttpTimeouts, RetryOptions } from '@genhub/provider';

/** The values a client uses for anything neither its options, `withDefaults` nor the request set. */
export const DefaultHttpOptions = {
  timeouts: { connectMs: 10_000, headersMs: 60_000, bodyMs: 120_000 },
  retry: { retries: 2, baseDelayMs: 500, maxDelayMs: 30_000 },
  maxRedirects: 0,
  userAgent: 'genhub',
  /** Room for about 95 MB of base64 media in one answer; downloads stream and are capped by their callers. */
  maxResponseBytes: 128 * 1024 * 1024,
} as const satisfies {
  timeouts: HttpTimeouts;
  retry: RetryOptions;
  maxRedirects: number;
  userAgent: string;
  maxResponseBytes: number;
};
