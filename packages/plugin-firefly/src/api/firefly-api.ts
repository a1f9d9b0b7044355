import { GenHubError, type HttpClient, type HttpRequest, requestJson } from '@genhub/provider';
import type { z } from 'zod';
import type { AccessTokens } from '../auth/ims-token.js';
import { FIREFLY_ID, type FireflyConfig } from '../config.js';
import { requestErrors } from './errors.js';

/** Firefly Services calls, each sent with `x-api-key` (the client id) and a current IMS token. */
export interface FireflyApi {
  json<Schema extends z.ZodType>(request: HttpRequest, schema: Schema): Promise<z.output<Schema>>;
}

/**
 * Sends a call with the current token; when Firefly answers 401 (a token revoked or expired early),
 * the token is renewed once and the call sent again: a 401 means nothing was accepted.
 */
export function fireflyApi(http: HttpClient, tokens: AccessTokens, config: FireflyConfig): FireflyApi {
  const base = http.withDefaults({
    baseUrl: config.baseUrl,
    provider: FIREFLY_ID,
    headers: { 'x-api-key': config.clientId },
    secrets: [config.clientSecret],
  });
  const send = async <Schema extends z.ZodType>(request: HttpRequest, schema: Schema, token: string) =>
    requestJson(
      base.withDefaults({ headers: { authorization: `Bearer ${token}` }, secrets: [token] }),
      request,
      schema,
      { provider: FIREFLY_ID, errors: requestErrors },
    );
  return {
    async json(request, schema) {
      const signal = request.signal ?? AbortSignal.timeout(60_000);
      const token = await tokens.current(signal);
      try {
        return await send(request, schema, token);
      } catch (error) {
        if (!(GenHubError.isInstance(error) && error.status === 401)) throw error;
        tokens.invalidate(token);
        return send(request, schema, await tokens.current(signal));
      }
    },
  };
}
