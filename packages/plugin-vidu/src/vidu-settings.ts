import { z } from 'zod';

/**
 * The plugin's settings: GENHUB_VIDU_API_KEY and GENHUB_VIDU_BASE_URL (the origin the documented
 * `/ent/v2/...` paths start from), or `providers.vidu` in genhub.config.json.
 */
export const viduSettings = z.object({
  apiKey: z.string().min(1),
  baseUrl: z.url().default('https://api.vidu.com'),
});
export type ViduSettings = z.output<typeof viduSettings>;
