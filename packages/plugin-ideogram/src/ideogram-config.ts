import { z } from 'zod';

export const IDEOGRAM_DEFAULT_BASE_URL = 'https://api.ideogram.ai';

/**
 * The plugin's settings: `GENHUB_IDEOGRAM_API_KEY` and `GENHUB_IDEOGRAM_BASE_URL`, or
 * `providers.ideogram` in genhub.config.json. The base URL is the origin the documented paths
 * (`/v1/ideogram-v3/generate`, `/upscale`) start at.
 */
export const ideogramSettings = z.object({
  apiKey: z.string().trim().min(1),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default(IDEOGRAM_DEFAULT_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
});

export type IdeogramSettings = z.output<typeof ideogramSettings>;
