/*
 * A GenHub provider plugin for the Acme Images API, an asynchronous REST API:
 *   POST /v1/images      { prompt, aspect_ratio, seed? }  -> 202 { id, status: 'queued' }
 *   GET  /v1/images/:id                                    -> { id, status, progress?, image_url?, error? }
 *   POST /v1/images/:id/cancel                             -> { id, status: 'cancelled' }
 * Errors are answered as { error: { code, message } } with a 4xx or 5xx status.
 */
import {
  defineModel,
  definePlugin,
  defineProvider,
  type ErrorRule,
  errorTable,
  failureTable,
  type HttpRequest,
  type PollResult,
  requestJson,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';

/** Read from GENHUB_ACME_API_KEY and GENHUB_ACME_BASE_URL, or from `providers.acme` in genhub.config.json. */
const settings = z.object({
  apiKey: z.string().min(1),
  baseUrl: z.url().default('https://api.acme.example'),
});

/** What the API says about a task, on submit and on every poll. */
const taskSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.number().min(0).max(100).default(0),
  image_url: z.url().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
type ApiTask = z.infer<typeof taskSchema>;

/**
 * The API's error codes in GenHub's terms, for refused requests and failed tasks alike. A safety
 * refusal is CONTENT_REJECTED: users are told the prompt was refused, in the API's own words.
 * Anything else is mapped by its HTTP status (or, for a failed task, PROVIDER_UNAVAILABLE).
 */
const errorCodes: ErrorRule[] = [
  { providerCode: 'content_policy', code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: 'insufficient_credits', code: 'INSUFFICIENT_FUNDS', retryable: false },
];
const requestErrors = errorTable('acme', errorCodes);
const taskFailure = failureTable('acme', errorCodes);

/** A task as GenHub's poll result: still running, cancelled, finished with an image, or failed. */
function pollResult(task: ApiTask): PollResult {
  if (task.status === 'queued' || task.status === 'running') {
    return { status: 'pending', pollAfterMs: 2000, percent: task.progress };
  }
  if (task.status === 'cancelled') return { status: 'cancelled' };
  if (task.status === 'succeeded' && task.image_url !== undefined) {
    return { status: 'succeeded', outputs: [{ kind: 'url', url: task.image_url, mediaType: 'image/png' }] };
  }
  const error = taskFailure({
    summary: `acme task ${task.id} ended without an image`,
    ...(task.error === undefined ? {} : { words: task.error.message, providerCode: task.error.code }),
  });
  return { status: 'failed', error };
}

export default definePlugin({
  id: 'acme',
  name: 'Acme',
  description: 'Images from the Acme Images API',
  contract: 1,
  config: settings,
  setup({ http }, { apiKey, baseUrl }) {
    const api = http.withDefaults({
      baseUrl,
      provider: 'acme',
      headers: { authorization: `Bearer ${apiKey}` },
      secrets: [apiKey],
    });
    const call = (request: HttpRequest) =>
      requestJson(api, request, taskSchema, { provider: 'acme', errors: requestErrors });

    const image = defineModel({
      id: 'acme/image',
      name: 'Acme Image',
      tasks: ['text-to-image'],
      output: 'image',
      params: z.object({
        prompt: vocabulary.prompt.max(1000),
        aspectRatio: z.enum(['1:1', '16:9', '9:16']).default('1:1'),
        seed: vocabulary.seed.optional(),
      }),
      limits: { promptMaxLength: 1000 },
      estimatePrice: () => ({ usd: 0.04 }),
      example: { prompt: 'a lighthouse at dusk, oil painting' },
      async submit({ params, signal, idempotencyKey }) {
        const task = await call({
          method: 'POST',
          url: '/v1/images',
          json: { prompt: params.prompt, aspect_ratio: params.aspectRatio, seed: params.seed },
          // The API honours this key, so a resubmission after a crash cannot create a second task.
          headers: { 'idempotency-key': idempotencyKey },
          idempotent: true,
          signal,
        });
        return { status: 'pending', ref: { id: task.id } };
      },
    });

    return defineProvider({
      models: [image],
      poll: async (ref, { signal }) =>
        pollResult(await call({ url: `/v1/images/${encodeURIComponent(ref.id)}`, signal })),
      async cancel(ref, { signal }) {
        await call({ method: 'POST', url: `/v1/images/${encodeURIComponent(ref.id)}/cancel`, signal });
      },
    });
  },
});
