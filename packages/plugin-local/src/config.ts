import { z } from 'zod';
import {
  defaultWorkerUrl,
  WORKER_APIS,
  WORKER_NAMES,
  WORKERS,
  type WorkerApi,
  type WorkerName,
} from './workers/catalogue.js';

/** `qwen-image,sam2` or `["qwen-image","sam2"]` (an environment variable), or a list (a config file). */
const workerList = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (!text.startsWith('['))
      return text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  },
  z.array(z.enum(WORKER_NAMES)),
);

const workerUrl = z.url({ protocol: /^https?$/ }).optional();
const workerApi = z.enum(WORKER_APIS).default('worker');

/**
 * The local plugin's settings, from `GENHUB_LOCAL_*` or `providers.local` in genhub.config.json. A
 * worker is enabled by listing it in `workers` (at its seed port on 127.0.0.1) or by setting its
 * URL; with none enabled the plugin stays unconfigured and names `GENHUB_LOCAL_WORKERS`.
 */
export const localSettings = z
  .object({
    /** Workers to enable at their default URLs: `GENHUB_LOCAL_WORKERS=qwen-image,sam2`. */
    workers: workerList.optional(),
    qwenImageUrl: workerUrl,
    /** `openai` for an OpenAI-compatible `/v1/images/generations` server instead of a job worker. */
    qwenImageApi: workerApi,
    hunyuanImageUrl: workerUrl,
    hunyuanImageApi: workerApi,
    sam2Url: workerUrl,
    hunyuanVideoUrl: workerUrl,
    svgTurboUrl: workerUrl,
    /** Sent as `Authorization: Bearer <token>` to every worker, when the workers want one. */
    token: z.string().min(1).optional(),
  })
  .superRefine((settings, context) => {
    if (enabledWorkers(settings).length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['workers'],
        message: `Enable a worker: list it in GENHUB_LOCAL_WORKERS (${WORKER_NAMES.join(', ')}) or set its URL, such as GENHUB_LOCAL_SAM2_URL.`,
      });
    }
  });

export type LocalSettings = z.output<typeof localSettings>;

/** One enabled worker: where it is and how to talk to it. */
export interface WorkerEndpoint {
  worker: WorkerName;
  /** The origin (and optional path prefix) the protocol's paths start at. */
  url: string;
  api: WorkerApi;
}

/** The workers the settings enable, in the catalogue's order. */
export function enabledWorkers(settings: Omit<LocalSettings, 'token'>): WorkerEndpoint[] {
  const listed = new Set(settings.workers ?? []);
  const endpoints: WorkerEndpoint[] = [];
  for (const worker of WORKER_NAMES) {
    const { urlSetting, apiSetting } = WORKERS[worker];
    const url = settings[urlSetting];
    if (url === undefined && !listed.has(worker)) continue;
    endpoints.push({
      worker,
      url: (url ?? defaultWorkerUrl(worker)).replace(/\/+$/, ''),
      api: apiSetting === undefined ? 'worker' : (settings[apiSetting] ?? 'worker'),
    });
  }
  return endpoints;
}
