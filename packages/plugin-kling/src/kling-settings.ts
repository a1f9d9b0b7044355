import { z } from 'zod';

/**
 * The plugin's settings: GENHUB_KLING_ACCESS_KEY, GENHUB_KLING_SECRET_KEY and GENHUB_KLING_BASE_URL,
 * or `providers.kling` in genhub.config.json. The base URL is the origin the documented `/v1/...`
 * paths start from: the global endpoint, or https://api.klingai.com for accounts in China.
 */
export const klingSettings = z.object({
  accessKey: z.string().min(1),
  secretKey: z.string().min(1),
  baseUrl: z.url().default('https://api-singapore.klingai.com'),
});
export type KlingSettings = z.output<typeof klingSettings>;
