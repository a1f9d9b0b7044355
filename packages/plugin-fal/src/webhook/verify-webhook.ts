import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import {
  type Clock,
  type HttpClient,
  type Logger,
  type ProviderWebhook,
  requestJson,
  type WebhookRequest,
} from '@genhub/provider';
import { z } from 'zod';

/** fal signs a webhook at most this long before it arrives (its docs: within five minutes). */
const FRESH_FOR_SECONDS = 300;
/** How long fal's public keys are kept before they are read again. */
const KEYS_KEPT_MS = 24 * 60 * 60_000;

const jwks = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() })),
});

/**
 * fal's webhook signatures (docs.fal.ai, "Verifying your webhook"): an ED25519 signature, hex in
 * `x-fal-webhook-signature`, over the lines request id, user id, timestamp and the hex SHA-256 of
 * the raw body, with one of the keys of fal's JWKS. The timestamp (epoch seconds) must be within
 * five minutes of now. A genuine call names its request by `x-fal-webhook-request-id`.
 */
export function falWebhook(deps: {
  http: HttpClient;
  jwksUrl: string;
  clock: Clock;
  logger: Logger;
}): ProviderWebhook {
  let keys: { read: number; keys: Promise<KeyObject[]> } | undefined;

  const publicKeys = (signal: AbortSignal) => {
    const now = deps.clock.now();
    if (keys === undefined || now - keys.read > KEYS_KEPT_MS) {
      const read = requestJson(deps.http, { url: deps.jwksUrl, signal }, jwks, { provider: 'fal' }).then(
        (set) =>
          set.keys
            .flatMap((key) =>
              key.kty === 'OKP' && key.crv === 'Ed25519' && key.x !== undefined ? [key.x] : [],
            )
            .map((x) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })),
      );
      keys = { read: now, keys: read };
      read.catch(() => {
        keys = undefined;
      });
    }
    return keys.keys;
  };

  return {
    async verify(request: WebhookRequest, { signal }) {
      const requestId = request.headers['x-fal-webhook-request-id'];
      const userId = request.headers['x-fal-webhook-user-id'];
      const timestamp = request.headers['x-fal-webhook-timestamp'];
      const signatureHex = request.headers['x-fal-webhook-signature'];
      if (!requestId || !userId || !timestamp || !signatureHex) return undefined;
      if (!/^\d+$/.test(timestamp) || !/^[0-9a-f]{128}$/i.test(signatureHex)) return undefined;
      const age = Math.abs(deps.clock.now() / 1000 - Number(timestamp));
      if (age > FRESH_FOR_SECONDS) {
        deps.logger.warn('fal webhook refused: its timestamp is not fresh', { requestId });
        return undefined;
      }
      const bodyHash = createHash('sha256').update(request.body).digest('hex');
      const message = Buffer.from([requestId, userId, timestamp, bodyHash].join('\n'));
      const signature = Buffer.from(signatureHex, 'hex');
      const genuine = (await publicKeys(signal)).some((key) => verify(null, message, key, signature));
      if (!genuine) {
        deps.logger.warn('fal webhook refused: its signature does not match', { requestId });
        return undefined;
      }
      return { taskId: requestId };
    },
  };
}
