import { definePlugin, defineProvider, GenHubError, type HttpClient, type TaskRef } from '@genhub/provider';
import { z } from 'zod';
import { enabledWorkers, localSettings, type WorkerEndpoint } from './config.js';
import { hunyuanImage, qwenImage } from './models/image-models.js';
import { sam2 } from './models/mask-model.js';
import { svgTurbo } from './models/vector-model.js';
import { hunyuanVideo } from './models/video-model.js';
import { jobProtocolBackend } from './wire/job-protocol-backend.js';
import { openAiImagesBackend } from './wire/openai-images-backend.js';
import type { WorkerBackend } from './wire/worker-backend.js';
import { WORKER_NAMES, type WorkerName } from './workers/catalogue.js';

/** Each worker's model, made for its backend. */
const MODEL_OF = {
  'qwen-image': qwenImage,
  'hunyuan-image': hunyuanImage,
  sam2,
  'hunyuan-video': hunyuanVideo,
  'svg-turbo': svgTurbo,
} as const satisfies Record<WorkerName, unknown>;

/** What a task reference carries besides the worker's job id: which worker has the job. */
const refData = z.object({ worker: z.enum(WORKER_NAMES) });

function backendFor(endpoint: WorkerEndpoint, http: HttpClient): WorkerBackend {
  return endpoint.api === 'openai' ? openAiImagesBackend(endpoint, http) : jobProtocolBackend(endpoint, http);
}

/**
 * The operator's own GPU workers (the seed's ports 8004 to 8008): Qwen-Image and Hunyuan Image
 * text-to-image, SAM 2 masks, Hunyuan Video and SVG Turbo. Each speaks the GenHub worker protocol
 * (README), or, for the image workers, OpenAI's `/v1/images/generations`.
 */
export const localPlugin = definePlugin({
  id: 'local',
  name: 'Local GPU workers',
  description: 'Your own GPU workers: Qwen-Image, Hunyuan Image, SAM 2 masks, Hunyuan Video, SVG Turbo',
  contract: 1,
  config: localSettings,
  setup({ http }, settings) {
    const backends = new Map<WorkerName, WorkerBackend>();
    for (const endpoint of enabledWorkers(settings)) {
      const { token } = settings;
      const client = http.withDefaults({
        baseUrl: endpoint.url,
        provider: 'local',
        ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` }, secrets: [token] }),
      });
      backends.set(endpoint.worker, backendFor(endpoint, client));
    }

    /** The worker that has a job, from its reference; a worker no longer enabled is a setting to fix. */
    const backendOf = (ref: TaskRef) => {
      const parsed = refData.safeParse(ref.data);
      const backend = parsed.success ? backends.get(parsed.data.worker) : undefined;
      if (backend === undefined) {
        const worker = parsed.success ? parsed.data.worker : 'unknown';
        throw new GenHubError(
          'PROVIDER_UNAVAILABLE',
          `The ${worker} worker that has this job is no longer configured; enable it again in GENHUB_LOCAL_WORKERS to finish the job.`,
          { retryable: false, details: { reason: 'misconfigured', setting: 'GENHUB_LOCAL_WORKERS' } },
        );
      }
      return backend;
    };

    return defineProvider({
      models: [...backends.values()].map((backend) => MODEL_OF[backend.endpoint.worker](backend)),
      // The workers' own servers, on this machine or the LAN: GenHub downloads their results.
      trustedOrigins: [
        ...new Set([...backends.values()].map((backend) => new URL(backend.endpoint.url).origin)),
      ],
      // Job workers answer a repeated Idempotency-Key with the job they already made. An OpenAI-mode
      // server may draw a second image instead, which costs nobody anything.
      capabilities: { idempotentSubmit: true },
      async poll(ref, { signal }) {
        const backend = backendOf(ref);
        if (backend.poll === undefined) throw new GenHubError('INTERNAL', 'This worker has no jobs to poll.');
        return backend.poll(ref.id, signal);
      },
      async cancel(ref, { signal }) {
        await backendOf(ref).cancel?.(ref.id, signal);
      },
      async health({ signal }) {
        const checks = await Promise.all(
          [...backends.values()].map(async (backend) => {
            try {
              return await backend.health(signal);
            } catch (error) {
              const why = error instanceof GenHubError ? error.message : 'no answer';
              return { ok: false, message: `${backend.endpoint.worker} at ${backend.endpoint.url}: ${why}` };
            }
          }),
        );
        return {
          ok: checks.every((check) => check.ok),
          message: checks.map((check) => check.message).join('; '),
        };
      },
    });
  },
});
