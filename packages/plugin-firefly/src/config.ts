import { z } from 'zod';

export const FIREFLY_ID = 'firefly';

/**
 * The plugin's settings, from `GENHUB_FIREFLY_*` or `providers.firefly` in genhub.config.json: the
 * OAuth Server-to-Server credential of an Adobe Developer Console project with Firefly Services.
 * `baseUrl` is the origin the documented paths (`/v3/...`, `/v2/storage/image`) start from.
 */
export const fireflyConfig = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().trim().min(1),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default('https://firefly-api.adobe.io')
    .transform((url) => url.replace(/\/+$/, '')),
  tokenUrl: z.url({ protocol: /^https?$/ }).default('https://ims-na1.adobelogin.com/ims/token/v3'),
  /** Comma-separated IMS scopes, as the Developer Console lists them for the credential. */
  scopes: z
    .string()
    .trim()
    .min(1)
    .default('openid,AdobeID,session,additional_info,read_organizations,firefly_api,ff_apis'),
});

export type FireflyConfig = z.output<typeof fireflyConfig>;

/** Fixed facts of this plugin's use of the API, stated once. */
export const FireflyDefaults = {
  /** A token is renewed this long before IMS says it expires (tokens live 24 hours). */
  tokenRenewalMarginMs: 5 * 60_000,
  /** Largest reference image fetched and uploaded. */
  maxReferenceBytes: 15 * 1024 * 1024,
} as const;
