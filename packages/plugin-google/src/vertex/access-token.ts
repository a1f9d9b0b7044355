import { type Clock, type HttpClient, requestJson } from '@genhub/provider';
import { importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import { PROVIDER, requestErrors } from '../api/errors.js';
import type { ServiceAccountKey } from './service-account.js';

/** The scope Vertex AI needs. */
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
/** How long a signed assertion is valid (Google's maximum). */
const ASSERTION_SECONDS = 3600;
/** A token is renewed this long before it expires. */
const RENEW_BEFORE_MS = 60_000;

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
});

/**
 * OAuth access tokens for a service account (RFC 7523, Google's "OAuth 2.0 for server to server
 * applications"): a JWT signed with the account's key (RS256) is exchanged at the key file's
 * `token_uri` for a bearer token, which is kept until a minute before it expires.
 */
export function accessTokens(account: ServiceAccountKey, http: HttpClient, clock: Clock) {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const tokenHttp = http.withDefaults({ provider: PROVIDER, secrets: [account.private_key] });

  async function fetchToken(signal: AbortSignal): Promise<string> {
    const key = await importPKCS8(account.private_key, 'RS256');
    const now = Math.floor(clock.now() / 1000);
    const assertion = await new SignJWT({ scope: CLOUD_PLATFORM })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(account.client_email)
      .setAudience(account.token_uri)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_SECONDS)
      .sign(key);
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    });
    const answer = await requestJson(
      tokenHttp,
      {
        method: 'POST',
        url: account.token_uri,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal,
      },
      tokenAnswer,
      { provider: PROVIDER, errors: requestErrors },
    );
    cached = { token: answer.access_token, expiresAt: clock.now() + answer.expires_in * 1000 };
    return answer.access_token;
  }

  return {
    /** A valid token, fetched once for concurrent callers. */
    async get(signal: AbortSignal): Promise<string> {
      if (cached !== undefined && clock.now() < cached.expiresAt - RENEW_BEFORE_MS) return cached.token;
      pending ??= fetchToken(signal).finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
