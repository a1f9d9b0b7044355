import type { PollResult, ProviderHealth, SubmitOptions, SubmitResult } from '@genhub/provider';
import type { WorkerEndpoint } from '../config.js';
import type { WorkerJob } from './worker-job.js';

/** One enabled worker as the models see it: a job goes in, a result or a job to poll comes out. */
export interface WorkerBackend {
  readonly endpoint: WorkerEndpoint;
  submit(job: WorkerJob, options: SubmitOptions): Promise<SubmitResult>;
  /** Absent for a server that answers in the request (OpenAI-compatible). */
  poll?(jobId: string, signal: AbortSignal): Promise<PollResult>;
  cancel?(jobId: string, signal: AbortSignal): Promise<void>;
  health(signal: AbortSignal): Promise<ProviderHealth>;
}
