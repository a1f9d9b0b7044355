import { type GenHub, type JobRecord, type JobState, TERMINAL_STATES } from '@genhub/core';

export interface WaitForJobOptions {
  /** The states to wait for; terminal states by default. */
  states?: ReadonlySet<JobState>;
  timeoutMs?: number;
}

/**
 * Resolves with the job's stored record once it is in one of `states`, whether it got there before
 * or after the call; rejects after `timeoutMs`.
 */
export function waitForJob(
  genhub: Pick<GenHub, 'generation'>,
  job: Pick<JobRecord, 'id'>,
  options: WaitForJobOptions = {},
): Promise<JobRecord> {
  const states = options.states ?? TERMINAL_STATES;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const finish = (record: JobRecord) => {
      stop();
      clearTimeout(timer);
      resolve(record);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`job ${job.id} did not reach ${[...states].join('/')} in ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = genhub.generation.events.subscribe((event) => {
      if (event.job.id === job.id && states.has(event.job.state)) finish(event.job);
    });
    void genhub.generation.get(job.id).then((current) => {
      if (current && states.has(current.state)) finish(current);
    }, reject);
  });
}
