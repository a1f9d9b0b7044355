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

/** Whether an event happened in this process or was carried here from another one. */
export type JobEventOrigin = 'here' | 'elsewhere';

export type JobEventListener = (event: JobEvent, origin: JobEventOrigin) => void;

/**
 * Carries job events between processes (Redis, when configured): what this process emits is
 * published, and what other processes published is handed to `deliver`.
 */
export interface JobEventTransport {
  publish(event: JobEvent): void;
  listen(deliver: (event: JobEvent) => void): void;
  close(): Promise<void>;
}

/**
 * A typed stream of job events, for the chat layer to follow one job or all of them. With a
 * transport, it carries the events of every process, so a bot follows a job a worker runs.
 */
export class JobEvents {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly transport?: JobEventTransport) {
    this.#emitter.setMaxListeners(0);
    transport?.listen((event) => this.#deliver(event, 'elsewhere'));
  }

  emit(event: JobEvent): void {
    this.#deliver(event, 'here');
    this.transport?.publish(event);
  }

  /** Stops carrying events between processes. */
  async close(): Promise<void> {
    await this.transport?.close();
  }

  #deliver(event: JobEvent, origin: JobEventOrigin): void {
    this.#emitter.emit('job', event, origin);
    this.#emitter.emit(`job:${event.job.id}`, event, origin);
  }

  /** Calls `listener` for every event of every job; returns a function that stops it. */
  subscribe(listener: JobEventListener): () => void {
    return this.#listen('job', listener);
  }

  /** Calls `listener` for every event of one job; returns a function that stops it. */
  subscribeJob(jobId: string, listener: JobEventListener): () => void {
    return this.#listen(`job:${jobId}`, listener);
  }

  #listen(name: string, listener: JobEventListener): () => void {
    const safe = (event: JobEvent, origin: JobEventOrigin) => {
      try {
        listener(event, origin);
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
