import type { JsonObject, Progress, SerializedGenHubError, Task, TaskRef, Warning } from '@genhub/provider';

/** Where a job is. Terminal states never change again. */
export const JOB_STATES = [
  'queued',
  'submitting',
  'running',
  'downloading',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<JobState> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
]);
export const ACTIVE_STATES: readonly JobState[] = ['queued', 'submitting', 'running', 'downloading'];

/** Who pays: a user's own balance or a community's (a Discord guild, a Telegram chat). */
export interface AccountRef {
  kind: 'user' | 'community';
  id: string;
}

/** One stored output file of a job. */
export interface ArtifactRecord {
  id: string;
  /** Path relative to the artifact store's root. */
  key: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  role: 'primary' | 'preview';
  /** Where it came from, when it was downloaded; never shown to users (it may carry tokens). */
  sourceUrl?: string;
  metadata?: JsonObject;
}

/**
 * A generation from request to files. Amounts are integer micro-dollars (1 USD = 1_000_000) so the
 * ledger never rounds.
 */
export interface JobRecord {
  id: string;
  userId: string;
  /** The community the request came from, if any. */
  communityId: string | null;
  /** The account the reservation was taken from. */
  payer: AccountRef;
  /** The model the user asked for. */
  requestedModel: string;
  /** Candidates in order: the requested model, then its fallbacks. */
  route: string[];
  /** Index into `route` of the model the job runs (or ran) on. */
  routeIndex: number;
  task: Task;
  params: JsonObject;
  warnings: Warning[];
  state: JobState;
  /** Sent with the submit; stable across restarts for one route step. */
  idempotencyKey: string;
  remoteRef: TaskRef | null;
  progress: Progress | null;
  reservedMicros: number;
  /** What was finally charged; null until settled or refunded. */
  chargedMicros: number | null;
  outputs: ArtifactRecord[];
  error: SerializedGenHubError | null;
  /** Whatever the front end needs to find its message again (chat id, message id). */
  origin: JsonObject;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  finishedAt: number | null;
  /** Past this instant the job times out and is refunded. */
  deadlineAt: number;
}

/** The model a job is on now. */
export function currentModel(job: Pick<JobRecord, 'route' | 'routeIndex'>): string {
  return job.route[job.routeIndex] ?? job.route[0]!;
}

/**
 * A job that failed after its submit's answer was lost and whose task could not be found: the user
 * was refunded, but the provider may have billed the operator for a task.
 */
export function maybeBilledTask(job: Pick<JobRecord, 'error'>): boolean {
  return job.error?.details?.maybeBilledTask === true;
}
