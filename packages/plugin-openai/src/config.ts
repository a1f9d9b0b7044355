import { z } from 'zod';

/**
 * The plugin's settings: `GENHUB_OPENAI_API_KEY` and `GENHUB_OPENAI_BASE_URL`, or `providers.openai`
 * in genhub.config.json. The base URL follows the official SDK (openai-node's default is
 * `https://api.openai.com/v1`), so it includes the `/v1` prefix.
 */
export const openaiSettings = z.object({
  apiKey: z.string().trim().min(1),
  baseUrl: z.url().default('https://api.openai.com/v1'),
});

export type OpenAiSettings = z.output<typeof openaiSettings>;
