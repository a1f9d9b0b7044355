import {
  definePlugin,
  defineProvider,
  GenHubError,
  type HttpRequest,
  Redactor,
  requestJson,
} from '@genhub/provider';
import { PROVIDER, requestErrors } from './api/errors.js';
import { OPERATION_NAME, veoOperation } from './api/operation.js';
import { pollResult } from './api/poll-result.js';
import { DefaultGoogleOptions, googleConfig } from './config.js';
import { VEO_MODELS } from './models/veo-catalogue.js';
import { type VeoTaskData, veoModel } from './models/veo-model.js';

/**
 * Google's Veo video models through the Gemini API: `POST /v1beta/models/{model}:predictLongRunning`
 * starts an operation, `GET /v1beta/{operation name}` polls it, and the finished operation links
 * each video in the Files API, fetched with the same key.
 */
export const googlePlugin = definePlugin({
  id: 'google',
  name: 'Google Veo',
  description: 'Veo text-to-video and image-to-video through the Gemini API',
  contract: 1,
  config: googleConfig,
  setup({ http }, { apiKey, baseUrl }) {
    const api = http.withDefaults({
      baseUrl,
      provider: PROVIDER,
      headers: { 'x-goog-api-key': apiKey },
      secrets: [apiKey],
    });
    const redactor = new Redactor([apiKey]);
    const call = (request: HttpRequest) =>
      requestJson(api, request, veoOperation, { provider: PROVIDER, errors: requestErrors, redactor });
    const apiOrigin = new URL(baseUrl).origin;

    /**
     * A video link as core downloads it. GenHub's outputs carry no request headers, so a link to the
     * API's own Files API gets the key as the `key` query parameter, which Google APIs accept in place
     * of the header; core keeps the link without its query and redacts the key from every log line.
     * Links elsewhere are left as they are: the key goes to no other host.
     */
    const downloadUrl = (uri: string): string => {
      const url = new URL(uri, baseUrl);
      if (url.origin !== apiOrigin) return url.href;
      url.searchParams.set('key', apiKey);
      return url.href;
    };

    return defineProvider({
      models: VEO_MODELS.map((facts) =>
        veoModel(facts, { startOperation: call, plainHttp: http, apiOrigin }),
      ),
      async poll(ref, { signal }) {
        if (!OPERATION_NAME.test(ref.id)) {
          throw new GenHubError('INTERNAL', `"${ref.id}" is not a Veo operation name.`, { retryable: false });
        }
        const operation = await call({ url: `/${DefaultGoogleOptions.apiVersion}/${ref.id}`, signal });
        const data = (ref.data ?? {}) as Partial<VeoTaskData>;
        return pollResult(operation, {
          requested: data.requested ?? 1,
          estimate: { usd: data.usd ?? 0, approximate: true },
          downloadUrl,
          redactor,
          ...(data.extend === undefined ? {} : { extend: data.extend }),
        });
      },
    });
  },
});
