import { z } from 'zod';

/**
 * Runway's settings, from `GENHUB_RUNWAY_API_KEY`, `GENHUB_RUNWAY_BASE_URL` and
 * `GENHUB_RUNWAY_API_VERSION`, or from `providers.runway` in genhub.config.json. The base URL is the
 * origin the documented `/v1/...` paths start at, as in Runway's own SDK.
 */
export const runwaySettings = z.object({
  apiKey: z.string().min(1),
  baseUrl: z.url().default('https://api.dev.runwayml.com'),
  /** Sent as `X-Runway-Version` on every request; the version Runway's SDK pins. */
  apiVersion: z.string().min(1).default('2024-11-06'),
});

export type RunwaySettings = z.output<typeof runwaySettings>;
