/** Hands job ids to workers. The embedded queue runs them in this process; BullMQ can replace it. */
export interface JobQueue {
  /** Queues a job id; a job already queued or running is not queued twice. */
  enqueue(jobId: string): Promise<void>;
  /** Starts handing ids to `handler`, at most `concurrency` at a time. */
  start(handler: (jobId: string) => Promise<void>): void;
  /** Stops taking ids and waits for running handlers to return. */
  stop(): Promise<void>;
  /** Jobs waiting and running. */
  size(): { waiting: number; running: number };
  /** Where a waiting job is in line (1 = next), or undefined. */
  position(jobId: string): number | undefined;
}

/** The embedded queue: in memory, rebuilt from the job store at start. */
export class InProcessJobQueue implements JobQueue {
  readonly #waiting: string[] = [];
  readonly #known = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  #handler: ((jobId: string) => Promise<void>) | undefined;
  #stopped = false;

  constructor(private readonly concurrency: number) {}

  async enqueue(jobId: string): Promise<void> {
    if (this.#stopped || this.#known.has(jobId)) return;
    this.#known.add(jobId);
    this.#waiting.push(jobId);
    this.#pump();
  }

  start(handler: (jobId: string) => Promise<void>): void {
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
