import { virtualClock } from '@genhub/testkit';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { KlingTokens, TOKEN_LIFETIME_SECONDS, TOKEN_RENEW_MARGIN_SECONDS } from './kling-token.js';

const secret = 'kling-secret-key-for-tests';

describe('KlingTokens', () => {
  it("signs Kling's documented claims: HS256, iss the access key, nbf 5 s back, exp 30 minutes on", async () => {
    const clock = virtualClock(1_700_000_000_000);
    const token = await new KlingTokens('ak-test', secret, clock).token();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const now = 1_700_000_000;
    expect(decodeJwt(token)).toEqual({ iss: 'ak-test', nbf: now - 5, exp: now + TOKEN_LIFETIME_SECONDS });
    await expect(
      jwtVerify(token, new TextEncoder().encode(secret), { currentDate: new Date(clock.now()) }),
    ).resolves.toBeDefined();
  });

  it('reuses a token until it nears expiry, then renews it before the old one lapses', async () => {
    const clock = virtualClock(1_700_000_000_000);
    const tokens = new KlingTokens('ak-test', secret, clock);
    const first = await tokens.token();
    clock.advance((TOKEN_LIFETIME_SECONDS - TOKEN_RENEW_MARGIN_SECONDS - 1) * 1000);
    expect(await tokens.token()).toBe(first);
    clock.advance(2_000);
    const renewed = await tokens.token();
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed).exp).toBe(Math.floor(clock.now() / 1000) + TOKEN_LIFETIME_SECONDS);
    // Past the first token's life, only the renewed one is still accepted.
    clock.advance(TOKEN_RENEW_MARGIN_SECONDS * 1000);
    const key = new TextEncoder().encode(secret);
    await expect(jwtVerify(first, key, { currentDate: new Date(clock.now()) })).rejects.toThrow(/exp/);
    await expect(jwtVerify(renewed, key, { currentDate: new Date(clock.now()) })).resolves.toBeDefined();
  });
});
