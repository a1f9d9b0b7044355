import type { Logger } from '@genhub/provider';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHandler, JobQueue } from '../pipeline/job-queue.js';
import type { PollCursor, RunOutcome } from '../pipeline/job-runner.js';
import { closeRedis, connectRedis } from './redis-connection.js';

/** What a queued job carries besides its id: where its polling stands when it was parked. */
interface QueuedJobData {
  cursor?: PollCursor;
}

const QUEUE_NAME = 'jobs';
/** How often the waiting count shown by `size` is read again from Redis. */
const COUNT_REFRESH_MS = 2_000;

export interface BullJobQueueOptions {
  url: string;
  /** Prefix of the queue's keys (`redis.prefix`). */
  prefix: string;
  /** Jobs this process drives at once. */
  concurrency: number;
  /** How long a worker owns a job without renewing its lock (`redis.lockSeconds`). */
  lockSeconds: number;
  logger: Logger;
}

/**
 * The job queue on Redis, with BullMQ: any process enqueues, worker processes (`start`) drive the
 * jobs. A job is owned by one worker at a time (BullMQ's lock); a worker that dies has its jobs
 * moved back to the line by BullMQ's stalled-job check, and the next worker resumes them from the
 * store. A job waiting for its next poll is a delayed BullMQ job, not a waiting worker.
 */
export class BullJobQueue implements JobQueue {
  readonly parksPolls = true;
  readonly #options: BullJobQueueOptions;
  readonly #connection: Redis;
  readonly #queue: Queue<QueuedJobData>;
  #worker: Worker<QueuedJobData> | undefined;
  #workerConnection: Redis | undefined;
  #cancelListener: Redis | undefined;
  /** The handler run under way here for each job, so a job handed out again while it runs joins it. */
  readonly #runs = new Map<string, Promise<RunOutcome | undefined>>();
  #running = 0;
  #waiting = 0;
  #countedAt = 0;

  constructor(options: BullJobQueueOptions) {
    this.#options = options;
    this.#connection = connectRedis(options.url, 'queue');
    this.#queue = new Queue<QueuedJobData>(QUEUE_NAME, {
      connection: this.#connection,
      prefix: options.prefix,
    });
    this.#queue.on('error', (error) =>
      options.logger.warn('the Redis queue failed', { error: String(error) }),
    );
  }

  async enqueue(jobId: string): Promise<void> {
    // The job id is BullMQ's id too: a job already waiting, delayed or running is not added twice.
    await this.#queue.add(QUEUE_NAME, {}, { jobId, removeOnComplete: true, removeOnFail: true });
  }

  start(handler: JobHandler, onCancel?: (jobId: string) => boolean): void {
    if (this.#worker) return;
    const { url, prefix, concurrency, lockSeconds, logger } = this.#options;
    if (onCancel) {
      this.#cancelListener = connectRedis(url, 'cancel-listener', { blocking: true });
      this.#cancelListener.on('message', (_channel: string, jobId: string) => onCancel(jobId));
      this.#cancelListener
        .subscribe(this.#cancelChannel)
        .catch((error: unknown) => logger.warn('could not listen for cancels', { error: String(error) }));
    }
    this.#workerConnection = connectRedis(url, 'worker', { blocking: true });
    this.#worker = new Worker<QueuedJobData>(QUEUE_NAME, (job, token) => this.#process(handler, job, token), {
      connection: this.#workerConnection,
      prefix,
      concurrency,
      lockDuration: lockSeconds * 1000,
      stalledInterval: lockSeconds * 1000,
      // The runner resumes a stalled job from the store under the restart rules, however often
      // its worker died; BullMQ must never fail it on its own.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
    });
    this.#worker.on('error', (error) => logger.warn('a Redis queue worker failed', { error: String(error) }));
    this.#worker.on('stalled', (jobId) =>
      logger.warn('took over a job whose worker stopped answering', { jobId }),
    );
  }

  async #process(handler: JobHandler, job: Job<QueuedJobData>, token: string | undefined): Promise<void> {
    const jobId = job.id;
    if (jobId === undefined) return;
    this.#running += 1;
    try {
      const outcome = await this.#runOnce(handler, job, jobId);
      if (outcome?.kind === 'poll-later') {
        await job.updateData({ cursor: outcome.cursor });
        await job.moveToDelayed(Date.now() + outcome.afterMs, token);
        throw new DelayedError();
      }
      if (outcome?.kind === 'stopped') {
        // This process is stopping: back in line at once, for another worker (or the next start).
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
    } finally {
      this.#running -= 1;
    }
  }

  /**
   * Runs the handler, unless it is running this job already: a process whose event loop stalled
   * past `lockSeconds` loses the job's lock while still driving it, and BullMQ's stalled-job check
   * may hand the job back to this very process. Two runs of one job at once would race each other
   * (one clearing the files the other is downloading), so the new attempt waits for the run under
   * way and acts on its outcome with the lock it now holds; the old attempt's lock is stale.
   */
  #runOnce(handler: JobHandler, job: Job<QueuedJobData>, jobId: string): Promise<RunOutcome | undefined> {
    const underWay = this.#runs.get(jobId);
    if (underWay) {
      this.#options.logger.warn('a job came back while this process still ran it; joining that run', {
        jobId,
      });
      return underWay;
    }
    const run = (async () => {
      const cancelled = (await this.#connection.exists(this.#cancelKey(jobId))) === 1;
      return handler(jobId, { cursor: job.data.cursor, cancelled });
    })();
    this.#runs.set(jobId, run);
    const forget = () => {
      if (this.#runs.get(jobId) === run) this.#runs.delete(jobId);
    };
    run.then(forget, forget);
    return run;
  }

  async stop(): Promise<void> {
    await this.#worker?.close();
    await this.#queue.close();
    if (this.#workerConnection) await closeRedis(this.#workerConnection);
    if (this.#cancelListener) await closeRedis(this.#cancelListener);
    await closeRedis(this.#connection);
  }

  size(): { waiting: number; running: number } {
    const now = Date.now();
    if (now - this.#countedAt >= COUNT_REFRESH_MS && this.#connection.status === 'ready') {
      this.#countedAt = now;
      this.#queue.getWaitingCount().then(
        (count) => {
          this.#waiting = count;
        },
        () => {},
      );
    }
    return { waiting: this.#waiting, running: this.#running };
  }

  /** Not known without asking Redis, which a chat message's refresh should not do. */
  position(): number | undefined {
    return undefined;
  }

  async wake(jobId: string): Promise<boolean> {
    try {
      const job = await this.#queue.getJob(jobId);
      if (!job || !(await job.isDelayed())) return false;
      await job.promote();
      return true;
    } catch {
      // It moved on meanwhile (promoted, running, done): its next poll comes anyway.
      return false;
    }
  }

  async requestCancel(jobId: string): Promise<void> {
    // Kept a day, for a job parked or waiting in line: its next run ends it as cancelled.
    await this.#connection.set(this.#cancelKey(jobId), '1', 'EX', 86_400);
    await this.#connection.publish(this.#cancelChannel, jobId);
    await this.wake(jobId);
  }

  #cancelKey(jobId: string): string {
    return `${this.#options.prefix}:cancel:${jobId}`;
  }

  get #cancelChannel(): string {
    return `${this.#options.prefix}:cancels`;
  }

  /** Every job this queue holds, waiting, delayed or running (tests, `genhub doctor`). */
  async counts(): Promise<{ waiting: number; delayed: number; active: number }> {
    const counts = await this.#queue.getJobCounts('waiting', 'delayed', 'active');
    return { waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0 };
  }
}
