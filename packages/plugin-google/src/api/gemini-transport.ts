import { GenHubError, type HttpClient, type HttpRequest, type Redactor, requestJson } from '@genhub/provider';
import { DefaultGoogleOptions } from '../config.js';
import { PROVIDER, requestErrors } from './errors.js';
import { OPERATION_NAME, veoOperation } from './operation.js';
import type { VeoTransport } from './veo-transport.js';

export interface GeminiTransportOptions {
  http: HttpClient;
  apiKey: string;
  /** The API's origin, without `/v1beta`. */
  baseUrl: string;
  redactor: Redactor;
}

/**
 * The Gemini API: `POST /v1beta/models/{model}:predictLongRunning` and `GET /v1beta/{name}`, the key
 * in `x-goog-api-key`.
 */
export function geminiTransport({ http, apiKey, baseUrl, redactor }: GeminiTransportOptions): VeoTransport {
  const api = http.withDefaults({
    baseUrl,
    provider: PROVIDER,
    headers: { 'x-goog-api-key': apiKey },
    secrets: [apiKey],
  });
  const call = (request: HttpRequest) =>
    requestJson(api, request, veoOperation, { provider: PROVIDER, errors: requestErrors, redactor });
  const apiOrigin = new URL(baseUrl).origin;
  const version = DefaultGoogleOptions.apiVersion;
  return {
    mode: 'gemini',
    start: (vendorId, body, signal) =>
      call({ method: 'POST', url: `/${version}/models/${vendorId}:predictLongRunning`, json: body, signal }),
    async poll(name, signal) {
      if (!OPERATION_NAME.test(name)) {
        throw new GenHubError('INTERNAL', `"${name}" is not a Veo operation name.`, { retryable: false });
      }
      return call({ url: `/${version}/${name}`, signal });
    },
    /**
     * A link to the API's own Files API is downloaded with the key header (core sends it to that
     * origin only and stores or logs neither); links elsewhere get no key.
     */
    download(uri) {
      const url = new URL(uri, baseUrl);
      if (url.origin !== apiOrigin) return { url: url.href };
      return { url: url.href, headers: { 'x-goog-api-key': apiKey } };
    },
  };
}
