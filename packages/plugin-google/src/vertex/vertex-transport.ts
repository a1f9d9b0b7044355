import {
  type Clock,
  GenHubError,
  type HttpClient,
  type HttpRequest,
  lenient,
  type Redactor,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import { PROVIDER, requestErrors } from '../api/errors.js';
import type { VeoOperation } from '../api/operation.js';
import type { VeoTransport } from '../api/veo-transport.js';
import { accessTokens } from './access-token.js';
import type { ServiceAccountKey } from './service-account.js';

export interface VertexTransportOptions {
  http: HttpClient;
  clock: Clock;
  account: ServiceAccountKey;
  project: string;
  location: string;
  /** `https://{location}-aiplatform.googleapis.com` unless configured; paths start with `/v1`. */
  baseUrl: string;
  redactor: Redactor;
}

/** Vertex AI operation names: `projects/../locations/../publishers/google/models/../operations/..`. */
const VERTEX_OPERATION =
  /^projects\/[\w.-]+\/locations\/[\w-]+\/publishers\/google\/models\/[\w.-]+\/operations\/[\w.-]+$/;

/** Largest operation answer read: without a storage bucket, Vertex AI returns the videos base64. */
const MAX_ANSWER_BYTES = 512 * 1024 * 1024;

/** A Vertex AI Veo operation (`:predictLongRunning`, `:fetchPredictOperation`). */
const vertexOperation = z.object({
  name: z.string().min(1),
  done: lenient(z.boolean()),
  error: z.object({ code: lenient(z.number().int()), message: lenient(z.string()) }).optional(),
  response: z
    .object({
      videos: lenient(
        z.array(
          z.object({
            gcsUri: lenient(z.string().min(1)),
            bytesBase64Encoded: lenient(z.string().min(1)),
            mimeType: lenient(z.string().min(1)),
          }),
        ),
      ),
      raiMediaFilteredCount: lenient(z.coerce.number()),
      raiMediaFilteredReasons: lenient(z.array(z.string())),
    })
    .optional(),
});
type VertexOperation = z.infer<typeof vertexOperation>;

/** The default endpoint of a location: the global one has no location prefix. */
export function vertexEndpoint(location: string): string {
  return location === 'global'
    ? 'https://aiplatform.googleapis.com'
    : `https://${location}-aiplatform.googleapis.com`;
}

/** A Vertex AI operation in the Gemini API's shape; its videos come inline (no storage bucket is set). */
function asVeoOperation(operation: VertexOperation): VeoOperation {
  const { response } = operation;
  if (
    response?.videos?.some((video) => video.bytesBase64Encoded === undefined && video.gcsUri !== undefined)
  ) {
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      'Vertex AI stored the video in Cloud Storage, which GenHub cannot fetch.',
      {
        provider: PROVIDER,
        retryable: false,
      },
    );
  }
  return {
    name: operation.name,
    ...(operation.done === undefined ? {} : { done: operation.done }),
    ...(operation.error === undefined ? {} : { error: operation.error }),
    ...(response === undefined
      ? {}
      : {
          response: {
            generateVideoResponse: {
              generatedSamples: (response.videos ?? []).map((video) => ({
                video: {
                  ...(video.bytesBase64Encoded === undefined
                    ? {}
                    : { encodedVideo: video.bytesBase64Encoded }),
                  ...(video.mimeType === undefined ? {} : { encoding: video.mimeType }),
                },
              })),
              ...(response.raiMediaFilteredCount === undefined
                ? {}
                : { raiMediaFilteredCount: response.raiMediaFilteredCount }),
              ...(response.raiMediaFilteredReasons === undefined
                ? {}
                : { raiMediaFilteredReasons: response.raiMediaFilteredReasons }),
            },
          },
        }),
  };
}

/**
 * Vertex AI: `POST /v1/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning`
 * and `POST /v1/{model resource}:fetchPredictOperation { operationName }`, with a service account's
 * OAuth token as `Authorization: Bearer`.
 */
export function vertexTransport(options: VertexTransportOptions): VeoTransport {
  const { http, clock, account, project, location, baseUrl, redactor } = options;
  const tokens = accessTokens(account, http, clock);
  const api = http.withDefaults({ baseUrl, provider: PROVIDER, secrets: [account.private_key] });
  const call = async (request: HttpRequest & { signal: AbortSignal }) => {
    const token = await tokens.get(request.signal);
    redactor.add(token);
    const operation = await requestJson(
      api,
      { ...request, headers: { authorization: `Bearer ${token}` }, maxResponseBytes: MAX_ANSWER_BYTES },
      vertexOperation,
      { provider: PROVIDER, errors: requestErrors, redactor },
    );
    return asVeoOperation(operation);
  };
  const models = `/v1/projects/${project}/locations/${location}/publishers/google/models`;
  return {
    mode: 'vertex',
    start: (vendorId, body, signal) =>
      call({ method: 'POST', url: `${models}/${vendorId}:predictLongRunning`, json: body, signal }),
    async poll(name, signal) {
      if (!VERTEX_OPERATION.test(name)) {
        throw new GenHubError('INTERNAL', `"${name}" is not a Vertex AI operation name.`, {
          retryable: false,
        });
      }
      const model = name.split('/operations/')[0];
      return call({
        method: 'POST',
        url: `/v1/${model}:fetchPredictOperation`,
        json: { operationName: name },
        idempotent: true,
        signal,
      });
    },
    download: (uri) => ({ url: uri }),
  };
}
