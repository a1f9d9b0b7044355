import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Clock, Logger, Output, PollResult, Price, Progress, TaskRef, Warning } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { collectOutput } from '../artifacts/collect-outputs.js';
import type { GuardedFetcher } from '../artifacts/guarded-fetch.js';
import {
  type ArtifactRecord,
  currentModel,
  type JobRecord,
  type JobState,
  TERMINAL_STATES,
} from '../jobs/job.js';
import { KeyedMutex } from '../limits/keyed-mutex.js';
import { validateParams } from '../params/validate-params.js';
import type { RegisteredModel, Registry } from '../registry/registry.js';
import type { JobPatch } from '../store/job-store.js';
import type { Store } from '../store/ledger.js';
import type { JobEvents } from './job-events.js';
import { linkSignals } from './linked-signal.js';
import { type JobsConfig, usdToMicros } from './pipeline-config.js';
import { pollDelay } from './poll-delay.js';

export interface JobRunnerDeps {
  registry: Registry;
  store: Store;
  artifacts: ArtifactStore;
  fetcher: GuardedFetcher;
  events: JobEvents;
  clock: Clock;
  logger: Logger;
  config: JobsConfig;
  /** Aborts when the process stops taking work: runners leave jobs in their persisted state. */
  stopSignal: AbortSignal;
  /** Where providers with webhooks call back (`<base>/<provider id>`); absent when none can reach GenHub. */
  webhookBaseUrl?: string;
  /**
   * Hand a job waiting for its next poll back to the queue (`run` says when to poll again) instead
   * of waiting here: for a queue that can hold delayed jobs (BullMQ), so waiting jobs take no worker.
   */
  parkPolls?: boolean;
  /**
   * Claim each job at the start of a run and write it only while the claim holds: for a queue shared
   * by processes, where a job whose worker stalled past its lock is handed to another worker while the
   * first may still be driving it. The run taken over stops at its next write.
   */
  fenced?: boolean;
}

/** Where a parked job's polling stands, so the next `run` backs off as if it had waited here. */
export interface PollCursor {
  attempt: number;
  failures: number;
  failingSince?: number;
}

export interface RunOptions {
  cursor?: PollCursor | undefined;
  cancelled?: boolean | undefined;
  /**
   * The job as its request just wrote it, so the first step needs no read. Every step writes with a
   * compare-and-set on the state, so a job changed since (cancelled) is read again at its first write.
   */
  job?: JobRecord | undefined;
}

/**
 * How a `run` ended: the job is finished (or gone), the process is stopping (the job keeps its
 * persisted state), or the job waits `afterMs` for its next poll (only with `parkPolls`).
 */
export type RunOutcome =
  | { kind: 'ended' }
  | { kind: 'stopped' }
  | { kind: 'poll-later'; afterMs: number; cursor: PollCursor };

class Stopped extends Error {}

/** A fenced run found that its job was claimed by another run (or finished meanwhile). */
class Superseded extends Error {
  constructor(readonly jobId: string) {
    super('superseded');
  }
}

class Parked extends Error {
  constructor(
    readonly afterMs: number,
    readonly cursor: PollCursor,
  ) {
    super('parked');
  }
}

/** Tries at fetching a job's results when the provider's file host fails in a retryable way. */
const DOWNLOAD_ATTEMPTS = 3;
/**
 * Times a job starts again from its stored state after a retryable INTERNAL failure (the store's:
 * a database too busy to commit), before it fails; the waits double from STEP_RETRY_BASE_MS.
 */
const STEP_RETRIES = 4;
const STEP_RETRY_BASE_MS = 500;
/** Jittered, so jobs that collided in the database do not collide again. */
const stepRetryDelayMs = (retry: number) =>
  Math.round(STEP_RETRY_BASE_MS * 2 ** retry * (0.5 + Math.random()));
/** Times the provider is asked for the task of a submit whose answer was lost. */
const LOST_TASK_LOOKUPS = 3;
/**
 * A polled job's results are downloaded while it stays `running` in the store; only a download
 * still going after this long writes `downloading`, for operators and chat to see. Either way a
 * restart finds a job that polls its task again, and the job is settled in one write.
 */
export const DOWNLOADING_MARK_MS = 250;

/** Why a pending `downloading` mark is dropped; one shared reason, not a new DOMException per job. */
const MARK_NOT_NEEDED = new Error('The download ended before it needed a mark.');

/**
 * Drives one job from its stored state to a terminal one. Every transition is written (with a
 * compare-and-set on the state) before it is acted on, so a job interrupted anywhere resumes from
 * the store: polling its remote task, never paying for it twice.
 */
export class JobRunner {
  /** The wait of each job between polls, to cut short when its provider calls back. */
  readonly #pollWaits = new Map<string, AbortController>();
  /** Jobs woken while no wait was running: their next wait is skipped. */
  readonly #woken = new Set<string>();

  readonly #cancels = new Map<string, AbortController>();
  /** The claim token of each fenced run under way here, by job. */
  readonly #owners = new Map<string, string>();
  /** One lost-task lookup at a time per provider, so two jobs cannot adopt the same task. */
  readonly #lookups = new KeyedMutex();

  constructor(private readonly deps: JobRunnerDeps) {
    // Every waiting job links its wait to the stop signal (`linkSignals`): thousands at once.
    setMaxListeners(0, deps.stopSignal);
  }

  /** Asks a job being driven here to stop; returns false if it is not running in this process. */
  cancel(jobId: string): boolean {
    const controller = this.#cancels.get(jobId);
    if (!controller) return false;
    controller.abort(new GenHubError('CANCELLED', 'The job was cancelled.'));
    return true;
  }

  /**
   * Drives a job until it ends, the process stops, or (with `parkPolls`) it waits for a poll.
   * `cursor` resumes a parked job; `cancelled` ends it as cancelled (asked from another process).
   */
  async run(jobId: string, options: RunOptions = {}): Promise<RunOutcome> {
    const controller = new AbortController();
    this.#cancels.set(jobId, controller);
    if (options.cancelled) controller.abort(new GenHubError('CANCELLED', 'The job was cancelled.'));
    const owner = this.deps.fenced ? randomUUID() : undefined;
    if (owner !== undefined) this.#owners.set(jobId, owner);
    try {
      let resume = options.cursor;
      const requested = options.job?.id === jobId && options.job.state === 'queued' ? options.job : undefined;
      for (let retry = 0; ; retry++) {
        try {
          return await this.#drive(jobId, controller.signal, resume, retry === 0 ? requested : undefined);
        } catch (error) {
          const outcome = this.#outcomeOf(error);
          if (outcome) return outcome;
          const failure = GenHubError.from(error);
          if (failure.code === 'INTERNAL' && failure.retryable && retry < STEP_RETRIES) {
            // The store failed for a passing reason (a database too busy or locked to commit, or out
            // of reach): the job starts again from its stored state, as after a restart, instead of
            // failing with its task perhaps done and paid for.
            const afterMs = stepRetryDelayMs(retry);
            this.deps.logger.warn('a job step failed for a passing reason; running the job again', {
              jobId,
              error: failure.message,
              afterMs,
            });
            resume = undefined;
            await this.#sleep(afterMs, controller.signal);
            continue;
          }
          this.deps.logger.error('job runner failed', { jobId, error });
          const job = await this.deps.store.jobs.get(jobId);
          if (job && !TERMINAL_STATES.has(job.state)) await this.#fail(job, failure, [job.state]);
          return { kind: 'ended' };
        }
      }
    } catch (error) {
      // A signal thrown while waiting to retry, or while failing the job.
      const outcome = this.#outcomeOf(error);
      if (outcome) return outcome;
      throw error;
    } finally {
      this.#cancels.delete(jobId);
      this.#woken.delete(jobId);
      if (owner !== undefined && this.#owners.get(jobId) === owner) this.#owners.delete(jobId);
    }
  }

  /** How a run ends when a step throws one of the runner's own signals; undefined for a failure. */
  #outcomeOf(error: unknown): RunOutcome | undefined {
    if (error instanceof Stopped) return { kind: 'stopped' };
    if (error instanceof Parked) return { kind: 'poll-later', afterMs: error.afterMs, cursor: error.cursor };
    if (error instanceof Superseded) {
      this.deps.logger.warn('the job was taken over by another run (or ended) meanwhile; leaving it', {
        jobId: error.jobId,
      });
      return { kind: 'ended' };
    }
    return undefined;
  }

  /** Steps a job from its stored state until it ends or the process stops. */
  async #drive(
    jobId: string,
    signal: AbortSignal,
    cursor: PollCursor | undefined,
    known: JobRecord | undefined,
  ): Promise<RunOutcome> {
    const owner = this.#owners.get(jobId);
    let job =
      known ??
      (owner === undefined
        ? await this.deps.store.jobs.get(jobId)
        : await this.deps.store.jobs.claim(jobId, owner));
    let resume = cursor;
    // A job resumed while running may have been downloading unmarked: drop any files it left.
    if (job?.state === 'running') await this.deps.artifacts.remove(job.id);
    while (job && !TERMINAL_STATES.has(job.state)) {
      if (this.deps.stopSignal.aborted) return { kind: 'stopped' };
      job = await this.#step(job, signal, resume);
      resume = undefined;
    }
    return { kind: 'ended' };
  }

  async #step(job: JobRecord, signal: AbortSignal, cursor?: PollCursor): Promise<JobRecord | undefined> {
    if (signal.aborted) return this.#cancelled(job);
    if (this.deps.clock.now() >= job.deadlineAt) return this.#timedOut(job);
    const entry = this.deps.registry.find(currentModel(job));
    if (!entry) {
      return this.#fail(
        job,
        new GenHubError('MODEL_NOT_FOUND', `${currentModel(job)} is no longer configured.`),
        [job.state],
      );
    }
    switch (job.state) {
      case 'queued':
        return this.#submit(job, entry, signal);
      case 'submitting':
        return this.#recoverSubmitting(job, entry, signal);
      case 'running':
        return this.#poll(job, entry, signal, cursor);
      case 'downloading':
        return this.#recoverDownloading(job, entry, signal);
      default:
        return job;
    }
  }

  async #submit(job: JobRecord, entry: RegisteredModel, signal: AbortSignal): Promise<JobRecord | undefined> {
    const submitting = await this.#move(job, ['queued'], { state: 'submitting', progress: null });
    if (!submitting) return this.deps.store.jobs.get(job.id);
    let attempt = 0;
    for (;;) {
      const sentAt = this.deps.clock.now();
      try {
        const webhookUrl =
          entry.provider.webhook && this.deps.webhookBaseUrl
            ? `${this.deps.webhookBaseUrl}/${encodeURIComponent(entry.providerId)}`
            : undefined;
        const result = await entry.provider.submit(
          { model: entry.model.id, task: submitting.task, params: submitting.params },
          { signal, idempotencyKey: submitting.idempotencyKey, ...(webhookUrl ? { webhookUrl } : {}) },
        );
        const warnings = [...submitting.warnings, ...(result.warnings ?? [])];
        if (result.status === 'succeeded') {
          const downloading = await this.#move(submitting, ['submitting'], {
            state: 'downloading',
            warnings,
          });
          if (!downloading) return this.deps.store.jobs.get(job.id);
          return this.#download(downloading, result.outputs, result.cost, signal);
        }
        return this.#move(submitting, ['submitting'], {
          state: 'running',
          remoteRef: result.ref,
          progress: result.progress ?? null,
          submittedAt: this.deps.clock.now(),
          warnings,
        });
      } catch (thrown) {
        const error = GenHubError.from(thrown, 'PROVIDER_UNAVAILABLE');
        if (signal.aborted) return this.#cancelled(submitting);
        // The request may have reached the provider: sending it again (here or to a fallback)
        // could create, and bill, a second task.
        if (!error.beforeAcceptance && !entry.provider.capabilities?.idempotentSubmit) {
          return this.#outcomeUnknown(submitting, entry, error, sentAt, signal);
        }
        if (!error.retryable) return this.#fail(submitting, error, ['submitting']);
        const next = submitting.routeIndex + 1;
        if (next < submitting.route.length) return this.#failOver(submitting, next, error);
        attempt += 1;
        const waitMs = (error.retryAfterSeconds ?? 0) * 1000 || pollDelay(attempt, undefined, 1000, 30_000);
        if (
          attempt >= this.deps.config.submitAttempts ||
          this.deps.clock.now() + waitMs >= submitting.deadlineAt
        ) {
          return this.#fail(submitting, error, ['submitting']);
        }
        this.deps.logger.warn('submit failed, retrying', { jobId: job.id, code: error.code, waitMs });
        await this.#sleep(waitMs, signal);
      }
    }
  }

  /**
   * A job found mid-submit after a restart: resubmit only where the key makes that safe; otherwise
   * the same rule as a lost answer (adopt the task if the provider can name it, else refund).
   */
  async #recoverSubmitting(job: JobRecord, entry: RegisteredModel, signal: AbortSignal) {
    if (entry.provider.capabilities?.idempotentSubmit) {
      const requeued = await this.#move(job, ['submitting'], { state: 'queued' });
      return requeued ? this.#submit(requeued, entry, signal) : this.deps.store.jobs.get(job.id);
    }
    const lost = new GenHubError(
      'PROVIDER_UNAVAILABLE',
      'GenHub restarted while sending this job, so it cannot tell whether the provider got it.',
      { retryable: false },
    );
    return this.#outcomeUnknown(job, entry, lost, job.updatedAt, signal);
  }

  /**
   * A submit failed after the request may have reached the provider. The job adopts the task the
   * provider can name as its own; otherwise it fails and is refunded, and the operator is told that
   * the provider may have billed a task (log, metrics, `genhub jobs`).
   */
  async #outcomeUnknown(
    job: JobRecord,
    entry: RegisteredModel,
    error: GenHubError,
    sentAt: number,
    signal: AbortSignal,
  ): Promise<JobRecord | undefined> {
    const found = await this.#lookups.run(entry.providerId, async () => {
      const ref = await this.#findLostTask(job, entry, sentAt, signal);
      if (!ref) return undefined;
      return this.#move(job, ['submitting'], {
        state: 'running',
        remoteRef: ref,
        submittedAt: sentAt,
      });
    });
    if (found) {
      this.deps.logger.warn('adopted the task of a submit whose answer was lost', {
        jobId: job.id,
        provider: entry.providerId,
        taskId: found.remoteRef?.id,
        code: error.code,
      });
      return found;
    }
    if (signal.aborted) return this.#cancelled(job);
    this.deps.logger.warn('the provider may have billed a task', {
      jobId: job.id,
      provider: entry.providerId,
      model: entry.model.id,
      code: error.code,
      error: error.message,
    });
    const refunded = new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `${entry.providerId} did not confirm the job (${error.message.replace(/\.$/, '')}) and no task of it could be found, so the user was refunded; the provider may have billed a task.`,
      {
        retryable: false,
        provider: entry.providerId,
        details: { maybeBilledTask: true, cause: error.code },
      },
    );
    return this.#fail(job, refunded, ['submitting']);
  }

  /**
   * Asks the provider for the task a lost submit may have created, a few times (a stalled request
   * may still be creating it). A task is adopted only when exactly one candidate is owned by no
   * other job; several candidates are ambiguous, and a wrong adoption would deliver someone else's
   * result, so then nothing is adopted.
   */
  async #findLostTask(
    job: JobRecord,
    entry: RegisteredModel,
    sentAt: number,
    signal: AbortSignal,
  ): Promise<TaskRef | undefined> {
    const find = entry.provider.findSubmitted?.bind(entry.provider);
    if (!find) return undefined;
    for (let attempt = 0; attempt < LOST_TASK_LOOKUPS; attempt++) {
      if (attempt > 0) {
        const delay = pollDelay(
          attempt,
          undefined,
          this.deps.config.pollInitialMs,
          this.deps.config.pollMaxMs,
        );
        if (this.deps.clock.now() + delay >= job.deadlineAt) return undefined;
        await this.#sleep(delay, signal);
      }
      if (signal.aborted) return undefined;
      let candidates: readonly TaskRef[];
      try {
        candidates = await find(
          { model: entry.model.id, task: job.task, params: job.params },
          { signal, idempotencyKey: job.idempotencyKey, sentAt },
        );
      } catch (thrown) {
        this.deps.logger.warn('could not look for the task of a lost submit', {
          jobId: job.id,
          error: GenHubError.from(thrown),
        });
        continue;
      }
      const free: TaskRef[] = [];
      for (const ref of candidates) {
        const owners = await this.deps.store.jobs.findByRemoteTask(ref.id);
        const owned = owners.some(
          (owner) =>
            owner.id !== job.id &&
            this.deps.registry.find(currentModel(owner))?.providerId === entry.providerId,
        );
        if (!owned) free.push(ref);
      }
      if (free.length === 1) return free[0];
      if (free.length > 1) {
        this.deps.logger.warn('several tasks may belong to a lost submit; adopting none', {
          jobId: job.id,
          candidates: free.length,
        });
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * Moves the job to the next model of its route, its parameters validated again against that
   * model's schema (another provider may take other extras). A fallback that cannot take them is
   * skipped; with none left, the job fails with the error that started the failover.
   */
  async #failOver(job: JobRecord, next: number, error: GenHubError): Promise<JobRecord | undefined> {
    const from = currentModel(job);
    for (let index = next; index < job.route.length; index++) {
      const to = job.route[index]!;
      const fallback = this.deps.registry.find(to);
      if (!fallback) continue;
      let validated: ReturnType<typeof validateParams>;
      try {
        validated = validateParams(fallback.model, job.params);
      } catch (invalid) {
        this.deps.logger.warn('fallback cannot take the parameters', { jobId: job.id, to, error: invalid });
        continue;
      }
      this.deps.logger.warn('failing over', { jobId: job.id, from, to, code: error.code });
      const moved: Warning = {
        type: 'other',
        message: `${from} was unavailable (${error.code}); the job moved to ${to}.`,
      };
      return this.#move(job, ['submitting'], {
        state: 'queued',
        routeIndex: index,
        idempotencyKey: `${job.id}-${index}`,
        params: JSON.parse(JSON.stringify(validated.params)) as JobRecord['params'],
        warnings: [...job.warnings, moved, ...validated.warnings],
      });
    }
    return this.#fail(job, error, ['submitting']);
  }

  async #poll(
    job: JobRecord,
    entry: RegisteredModel,
    signal: AbortSignal,
    cursor?: PollCursor,
  ): Promise<JobRecord | undefined> {
    const ref = job.remoteRef;
    if (!ref)
      return this.#fail(job, new GenHubError('INTERNAL', 'The job lost its remote task.'), ['running']);
    let current = job;
    let attempt = cursor?.attempt ?? 0;
    let failures = cursor?.failures ?? 0;
    let failingSince = cursor?.failingSince;
    // A task submitted a moment ago is not asked about at once: the first poll comes one initial
    // delay after the submit (a task found running after a restart is polled at once).
    const sinceSubmit = this.deps.clock.now() - (current.submittedAt ?? 0);
    const firstWait = pollDelay(0, undefined, this.deps.config.pollInitialMs, this.deps.config.pollMaxMs);
    if (!cursor && sinceSubmit < firstWait) {
      const wait = Math.min(firstWait - sinceSubmit, this.#untilDeadline(current));
      await this.#pollWait(job.id, wait, signal, { attempt: 1, failures: 0 });
      attempt = 1;
    }
    for (;;) {
      if (this.deps.stopSignal.aborted) throw new Stopped();
      if (signal.aborted) return this.#cancelled(current);
      if (this.deps.clock.now() >= current.deadlineAt) return this.#timedOut(current);
      let result: PollResult;
      try {
        result = await entry.provider.poll(ref, { signal });
        failures = 0;
        failingSince = undefined;
      } catch (thrown) {
        const error = GenHubError.from(thrown, 'PROVIDER_UNAVAILABLE');
        if (signal.aborted) return this.#cancelled(current);
        if (!error.retryable) return this.#fail(current, error, ['running']);
        failures += 1;
        failingSince ??= this.deps.clock.now();
        if (this.deps.clock.now() - failingSince >= this.deps.config.pollFailureMinutes * 60_000) {
          return this.#pollsKeptFailing(current, error);
        }
        this.deps.logger.warn('poll failed, will retry', { jobId: job.id, code: error.code, failures });
        const delay = pollDelay(
          failures,
          (error.retryAfterSeconds ?? 0) * 1000 || undefined,
          this.deps.config.pollInitialMs,
          this.deps.config.pollMaxMs,
        );
        await this.#pollWait(job.id, Math.min(delay, this.#untilDeadline(current)), signal, {
          attempt,
          failures,
          failingSince,
        });
        continue;
      }
      switch (result.status) {
        case 'succeeded': {
          const warnings = [...current.warnings, ...(result.warnings ?? [])];
          return this.#downloadWhileRunning(current, warnings, result.outputs, result.cost, signal);
        }
        case 'failed':
          return this.#fail(current, result.error, ['running']);
        case 'cancelled':
          return this.#finish(current, ['running'], 'cancelled', 0, {
            error: new GenHubError('CANCELLED', 'The provider cancelled the job.').toJSON(),
          });
        case 'pending': {
          const progress = progressOf(result);
          if (JSON.stringify(progress) !== JSON.stringify(current.progress)) {
            const moved = await this.#update(current, ['running'], { progress });
            if (!moved) return this.deps.store.jobs.get(job.id);
            current = moved;
            this.deps.events.emit({ type: 'progress', job: current });
          }
          const untilDeadline = this.#untilDeadline(current);
          const delay = pollDelay(
            attempt,
            result.pollAfterMs,
            this.deps.config.pollInitialMs,
            this.deps.config.pollMaxMs,
          );
          attempt += 1;
          await this.#pollWait(job.id, Math.min(delay, untilDeadline), signal, { attempt, failures: 0 });
        }
      }
    }
  }

  /** A job found downloading after a restart: ask the provider for the results again. */
  async #recoverDownloading(job: JobRecord, entry: RegisteredModel, signal: AbortSignal) {
    await this.deps.artifacts.remove(job.id);
    if (!job.remoteRef) {
      return this.#fail(
        job,
        new GenHubError(
          'INTERNAL',
          'GenHub restarted before it saved the results, so the job was not charged.',
        ),
        ['downloading'],
      );
    }
    let result: PollResult;
    try {
      result = await entry.provider.poll(job.remoteRef, { signal });
    } catch (thrown) {
      const error = GenHubError.from(thrown, 'PROVIDER_UNAVAILABLE');
      if (error.retryable) return this.#move(job, ['downloading'], { state: 'running' });
      return this.#fail(job, error, ['downloading']);
    }
    if (result.status === 'succeeded') return this.#download(job, result.outputs, result.cost, signal);
    if (result.status === 'failed') return this.#fail(job, result.error, ['downloading']);
    return this.#move(job, ['downloading'], { state: 'running' });
  }

  /**
   * Downloads a polled job's results without writing `downloading` first (see DOWNLOADING_MARK_MS):
   * the state is written only if the download is slow, and the settle expects either state.
   */
  async #downloadWhileRunning(
    job: JobRecord,
    warnings: Warning[],
    outputs: readonly Output[],
    cost: Price | undefined,
    signal: AbortSignal,
  ): Promise<JobRecord | undefined> {
    const stopMark = new AbortController();
    // Settles with what became of the mark, never rejects: nobody may be waiting when it fails.
    const mark = this.deps.clock.sleep(DOWNLOADING_MARK_MS, stopMark.signal).then(
      () =>
        this.#move(job, ['running'], { state: 'downloading', warnings }).then(
          (moved) => ({ moved }),
          (error: unknown) => ({ error }),
        ),
      () => ({ moved: undefined }),
    );
    const before = async () => {
      stopMark.abort(MARK_NOT_NEEDED);
      const outcome = await mark;
      if ('error' in outcome) throw outcome.error;
      return outcome.moved ?? job;
    };
    try {
      return await this.#download(job, outputs, cost, signal, {
        before,
        expected: ['running', 'downloading'],
        warnings,
      });
    } finally {
      stopMark.abort(MARK_NOT_NEEDED);
    }
  }

  async #download(
    job: JobRecord,
    outputs: readonly Output[],
    cost: Price | undefined,
    signal: AbortSignal,
    unmarked?: {
      /** Ends the pending `downloading` mark; gives the job as it now stands. */
      before: () => Promise<JobRecord>;
      expected: readonly JobState[];
      warnings: Warning[];
    },
  ) {
    const expected = unmarked?.expected ?? ['downloading'];
    const settled = async () => (unmarked ? unmarked.before() : job);
    const maxBytes = this.deps.config.maxOutputMegabytes * 1024 * 1024;
    let records: ArtifactRecord[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        records = await this.#collect(job, outputs, maxBytes, signal);
        break;
      } catch (thrown) {
        await this.deps.artifacts.remove(job.id);
        if (signal.aborted) return this.#cancelled(await settled());
        const error = GenHubError.from(thrown, 'PROVIDER_UNAVAILABLE');
        if (!error.retryable || attempt >= DOWNLOAD_ATTEMPTS) {
          return this.#fail(await settled(), error, expected);
        }
        this.deps.logger.warn('download failed, retrying', { jobId: job.id, code: error.code, attempt });
        await this.#sleep(pollDelay(attempt, undefined, 1000, 10_000), signal);
      }
    }
    const charge = cost === undefined ? job.reservedMicros : usdToMicros(cost.usd);
    return this.#finish(await settled(), expected, 'succeeded', charge, {
      outputs: records,
      progress: null,
      ...(unmarked ? { warnings: unmarked.warnings } : {}),
    });
  }

  async #collect(job: JobRecord, outputs: readonly Output[], maxBytes: number, signal: AbortSignal) {
    if (outputs.length === 0)
      throw new GenHubError('PROVIDER_UNAVAILABLE', 'The provider returned no results.');
    const records: ArtifactRecord[] = [];
    for (const output of outputs) {
      records.push(
        await collectOutput(output, {
          store: this.deps.artifacts,
          fetcher: this.deps.fetcher,
          jobId: job.id,
          maxBytes,
          signal,
        }),
      );
    }
    return records;
  }

  #untilDeadline(job: JobRecord): number {
    return Math.max(0, job.deadlineAt - this.deps.clock.now());
  }

  /** Polls failed one after another for `pollFailureMinutes`: give up, cancel remotely, refund. */
  async #pollsKeptFailing(job: JobRecord, last: GenHubError): Promise<JobRecord | undefined> {
    await this.#cancelRemote(job);
    const minutes = this.deps.config.pollFailureMinutes;
    return this.#fail(
      job,
      new GenHubError(
        last.code,
        `The provider could not be asked about the job for ${minutes} minute${minutes === 1 ? '' : 's'} (${last.message.replace(/\.$/, '')}), so it was stopped and refunded.`,
        { retryable: false, ...(last.provider === undefined ? {} : { provider: last.provider }) },
      ),
      ['running'],
    );
  }

  async #timedOut(job: JobRecord): Promise<JobRecord | undefined> {
    if (job.remoteRef) await this.#cancelRemote(job);
    return this.#finish(job, [job.state], 'timed_out', 0, {
      error: new GenHubError('TIMEOUT', 'The generation did not finish before its deadline.').toJSON(),
    });
  }

  async #cancelled(job: JobRecord): Promise<JobRecord | undefined> {
    if (job.remoteRef) await this.#cancelRemote(job);
    return this.#finish(job, [job.state], 'cancelled', 0, {
      error: new GenHubError('CANCELLED', 'The job was cancelled.').toJSON(),
    });
  }

  async #cancelRemote(job: JobRecord): Promise<void> {
    const entry = this.deps.registry.find(currentModel(job));
    if (!entry?.provider.cancel || !job.remoteRef) return;
    try {
      await entry.provider.cancel(job.remoteRef, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      this.deps.logger.warn('could not cancel the remote task', { jobId: job.id, error });
    }
  }

  #fail(job: JobRecord, error: GenHubError, expected: readonly JobState[]): Promise<JobRecord | undefined> {
    return this.#finish(job, expected, 'failed', 0, { error: error.toJSON() });
  }

  async #finish(
    job: JobRecord,
    expected: readonly JobState[],
    state: 'succeeded' | 'failed' | 'cancelled' | 'timed_out',
    chargeMicros: number,
    patch: JobPatch,
  ): Promise<JobRecord | undefined> {
    const now = this.deps.clock.now();
    const owner = this.#owners.get(job.id);
    const finished = await this.deps.store.finishJob(
      job.id,
      expected,
      { ...patch, state, finishedAt: now },
      chargeMicros,
      { owner },
    );
    if (!finished && owner !== undefined) throw new Superseded(job.id);
    if (!finished) return this.deps.store.jobs.get(job.id);
    this.deps.events.emit({ type: state === 'succeeded' ? 'succeeded' : 'failed', job: finished });
    return finished;
  }

  async #move(
    job: JobRecord,
    expected: readonly JobState[],
    patch: JobPatch,
  ): Promise<JobRecord | undefined> {
    const moved = await this.#update(job, expected, patch);
    if (moved && patch.state) this.deps.events.emit({ type: 'state', job: moved });
    return moved;
  }

  /** A compare-and-set write; in a fenced run, a miss means the run lost its job (`Superseded`). */
  async #update(job: JobRecord, expected: readonly JobState[], patch: JobPatch) {
    const owner = this.#owners.get(job.id);
    const updated = await this.deps.store.jobs.update(job.id, expected, patch, { owner });
    if (!updated && owner !== undefined) throw new Superseded(job.id);
    return updated;
  }

  /**
   * Asks a polling job about its task at once, cutting its wait short (its provider called back).
   * A job between waits skips its next one. False when the job is not being driven here.
   */
  wake(jobId: string): boolean {
    if (!this.#cancels.has(jobId)) return false;
    const wait = this.#pollWaits.get(jobId);
    if (wait) wait.abort();
    else this.#woken.add(jobId);
    return true;
  }

  /** The wait before a job's next poll, which `wake` cuts short; with `parkPolls`, a hand-back. */
  async #pollWait(jobId: string, ms: number, jobSignal: AbortSignal, next: PollCursor): Promise<void> {
    if (this.#woken.delete(jobId)) return;
    if (this.deps.parkPolls && ms > 0 && !jobSignal.aborted) throw new Parked(ms, next);
    const wait = new AbortController();
    this.#pollWaits.set(jobId, wait);
    try {
      await this.#sleep(ms, jobSignal, wait.signal);
    } finally {
      this.#pollWaits.delete(jobId);
    }
  }

  /** Waits `ms`; ends early when the job is cancelled, `wake` fires, or the process stops (`Stopped`). */
  async #sleep(ms: number, jobSignal: AbortSignal, wake?: AbortSignal): Promise<void> {
    const sources = [jobSignal, this.deps.stopSignal];
    if (wake !== undefined) sources.push(wake);
    const link = linkSignals(sources);
    try {
      await this.deps.clock.sleep(ms, link.signal);
    } catch {
      if (this.deps.stopSignal.aborted && !jobSignal.aborted) throw new Stopped();
    } finally {
      link.unlink();
    }
  }
}

function progressOf(result: Progress): Progress | null {
  const progress: Progress = {};
  if (result.percent !== undefined) progress.percent = Math.max(0, Math.min(100, result.percent));
  if (result.queuePosition !== undefined) progress.queuePosition = result.queuePosition;
  if (result.etaSeconds !== undefined) progress.etaSeconds = result.etaSeconds;
  return Object.keys(progress).length === 0 ? null : progress;
}
