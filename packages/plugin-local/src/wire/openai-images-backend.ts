import {
  GenHubError,
  type HttpClient,
  jsonBody,
  lenient,
  nonBlank,
  type Output,
  requestJson,
  sniffMediaType,
  type Warning,
} from '@genhub/provider';
import { z } from 'zod';
import type { WorkerEndpoint } from '../config.js';
import { requestErrors } from './errors.js';
import type { WorkerBackend } from './worker-backend.js';
import type { WorkerJob } from './worker-job.js';

/** OpenAI's image answer: `data` holds one image per `n`, in base64 or as a link. */
const imagesAnswer = z.object({
  data: z
    .array(z.object({ b64_json: lenient(nonBlank), url: lenient(nonBlank) }))
    .min(1, 'The server returned no image'),
});

/** OpenAI's model list, read only to see the server answer. */
const modelsAnswer = z.object({ data: z.array(z.unknown()) });

/** Job fields OpenAI's images API has no place for; they are reported, not sent. */
const NOT_IN_OPENAI = ['negative_prompt', 'seed', 'steps'] as const;

/** An image generated on a server that answers in the request, too long for the usual 60 s. */
const GENERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * An OpenAI-compatible image server (vLLM-Omni, LocalAI, a diffusers wrapper): text-to-image only,
 * `POST /v1/images/generations` answered with the image, health from `GET /v1/models`.
 */
export function openAiImagesBackend(endpoint: WorkerEndpoint, api: HttpClient): WorkerBackend {
  return {
    endpoint,
    async submit(job: WorkerJob, { signal }) {
      if (job.task !== 'text-to-image') {
        throw new GenHubError(
          'INVALID_INPUT',
          `The ${endpoint.worker} server speaks OpenAI's images API, which only does text-to-image.`,
          { retryable: false },
        );
      }
      const answer = await requestJson(
        api,
        {
          method: 'POST',
          url: '/v1/images/generations',
          json: jsonBody({
            model: job.model,
            prompt: job.prompt,
            n: 1,
            size: job.width && job.height ? `${job.width}x${job.height}` : undefined,
            response_format: 'b64_json',
          }),
          timeouts: { bodyMs: GENERATION_TIMEOUT_MS, headersMs: GENERATION_TIMEOUT_MS },
          signal,
        },
        imagesAnswer,
        { provider: 'local', errors: requestErrors },
      );
      const outputs = await Promise.all(answer.data.map((image) => imageOutput(image, endpoint.url)));
      const warnings: Warning[] = NOT_IN_OPENAI.filter((field) => job[field] !== undefined).map((field) => ({
        type: 'unsupported',
        feature: field,
        details: `The ${endpoint.worker} server speaks OpenAI's images API, which has no ${field}.`,
      }));
      return { status: 'succeeded', outputs, ...(warnings.length > 0 ? { warnings } : {}) };
    },
    async health(signal) {
      await requestJson(api, { url: '/v1/models', signal, retry: false }, modelsAnswer, {
        provider: 'local',
        errors: requestErrors,
      });
      return { ok: true, message: `${endpoint.worker} ok (OpenAI-compatible)` };
    },
  };
}

/** One image of the answer: bytes in the format they are in (PNG unless they say otherwise), or a link. */
async function imageOutput(
  image: z.infer<typeof imagesAnswer>['data'][number],
  serverUrl: string,
): Promise<Output> {
  if (image.b64_json === undefined) return { kind: 'url', url: new URL(image.url!, `${serverUrl}/`).href };
  const data = Buffer.from(image.b64_json, 'base64');
  return { kind: 'bytes', data, mediaType: await sniffMediaType(data.subarray(0, 4100), 'image/png') };
}
