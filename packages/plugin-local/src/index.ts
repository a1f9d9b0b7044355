export type { LocalSettings, WorkerEndpoint } from './config.js';
export { enabledWorkers, localSettings } from './config.js';
export { localPlugin, localPlugin as default } from './local-plugin.js';
export type { JobAnswer, WorkerJob, WorkerPoint } from './wire/worker-job.js';
export { healthAnswer, JOB_STATES, jobAnswer } from './wire/worker-job.js';
export type { WorkerApi, WorkerName } from './workers/catalogue.js';
export { defaultWorkerUrl, WORKER_NAMES, WORKERS } from './workers/catalogue.js';
