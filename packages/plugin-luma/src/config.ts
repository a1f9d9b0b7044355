import { z } from 'zod';

/**
 * Luma's settings, from `GENHUB_LUMA_API_KEY` and `GENHUB_LUMA_BASE_URL`, or from `providers.luma` in
 * genhub.config.json. As in Luma's own SDK (lumaai-node `src/index.ts`), the base URL includes the
 * API's path and version: the documented paths (`/generations/video`, `/credits`) start after it.
 */
export const lumaSettings = z.object({
  apiKey: z.string().min(1),
  baseUrl: z.url().default('https://api.lumalabs.ai/dream-machine/v1'),
});

export type LumaSettings = z.output<typeof lumaSettings>;
