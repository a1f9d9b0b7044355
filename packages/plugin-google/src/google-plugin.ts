import { definePlugin, defineProvider, Redactor } from '@genhub/provider';
import { geminiTransport } from './api/gemini-transport.js';
import { pollResult } from './api/poll-result.js';
import type { VeoTransport } from './api/veo-transport.js';
import { googleConfig } from './config.js';
import { onVertex, VEO_MODELS } from './models/veo-catalogue.js';
import { type VeoTaskData, veoModel } from './models/veo-model.js';
import { readServiceAccountKey } from './vertex/service-account.js';
import { vertexEndpoint, vertexTransport } from './vertex/vertex-transport.js';

/**
 * Google's Veo video models. Through the Gemini API (an API key): `POST
 * /v1beta/models/{model}:predictLongRunning` starts an operation, `GET /v1beta/{name}` polls it, and
 * the finished operation links each video in the Files API. Through Vertex AI when a service-account
 * key file is set: the same operation on `aiplatform.googleapis.com`, with the videos inline.
 */
export const googlePlugin = definePlugin({
  id: 'google',
  name: 'Google Veo',
  description: 'Veo text-to-video, image-to-video and extension through the Gemini API or Vertex AI',
  contract: 1,
  config: googleConfig,
  async setup({ http, clock }, config) {
    const redactor = new Redactor(config.apiKey === undefined ? [] : [config.apiKey]);
    let transport: VeoTransport;
    if (config.serviceAccountKeyFile !== undefined) {
      const account = await readServiceAccountKey(config.serviceAccountKeyFile);
      redactor.add(account.private_key);
      transport = vertexTransport({
        http,
        clock,
        account,
        project: config.vertexProject ?? account.project_id,
        location: config.vertexLocation,
        baseUrl: config.vertexBaseUrl ?? vertexEndpoint(config.vertexLocation),
        redactor,
      });
    } else {
      transport = geminiTransport({ http, apiKey: config.apiKey ?? '', baseUrl: config.baseUrl, redactor });
    }
    const catalogue = transport.mode === 'vertex' ? VEO_MODELS.map(onVertex) : VEO_MODELS;
    const apiOrigin = new URL(config.baseUrl).origin;

    return defineProvider({
      models: catalogue.map((facts) => veoModel(facts, { transport, plainHttp: http, apiOrigin })),
      async poll(ref, { signal }) {
        const operation = await transport.poll(ref.id, signal);
        const data = (ref.data ?? {}) as Partial<VeoTaskData>;
        return pollResult(operation, {
          requested: data.requested ?? 1,
          estimate: { usd: data.usd ?? 0, approximate: true },
          download: transport.download,
          redactor,
          ...(data.extend === undefined ? {} : { extend: data.extend }),
        });
      },
    });
  },
});
