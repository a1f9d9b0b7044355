import type { RunOptions, RunOutcome } from './job-runner.js';

/** Drives one job; a parked job comes back with the cursor its `run` returned. */
export type JobHandler = (jobId: string, options?: RunOptions) => Promise<RunOutcome | undefined>;

/**
 * Hands job ids to workers. The embedded queue runs them in this process; the BullMQ queue
 * (`redis/bullmq-job-queue.ts`) spreads them over processes.
 */
export interface JobQueue {
  /** Queues a job id; a job already queued or running is not queued twice. */
  enqueue(jobId: string): Promise<void>;
  /**
   * Starts handing ids to `handler`, at most `concurrency` at a time. `onCancel` is told of a
   * cancel another process asked for (see `requestCancel`); it returns false if the job is not here.
   */
  start(handler: JobHandler, onCancel?: (jobId: string) => boolean): void;
  /** Stops taking ids and waits for running handlers to return. */
  stop(): Promise<void>;
  /** Jobs waiting and running. */
  size(): { waiting: number; running: number };
  /** Where a waiting job is in line (1 = next), or undefined. */
  position(jobId: string): number | undefined;
  /**
   * Whether every job queued here runs in this process: the record a request just wrote can then be
   * handed to the runner instead of read back.
   */
  readonly runsHere?: boolean;
  /** Whether `run` may park a job waiting for a poll (the queue then holds it as a delayed job). */
  readonly parksPolls?: boolean;
  /** Moves a parked job's next poll to now (its provider called back); false when none is parked. */
  wake?(jobId: string): Promise<boolean>;
  /**
   * Asks whichever process drives a job (now or next) to cancel it: for queues shared by processes,
   * where the asking process may not be the one running the job.
   */
  requestCancel?(jobId: string): Promise<void>;
}

/** The embedded queue: in memory, rebuilt from the job store at start. */
export class InProcessJobQueue implements JobQueue {
  readonly runsHere = true;
  readonly #waiting: string[] = [];
  readonly #known = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  #handler: JobHandler | undefined;
  #stopped = false;

  constructor(private readonly concurrency: number) {}

  async enqueue(jobId: string): Promise<void> {
    if (this.#stopped || this.#known.has(jobId)) return;
    this.#known.add(jobId);
    this.#waiting.push(jobId);
    this.#pump();
  }

  start(handler: JobHandler): void {
    this.#handler = handler;
    this.#stopped = false;
    this.#pump();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#running.values()]);
  }

  size(): { waiting: number; running: number } {
    return { waiting: this.#waiting.length, running: this.#running.size };
  }

  position(jobId: string): number | undefined {
    const index = this.#waiting.indexOf(jobId);
    return index < 0 ? undefined : index + 1;
  }

  #pump(): void {
    const handler = this.#handler;
    if (!handler) return;
    while (!this.#stopped && this.#running.size < this.concurrency && this.#waiting.length > 0) {
      const jobId = this.#waiting.shift()!;
      const run = handler(jobId)
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          this.#running.delete(jobId);
          this.#known.delete(jobId);
          this.#pump();
        });
      this.#running.set(jobId, run);
    }
  }
}
