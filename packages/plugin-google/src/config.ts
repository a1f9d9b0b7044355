import { z } from 'zod';

/** Defaults of the Google plugin, in one place. */
export const DefaultGoogleOptions = {
  /** The Gemini API's origin; paths start with its version, `/v1beta` (as in js-genai). */
  baseUrl: 'https://generativelanguage.googleapis.com',
  /** The API version every path starts with. */
  apiVersion: 'v1beta',
  /** Vertex AI's default location. */
  vertexLocation: 'us-central1',
  /**
   * The docs' own examples check a Veo operation every 10 seconds; the API sends no hint of its own.
   * (A 2-minute video: 13 status calls counting core's first, at once, and the result seen within 10 s.)
   */
  pollIntervalMs: 10_000,
  /** A Veo video takes from 11 seconds to 6 minutes (docs); give up after 20. */
  deadlineMs: 20 * 60_000,
} as const;

const httpUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, error: `Use an http(s) URL, such as ${example}.` })
    .transform((url) => url.replace(/\/+$/, ''));

/**
 * The plugin's settings. The Gemini API: `GENHUB_GOOGLE_API_KEY` (sent as `x-goog-api-key`) and
 * `GENHUB_GOOGLE_BASE_URL` (the origin, without `/v1beta`). Vertex AI, used when a service-account
 * key file is set: `GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE`, `GENHUB_GOOGLE_VERTEX_LOCATION`,
 * `GENHUB_GOOGLE_VERTEX_PROJECT` (the key file's project by default) and `GENHUB_GOOGLE_VERTEX_BASE_URL`.
 */
export const googleConfig = z
  .object({
    apiKey: z.string().trim().min(1).optional(),
    baseUrl: httpUrl(DefaultGoogleOptions.baseUrl).default(DefaultGoogleOptions.baseUrl),
    serviceAccountKeyFile: z.string().trim().min(1).optional(),
    vertexLocation: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'Use a Vertex AI location, such as us-central1.')
      .default(DefaultGoogleOptions.vertexLocation),
    vertexProject: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'Use a Google Cloud project id.')
      .optional(),
    vertexBaseUrl: httpUrl('https://us-central1-aiplatform.googleapis.com').optional(),
  })
  .refine((config) => config.apiKey !== undefined || config.serviceAccountKeyFile !== undefined, {
    path: ['apiKey'],
    message: 'Set the Gemini API key (GENHUB_GOOGLE_API_KEY) or a service-account key file for Vertex AI.',
  });

export type GoogleConfig = z.output<typeof googleConfig>;
