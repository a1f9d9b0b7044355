import { z } from 'zod';

/** Defaults of the Google plugin, in one place. */
export const DefaultGoogleOptions = {
  /** The Gemini API's origin; paths start with its version, `/v1beta` (as in js-genai). */
  baseUrl: 'https://generativelanguage.googleapis.com',
  /** The API version every path starts with. */
  apiVersion: 'v1beta',
  /**
   * The docs' own examples check a Veo operation every 10 seconds; the API sends no hint of its own.
   * (A 2-minute video: 13 status calls counting core's first, at once, and the result seen within 10 s.)
   */
  pollIntervalMs: 10_000,
  /** A Veo video takes from 11 seconds to 6 minutes (docs); give up after 20. */
  deadlineMs: 20 * 60_000,
} as const;

/**
 * The plugin's settings: `GENHUB_GOOGLE_API_KEY` (a Gemini API key, sent as `x-goog-api-key`) and
 * `GENHUB_GOOGLE_BASE_URL` (the origin, without `/v1beta`).
 */
export const googleConfig = z.object({
  apiKey: z.string().trim().min(1, 'Set the Gemini API key (GENHUB_GOOGLE_API_KEY).'),
  baseUrl: z
    .url({
      protocol: /^https?$/,
      error: 'Use an http(s) URL, such as https://generativelanguage.googleapis.com.',
    })
    .default(DefaultGoogleOptions.baseUrl)
    .transform((url) => url.replace(/\/+$/, '')),
});

export type GoogleConfig = z.output<typeof googleConfig>;
