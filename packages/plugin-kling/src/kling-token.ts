import type { Clock } from '@genhub/provider';
import { SignJWT } from 'jose';

/** How long one token is valid, as in Kling's own example (30 minutes). */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;
/** A token is replaced this long before it expires, so no request carries one that lapses on the way. */
export const TOKEN_RENEW_MARGIN_SECONDS = 5 * 60;
/** `nbf` is set this far in the past, so a server clock slightly behind ours accepts the token. */
const CLOCK_SKEW_SECONDS = 5;

/**
 * Kling's API token: an HS256 JWT signed with the secret key, `iss` the access key, `exp` and `nbf`
 * in epoch seconds. Signed with `jose` (a maintained, dependency-free JOSE library) rather than by
 * hand, so the encoding and signature follow RFC 7519 without our own base64url code. One token is
 * reused until it is close to expiry, then a new one is signed.
 */
export class KlingTokens {
  readonly #accessKey: string;
  readonly #secret: Uint8Array;
  readonly #clock: Clock;
  #current: { token: string; expiresAt: number } | undefined;

  constructor(accessKey: string, secretKey: string, clock: Clock) {
    this.#accessKey = accessKey;
    this.#secret = new TextEncoder().encode(secretKey);
    this.#clock = clock;
  }

  /** A token valid for at least the renewal margin. */
  async token(): Promise<string> {
    const now = Math.floor(this.#clock.now() / 1000);
    if (this.#current !== undefined && this.#current.expiresAt - now > TOKEN_RENEW_MARGIN_SECONDS) {
      return this.#current.token;
    }
    const expiresAt = now + TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.#accessKey)
      .setNotBefore(now - CLOCK_SKEW_SECONDS)
      .setExpirationTime(expiresAt)
      .sign(this.#secret);
    this.#current = { token, expiresAt };
    return token;
  }
}
