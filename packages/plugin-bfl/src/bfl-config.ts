import { z } from 'zod';

/** BFL's global endpoint; `api.eu.bfl.ai` and `api.us.bfl.ai` keep data in one region. */
export const BFL_DEFAULT_BASE_URL = 'https://api.bfl.ai';

/**
 * The plugin's settings: `GENHUB_BFL_API_KEY` and `GENHUB_BFL_BASE_URL`, or `providers.bfl` in
 * genhub.config.json. The base URL is the origin the documented paths (`/v1/flux-2-pro`) start at,
 * as in BFL's own Python SDK.
 */
export const bflSettings = z.object({
  apiKey: z.string().trim().min(1),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default(BFL_DEFAULT_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
});

export type BflSettings = z.output<typeof bflSettings>;
