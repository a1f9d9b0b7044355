import { EventEmitter, on } from 'node:events';
import type { JobRecord } from '../jobs/job.js';
import { TERMINAL_STATES } from '../jobs/job.js';

/**
 * What happened to a job; `job` is its stored record after the change. `state` is a move between
 * non-terminal states (queued, submitting, running, downloading); `failed` covers every ending
 * without results (failed, cancelled, timed_out: see `job.state` and `job.error`).
 */
export type JobEvent =
  | { type: 'state'; job: JobRecord }
  | { type: 'progress'; job: JobRecord }
  | { type: 'succeeded'; job: JobRecord }
  | { type: 'failed'; job: JobRecord };

/** A typed stream of job events, for the chat layer to follow one job or all of them. */
export class JobEvents {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  emit(event: JobEvent): void {
    this.#emitter.emit('job', event);
    this.#emitter.emit(`job:${event.job.id}`, event);
  }

  /** Calls `listener` for every event of every job; returns a function that stops it. */
  subscribe(listener: (event: JobEvent) => void): () => void {
    return this.#listen('job', listener);
  }

  /** Calls `listener` for every event of one job; returns a function that stops it. */
  subscribeJob(jobId: string, listener: (event: JobEvent) => void): () => void {
    return this.#listen(`job:${jobId}`, listener);
  }

  #listen(name: string, listener: (event: JobEvent) => void): () => void {
    const safe = (event: JobEvent) => {
      try {
        listener(event);
      } catch {
        // A front end's bug must not stop the pipeline.
      }
    };
    this.#emitter.on(name, safe);
    return () => this.#emitter.off(name, safe);
  }

  /** The events of one job until it ends (or the signal aborts). */
  async *watch(jobId: string, signal?: AbortSignal): AsyncGenerator<JobEvent> {
    try {
      for await (const [event] of on(this.#emitter, `job:${jobId}`, signal ? { signal } : {})) {
        const jobEvent = event as JobEvent;
        yield jobEvent;
        if (TERMINAL_STATES.has(jobEvent.job.state)) return;
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}
