import { z } from 'zod';

export const ELEVENLABS_ID = 'elevenlabs';

/**
 * The plugin's settings, from `GENHUB_ELEVENLABS_*` or `providers.elevenlabs` in genhub.config.json.
 * `baseUrl` is the origin the documented paths (`/v1/...`, `/v2/voices`) start from, as in the
 * official SDK's environments; a residency origin (`https://api.eu.residency.elevenlabs.io`) works too.
 */
export const elevenLabsConfig = z.object({
  apiKey: z.string().trim().min(1),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default('https://api.elevenlabs.io')
    .transform((url) => url.replace(/\/+$/, '')),
  /** The voice used when a request names none: a voice name from the account, or a voice id. */
  defaultVoice: z.string().trim().min(1).optional(),
});

export type ElevenLabsConfig = z.output<typeof elevenLabsConfig>;

/** Fixed facts of the API and of this plugin's use of it, stated once. */
export const ElevenLabsDefaults = {
  /** A premade voice every account has (George), used when the voice list cannot be read. */
  fallbackVoiceId: 'JBFqnCBsd6RMkjVDRZzb',
  /** `GET /v2/voices` pages hold at most 100 voices. */
  voicePageSize: 100,
  /** Pages of voices read at start; 1000 voices is more than any chat list can show. */
  maxVoicePages: 10,
  /** Bounds of each voice page request at start. */
  voiceListTimeouts: { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 },
  /** Audio is answered whole; ten minutes of music at 192 kb/s is about 15 MB. */
  maxAudioBytes: 64 * 1024 * 1024,
  /** Music takes a while to compose before the first byte is sent. */
  musicHeadersTimeoutMs: 600_000,
  speechHeadersTimeoutMs: 180_000,
} as const;
