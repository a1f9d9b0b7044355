import { z } from 'zod';

/** The plugin's defaults; every one but the timeouts can be overridden by configuration. */
export const AiNativeDefaults = {
  /** The user guide's base URL; generation paths (`/tts`, `/video/i2v`, ...) are relative to it. */
  baseUrl: 'https://api.ainative.studio/api/v1/multimodal',
  /** 1 credit in US dollars: the guide prices 50 credits at ~$0.025 and 1000 at ~$0.50. */
  usdPerCredit: 0.0005,
  /**
   * How long a generation request may wait for its response headers. The endpoints answer when the
   * media is ready (image ~10 s, speech ~30 s, video ~90-120 s), longer than the client's 60 s default.
   */
  responseTimeoutMs: { speech: 180_000, image: 180_000, video: 600_000 },
  /**
   * The poll interval suggested for a generation that answered `processing`; every 10 s for video
   * (~90-120 s): 12 status calls for a 2-minute job, seen within 10 s of being ready.
   */
  pollAfterMs: { speech: 2_000, image: 2_000, video: 10_000 },
  /** Waits when AINative gives no `Retry-After`: its limits are per minute; a 500 says "retry after 30s". */
  retryAfterSeconds: { rateLimited: 60, unavailable: 30 },
} as const;

/**
 * `GENHUB_AINATIVE_API_KEY` (required), `GENHUB_AINATIVE_BASE_URL`, `GENHUB_AINATIVE_USD_PER_CREDIT`.
 */
export const ainativeConfig = z.object({
  apiKey: z.string().trim().min(1, 'Set the AINative Studio API key.'),
  baseUrl: z.url({ protocol: /^https?$/ }).default(AiNativeDefaults.baseUrl),
  usdPerCredit: z.coerce.number().positive().max(1).default(AiNativeDefaults.usdPerCredit),
});

export type AiNativeConfig = z.output<typeof ainativeConfig>;
