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
     * GenHub's outputs carry no request headers, so a link to the API's own Files API gets the key as
     * the `key` query parameter, which Google APIs take in place of the header; core keeps the link
     * without its query and redacts the key from every log line. Links elsewhere are left as they
     * are: the key goes to no other host.
     */
    downloadUrl(uri) {
      const url = new URL(uri, baseUrl);
      if (url.origin !== apiOrigin) return url.href;
      url.searchParams.set('key', apiKey);
      return url.href;
    },
  };
}
