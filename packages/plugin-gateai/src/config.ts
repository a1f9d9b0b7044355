import { z } from 'zod';

/** Defaults of the GateAI plugin, in one place. */
export const DefaultGateAiOptions = {
  /** GateAI's documented base URL. */
  baseUrl: 'https://core.claude.gg',
  /** `auto`: discover the models at start, falling back to the bundled copy of the document. */
  catalogue: 'auto',
  /** How long model discovery may take before the bundled catalogue is used. */
  discoveryTimeoutMs: 10_000,
  /** How long a health check may take. */
  healthTimeoutMs: 5_000,
  /**
   * Poll hints by type: the document says images take ~10-30 s, videos ~1-5 min. Every 10 s for
   * video and 3D: a 2-minute job takes 12 status calls and is seen within 10 s of being ready.
   */
  pollAfterMs: { image: 2_000, video: 10_000, '3d': 10_000 },
  /** Largest input the plugin fetches itself to upload or inline. */
  maxInputBytes: 50 * 1024 * 1024,
} as const;

/**
 * The plugin's settings. Environment variables fill them: `GENHUB_GATEAI_API_KEY`,
 * `GENHUB_GATEAI_BASE_URL` (a proxy, say), `GENHUB_GATEAI_CATALOGUE` (`auto` or `bundled`).
 */
export const gateAiConfig = z.object({
  /** Sent as `Authorization: Bearer <apiKey>`; redacted from every log line and error. */
  apiKey: z.string().trim().min(1, 'Set the GateAI API key (sk-...).'),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'Use an http(s) URL, such as https://core.claude.gg.' })
    .default(DefaultGateAiOptions.baseUrl)
    .transform((url) => url.replace(/\/+$/, '')),
  catalogue: z.enum(['auto', 'bundled']).default(DefaultGateAiOptions.catalogue),
});

export type GateAiConfig = z.output<typeof gateAiConfig>;
