import { type GenerationService, type JobRecord, TERMINAL_STATES } from '@genhub/core';

/**
 * Follows the jobs of one user from the pipeline's events. It listens from the start, so no event is
 * missed between `request` persisting a job and the caller asking to follow it.
 */
export class JobTracker {
  readonly #latest = new Map<string, JobRecord>();
  readonly #listeners = new Map<string, (job: JobRecord) => void>();
  readonly #unsubscribe: () => void;

  constructor(generation: GenerationService, userId: string) {
    this.#unsubscribe = generation.events.subscribe(({ job }) => {
      if (job.userId !== userId) return;
      this.#latest.set(job.id, job);
      this.#listeners.get(job.id)?.(job);
    });
  }

  /** Calls `onUpdate` with each newer record of the job; resolves with the record that ends it. */
  follow(job: JobRecord, onUpdate: (job: JobRecord) => void): Promise<JobRecord> {
    return new Promise((resolve) => {
      const update = (record: JobRecord) => {
        onUpdate(record);
        if (TERMINAL_STATES.has(record.state)) {
          this.#listeners.delete(record.id);
          this.#latest.delete(record.id);
          resolve(record);
        }
      };
      this.#listeners.set(job.id, update);
      update(this.#latest.get(job.id) ?? job);
    });
  }

  close(): void {
    this.#unsubscribe();
  }
}
