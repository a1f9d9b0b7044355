import { z } from 'zod';

/**
 * fal's settings, from `GENHUB_FAL_*` variables or `providers.fal` in genhub.config.json.
 * `baseUrl` is the queue origin (`https://queue.fal.run`), where fal's documented
 * `/{app id}` and `/{owner}/{alias}/requests/{id}/...` paths start, as in fal-js.
 */
export const falSettings = z.object({
  apiKey: z.string().min(1),
  baseUrl: z.url().default('https://queue.fal.run'),
  /** fal's REST origin, where input files are uploaded (`/storage/upload/initiate`), as in fal-js. */
  storageUrl: z.url().default('https://rest.fal.ai'),
  /** More fal apps to offer, by id (`fal-ai/flux/dev`), comma-separated: `GENHUB_FAL_APPS`. */
  apps: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  /** Where an app's published OpenAPI document is read; the app id is appended. */
  openapiUrl: z.url().default('https://fal.ai/api/openapi/queue/openapi.json?endpoint_id='),
  /** fal's public webhook signing keys (JWKS). */
  jwksUrl: z.url().default('https://rest.alpha.fal.ai/.well-known/jwks.json'),
  /** The estimate for one request to an operator-listed app, whose price fal does not publish in its schema. */
  appPriceUsd: z.coerce.number().nonnegative().default(0.1),
});

export type FalSettings = z.output<typeof falSettings>;
