/**
 * The GPU workers this plugin knows: the seed's list (docs/sources log 003, "LOCAL WORKERS") with
 * the port each listens on by default and the model it serves. Everything else about a worker's
 * model (its parameters, sizes, limits) is in that model's file under `src/models`.
 */
export const WORKERS = {
  'qwen-image': { port: 8004, name: 'Qwen-Image', urlSetting: 'qwenImageUrl', apiSetting: 'qwenImageApi' },
  'hunyuan-image': {
    port: 8005,
    name: 'Hunyuan Image 3.0',
    urlSetting: 'hunyuanImageUrl',
    apiSetting: 'hunyuanImageApi',
  },
  sam2: { port: 8006, name: 'SAM 2', urlSetting: 'sam2Url', apiSetting: undefined },
  'hunyuan-video': {
    port: 8007,
    name: 'Hunyuan Video',
    urlSetting: 'hunyuanVideoUrl',
    apiSetting: undefined,
  },
  'svg-turbo': { port: 8008, name: 'SVG Turbo', urlSetting: 'svgTurboUrl', apiSetting: undefined },
} as const;

export type WorkerName = keyof typeof WORKERS;

export const WORKER_NAMES = Object.keys(WORKERS) as WorkerName[];

/** The URL a worker has when only its name is listed: its seed port on loopback. */
export function defaultWorkerUrl(worker: WorkerName): string {
  return `http://127.0.0.1:${WORKERS[worker].port}`;
}

/** How GenHub talks to a worker: this plugin's job protocol, or an OpenAI-compatible image server. */
export const WORKER_APIS = ['worker', 'openai'] as const;
export type WorkerApi = (typeof WORKER_APIS)[number];
