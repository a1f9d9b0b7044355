import type { Task } from '@genhub/provider';
import type { JobRecord, JobState } from '../jobs/job.js';

/** One page of a listing; pass `nextCursor` back to get the next. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UsageQuery {
  userId?: string;
  communityId?: string;
  task?: Task;
  /** Newest first. */
  cursor?: string | null;
  limit?: number;
}

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'userId' | 'createdAt'>>;

export interface JobWriteOptions {
  /** The run (`JobStore.claim`) the job must still belong to; the write matches nothing otherwise. */
  owner?: string | undefined;
}

/**
 * Persistent jobs. Every state change goes through `update` with the state the caller expects, so two
 * workers can never both move a job on.
 */
export interface JobStore {
  get(id: string): Promise<JobRecord | undefined>;
  /**
   * Applies `patch` only if the job is in one of `expected` states; returns the updated job, or
   * undefined when the job was not in an expected state (someone else moved it). A job in a terminal
   * state never matches. Terminal states and the ledger's fields (payer, reservedMicros,
   * chargedMicros) are refused with INVALID_INPUT: use `Store.finishJob`.
   */
  update(
    id: string,
    expected: readonly JobState[],
    patch: JobPatch,
    options?: JobWriteOptions,
  ): Promise<JobRecord | undefined>;
  /**
   * Makes `token` the run allowed to write an unfinished job: writes that name another run as their
   * `owner` (one that was taken over) match nothing from now on. Returns the job; a finished one is
   * returned unclaimed, a missing one is undefined.
   */
  claim(id: string, token: string): Promise<JobRecord | undefined>;
  /** Jobs in any of these states, oldest first. */
  listByState(states: readonly JobState[]): Promise<JobRecord[]>;
  /** Jobs, in any state, whose remote task has this id (at any provider). */
  findByRemoteTask(taskId: string): Promise<JobRecord[]>;
  /** Jobs of this user not yet in a terminal state. */
  countActive(userId: string): Promise<number>;
  /** Jobs in any state, newest first (by createdAt, then id), filtered by user, community and task. */
  usage(query: UsageQuery): Promise<Page<JobRecord>>;
}
