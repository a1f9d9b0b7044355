import { z } from 'zod';

/**
 * The plugin's settings: `GENHUB_RECRAFT_API_KEY` and `GENHUB_RECRAFT_BASE_URL`, or `providers.recraft`
 * in genhub.config.json. The base URL follows Recraft's own convention (its OpenAI-compatible client
 * is given `https://external.api.recraft.ai/v1`), so it includes the `/v1` prefix.
 */
export const recraftSettings = z.object({
  apiKey: z.string().trim().min(1),
  baseUrl: z.url().default('https://external.api.recraft.ai/v1'),
});

export type RecraftSettings = z.output<typeof recraftSettings>;
