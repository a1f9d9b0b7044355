import { z } from 'zod';

/** What the plugin uses when the configuration leaves a setting out. */
export const ImarouterDefaults = {
  /** The server of the imarouter OpenAPI document. */
  baseUrl: 'https://api.imarouter.com',
} as const;

/**
 * The plugin's settings: `GENHUB_IMAROUTER_API_KEY` (an `sk-...` key) and, optionally,
 * `GENHUB_IMAROUTER_BASE_URL`.
 */
export const imarouterConfigSchema = z.object({
  apiKey: z.string().trim().min(1, 'Set the imarouter API key (sk-...).'),
  baseUrl: z
    .url()
    .default(ImarouterDefaults.baseUrl)
    .transform((url) => url.replace(/\/+$/, '')),
});

export type ImarouterConfig = z.output<typeof imarouterConfigSchema>;
