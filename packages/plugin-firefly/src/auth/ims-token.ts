import { type Clock, type HttpClient, requestJson } from '@genhub/provider';
import { z } from 'zod';
import { tokenErrors } from '../api/errors.js';
import { FIREFLY_ID, type FireflyConfig, FireflyDefaults } from '../config.js';

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds. */
  expires_in: z.number().positive(),
});

export interface AccessTokens {
  /** A valid token: the cached one, or a new one when it is missing or about to expire. */
  current(signal: AbortSignal): Promise<string>;
  /** Forgets the cached token (Firefly refused it), so the next call asks IMS again. */
  invalidate(token: string): void;
}

/**
 * Adobe IMS client-credentials tokens (`POST /ims/token/v3`, form-encoded `grant_type`, `client_id`,
 * `client_secret`, `scope`), cached and renewed a few minutes before they expire. Concurrent
 * callers share one request.
 */
export function imsTokens(http: HttpClient, clock: Clock, config: FireflyConfig): AccessTokens {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (signal: AbortSignal): Promise<string> => {
    const answer = await requestJson(
      http,
      {
        method: 'POST',
        url: config.tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: config.clientId,
          client_secret: config.clientSecret,
          scope: config.scopes,
        }).toString(),
        // Asking for a token creates nothing: safe to repeat.
        idempotent: true,
        signal,
      },
      tokenAnswer,
      { provider: FIREFLY_ID, errors: tokenErrors },
    );
    const lifetimeMs = answer.expires_in * 1000;
    cached = {
      token: answer.access_token,
      renewAt: clock.now() + Math.max(lifetimeMs - FireflyDefaults.tokenRenewalMarginMs, lifetimeMs / 2),
    };
    return answer.access_token;
  };
  return {
    current(signal) {
      if (cached !== undefined && clock.now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= fetchToken(signal).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
