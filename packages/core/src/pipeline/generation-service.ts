import { randomBytes } from 'node:crypto';
import type {
  Clock,
  JsonObject,
  Logger,
  ModelSpec,
  SafetyLevel,
  Task,
  Warning,
  WebhookRequest,
} from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { GuardedFetcher } from '../artifacts/guarded-fetch.js';
import { fetchInputMedia } from '../artifacts/input-media.js';
import {
  ACTIVE_STATES,
  type AccountRef,
  currentModel,
  type JobRecord,
  TERMINAL_STATES,
} from '../jobs/job.js';
import { KeyedMutex } from '../limits/keyed-mutex.js';
import type { LimitsConfig } from '../limits/limits-config.js';
import type { AdmissionLock, RateLimiter } from '../limits/rate-limiter.js';
import { SlidingWindowLimiter } from '../limits/sliding-window-limiter.js';
import { taskClassOf } from '../limits/task-class.js';
import { BLOCKED_USER_SENTENCE } from '../moderation/moderation.js';
import type { Registry } from '../registry/registry.js';
import { assertNotBlocked, type BlockedTerms } from '../safety/blocked-terms.js';
import type { CommunityBlocklists } from '../safety/community-blocklists.js';
import { type ContentCheck, FLAGGED_PROMPT_SENTENCE } from '../safety/content-check.js';
import type { SafetyRequest } from '../safety/safety-controls.js';
import type { AllowanceGrant } from '../store/allowances.js';
import type { Page, UsageQuery } from '../store/job-store.js';
import type { Store } from '../store/ledger.js';
import { JobEvents } from './job-events.js';
import type { JobQueue } from './job-queue.js';
import { JobRunner } from './job-runner.js';
import { type BillingConfig, type JobsConfig, usdToMicros } from './pipeline-config.js';
import { type PreparedRequest, prepareRequest } from './prepare-request.js';

/** A generation as a front end asks for it. */
export interface GenerationInput {
  userId: string;
  /** The Discord guild or Telegram chat it came from. */
  communityId?: string | undefined;
  /** Whose credits pay: the user's own (default) or the community's. */
  payer?: 'user' | 'community';
  /** A model id or alias; the first model for the task when absent. */
  model?: string | undefined;
  task: Task;
  params: Readonly<Record<string, unknown>>;
  /** Kept with the job for the front end (chat and message ids). */
  origin?: JsonObject;
  /** The safety the request runs at; the operator's level (`safety.level`) when absent. */
  safety?: SafetyRequest | undefined;
  /** The community's free allowances, where its admins lowered the operator's. */
  allowances?: AllowanceOverrides | undefined;
}

/** A community's free allowances in USD; each is capped at the operator's own setting. */
export interface AllowanceOverrides {
  welcomeUsd?: number | undefined;
  dailyFreeUsd?: number | undefined;
}

/** What a quote needs; with `userId` (and `communityId`) a blocked user is refused too. */
export type GenerationQuoteInput = Pick<GenerationInput, 'model' | 'task' | 'params' | 'safety'> &
  Partial<Pick<GenerationInput, 'userId' | 'communityId'>>;

/** A priced request, before anything is paid. */
export interface GenerationQuote {
  model: ModelSpec;
  params: JsonObject;
  warnings: Warning[];
  priceMicros: number;
}

export interface GenerationServiceDeps {
  registry: Registry;
  store: Store;
  artifacts: ArtifactStore;
  fetcher: GuardedFetcher;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  jobs: JobsConfig;
  billing: BillingConfig;
  limits: LimitsConfig;
  /** Where providers with webhooks call back; absent when none can reach GenHub. */
  webhookBaseUrl?: string;
  /** What no request may contain (`safety.blockedTerms`). */
  blockedTerms?: BlockedTerms;
  /** Job events; in this process only unless given (with a transport between processes). */
  events?: JobEvents;
  /** Rate limits; in this process unless given (shared by processes on Redis). */
  rateLimiter?: RateLimiter;
  /** One admission per user at a time; in this process unless given (across processes on Redis). */
  admissionLock?: AdmissionLock;
  /** Whether this process drives jobs (false for a bot process: workers elsewhere do). */
  runJobs?: boolean;
  /** What no request in a given community may contain, set by its admins. */
  communityBlocklists?: CommunityBlocklists;
  /** The operator's chosen provider content check (`safety.moderationProvider`). */
  contentCheck?: ContentCheck;
  /** The level of a request that names none (`safety.level`); `standard` when absent. */
  safetyLevel?: SafetyLevel;
}

/** What became of a webhook call: `unknown` when no provider of that id takes webhooks. */
export type WebhookOutcome = 'accepted' | 'refused' | 'unknown';

/**
 * Carries a request from a command to finished files: validate, price, limit, reserve, persist,
 * queue, then drive it at the provider. Resumes every unfinished job at `start`.
 */
export class GenerationService {
  readonly events: JobEvents;
  readonly #limiter: RateLimiter;
  readonly #perUser: AdmissionLock;
  readonly #runner: JobRunner;
  readonly #stop = new AbortController();
  /** Jobs just requested, for the runner to start from without reading them back (`runsHere` queues). */
  readonly #justRequested = new Map<string, JobRecord>();
  #accepting = false;

  constructor(private readonly deps: GenerationServiceDeps) {
    this.events = deps.events ?? new JobEvents();
    this.#limiter = deps.rateLimiter ?? new SlidingWindowLimiter();
    this.#perUser = deps.admissionLock ?? new KeyedMutex();
    this.#runner = new JobRunner({
      registry: deps.registry,
      store: deps.store,
      artifacts: deps.artifacts,
      fetcher: deps.fetcher,
      events: this.events,
      clock: deps.clock,
      logger: deps.logger,
      config: deps.jobs,
      stopSignal: this.#stop.signal,
      parkPolls: deps.queue.parksPolls === true,
      fenced: deps.queue.runsHere !== true,
      ...(deps.webhookBaseUrl === undefined ? {} : { webhookBaseUrl: deps.webhookBaseUrl }),
    });
  }

  /**
   * Starts driving jobs, first every job the store holds unfinished (oldest first). With `resume:
   * false` it drives only the jobs requested from now on (a one-shot command beside a running
   * server must not drive the server's jobs too).
   */
  async start(options: { resume?: boolean } = {}): Promise<{ resumed: number }> {
    if (this.deps.runJobs !== false) {
      this.deps.queue.start(
        (jobId, options) => this.#runner.run(jobId, { ...options, job: this.#takeJustRequested(jobId) }),
        (jobId) => this.#runner.cancel(jobId),
      );
    }
    const unfinished = options.resume === false ? [] : await this.deps.store.jobs.listByState(ACTIVE_STATES);
    for (const job of unfinished) await this.deps.queue.enqueue(job.id);
    this.#accepting = true;
    if (unfinished.length > 0)
      this.deps.logger.info('resuming unfinished jobs', { count: unfinished.length });
    return { resumed: unfinished.length };
  }

  /** Stops taking requests and lets running jobs reach a persisted state. */
  async stop(): Promise<void> {
    this.#accepting = false;
    this.#stop.abort();
    await this.deps.queue.stop();
    this.#justRequested.clear();
  }

  /**
   * Validates, prices and reserves a generation, then queues it. Throws a GenHubError (INVALID_INPUT,
   * MODEL_NOT_FOUND, RATE_LIMITED, INSUFFICIENT_FUNDS, ...) and changes nothing when it cannot run.
   */
  async request(input: GenerationInput): Promise<JobRecord> {
    if (!this.#accepting) {
      throw new GenHubError('PROVIDER_UNAVAILABLE', 'GenHub is not taking new jobs right now.', {
        retryable: true,
      });
    }
    await this.#screen(input);
    const prepared = prepareRequest(this.deps.registry, { ...input, safety: this.#safety(input) });
    await this.#checkInputs(prepared.media);
    await this.grantAllowances(input.userId, input.allowances);
    // One admission per user at a time, so the in-flight cap cannot be raced past.
    return this.#perUser.run(input.userId, () => this.#admit(input, prepared));
  }

  async #admit(input: GenerationInput, prepared: PreparedRequest): Promise<JobRecord> {
    const now = this.deps.clock.now();
    const active = await this.deps.store.jobs.countActive(input.userId);
    if (active >= this.deps.limits.maxJobsInFlight) {
      throw new GenHubError(
        'RATE_LIMITED',
        `You already have ${active} jobs running, the most allowed at once.`,
        { retryAfterSeconds: 10, details: { reason: 'in-flight', limit: this.deps.limits.maxJobsInFlight } },
      );
    }
    const taskClass = taskClassOf(input.task);
    const slot = await this.#limiter.acquire(
      `${input.userId}:${taskClass}`,
      this.deps.limits.rate[taskClass],
      now,
    );
    if (!slot.ok) {
      throw new GenHubError('RATE_LIMITED', `Too many ${taskClass} requests.`, {
        retryAfterSeconds: slot.retryAfterSeconds,
        details: { reason: 'rate', taskClass, ...this.deps.limits.rate[taskClass] },
      });
    }

    try {
      return await this.#reserveAndQueue(input, prepared, now);
    } catch (error) {
      slot.release();
      throw error;
    }
  }

  /** Fetches each input the user linked (SSRF-guarded, size-capped) and checks it is the right kind. */
  async #checkInputs(media: PreparedRequest['media']): Promise<void> {
    const maxBytes = this.deps.jobs.maxInputMegabytes * 1024 * 1024;
    for (const item of media) {
      await fetchInputMedia(item.input.url, {
        fetcher: this.deps.fetcher,
        expect: item.expect,
        maxBytes,
        signal: AbortSignal.timeout(60_000),
      });
    }
  }

  async #reserveAndQueue(input: GenerationInput, prepared: PreparedRequest, now: number): Promise<JobRecord> {
    const id = newJobId();
    const payer: AccountRef =
      input.payer === 'community' && input.communityId
        ? { kind: 'community', id: input.communityId }
        : { kind: 'user', id: input.userId };
    // The operator's deadline is a ceiling: a model may ask for less, never for more.
    const operatorDeadlineMs = this.deps.jobs.deadlineMinutes * 60_000;
    const deadlineMs = Math.min(
      prepared.model.timeouts?.deadlineMs ?? operatorDeadlineMs,
      operatorDeadlineMs,
    );
    const job: JobRecord = {
      id,
      userId: input.userId,
      communityId: input.communityId ?? null,
      payer,
      requestedModel: prepared.model.id,
      route: prepared.route,
      routeIndex: 0,
      task: input.task,
      params: prepared.params,
      warnings: prepared.warnings,
      state: 'queued',
      idempotencyKey: `${id}-0`,
      remoteRef: null,
      progress: null,
      reservedMicros: prepared.priceMicros,
      chargedMicros: null,
      outputs: [],
      error: null,
      origin: input.origin ?? {},
      createdAt: now,
      updatedAt: now,
      submittedAt: null,
      finishedAt: null,
      deadlineAt: now + deadlineMs,
    };
    const budget = this.deps.billing.dailyBudgetUsd;
    const created = await this.deps.store.createJobWithReservation({
      job,
      now,
      ...(budget > 0
        ? {
            dailyBudget: {
              limitMicros: usdToMicros(budget),
              resetHourUtc: this.deps.billing.dailyResetHourUtc,
            },
          }
        : {}),
    });
    this.events.emit({ type: 'state', job: created });
    if (this.deps.queue.runsHere && this.deps.runJobs !== false) {
      this.#justRequested.set(created.id, created);
    }
    await this.deps.queue.enqueue(created.id);
    return created;
  }

  #takeJustRequested(jobId: string): JobRecord | undefined {
    const job = this.#justRequested.get(jobId);
    if (job) this.#justRequested.delete(jobId);
    return job;
  }

  /**
   * Credits the user's free allowances that are due (`billing.welcomeUsd` once, `billing.dailyFreeUsd`
   * once a day), each at most the operator's amount however a community set it. `request` does this
   * itself; front ends call it before they show a balance. Nothing is read when both are 0.
   */
  async grantAllowances(userId: string, overrides: AllowanceOverrides = {}): Promise<AllowanceGrant> {
    const { billing } = this.deps;
    const capped = (operatorUsd: number, communityUsd: number | undefined) =>
      usdToMicros(Math.min(operatorUsd, communityUsd ?? operatorUsd));
    const welcomeMicros = capped(billing.welcomeUsd, overrides.welcomeUsd);
    const dailyFreeMicros = capped(billing.dailyFreeUsd, overrides.dailyFreeUsd);
    if (welcomeMicros === 0 && dailyFreeMicros === 0) {
      return { welcomeMicros: 0, dailyFreeMicros: 0, expiredMicros: 0 };
    }
    const grant = await this.deps.store.ledger.grantAllowances({
      userId,
      welcomeMicros,
      dailyFreeMicros,
      resetHourUtc: billing.dailyResetHourUtc,
      now: this.deps.clock.now(),
    });
    if (grant.welcomeMicros > 0 || grant.dailyFreeMicros > 0) {
      this.deps.logger.info('free allowances credited', { userId, ...grant });
    }
    return grant;
  }

  /**
   * What `request` would run and charge, without reserving or queueing anything: the model, the
   * validated parameters with their warnings, and the price. Throws as `request` does for bad input,
   * and for a user blocked from generating (given `userId`).
   */
  async quote(input: GenerationQuoteInput): Promise<GenerationQuote> {
    await this.#screen(input);
    const { model, params, warnings, priceMicros } = prepareRequest(this.deps.registry, {
      ...input,
      safety: this.#safety(input),
    });
    return { model, params, warnings, priceMicros };
  }

  #safety(input: Pick<GenerationInput, 'safety'>): SafetyRequest {
    return input.safety ?? { level: this.deps.safetyLevel ?? 'standard' };
  }

  /** Refuses, before any price or credit, a blocked user or a request holding a blocked term. */
  async #screen(input: GenerationQuoteInput): Promise<void> {
    if (input.userId !== undefined) {
      const community = input.communityId ?? null;
      if (await this.deps.store.moderation.isBlocked(input.userId, community)) {
        throw new GenHubError('INVALID_INPUT', BLOCKED_USER_SENTENCE, {
          retryable: false,
          details: { reason: 'blocked-user' },
        });
      }
    }
    await this.#screenText(input, this.deps.blockedTerms, 'installation blocklist');
    if (input.communityId !== undefined && this.deps.communityBlocklists) {
      const terms = await this.deps.communityBlocklists.terms(input.communityId);
      await this.#screenText(input, terms, 'community blocklist');
    }
    if (this.deps.contentCheck) {
      const verdict = await this.deps.contentCheck.check(input.params);
      if (verdict.flagged) {
        const categories = verdict.categories.join(', ') || 'unspecified';
        this.deps.logger.warn('the content check flagged a request', { userId: input.userId, categories });
        await this.#recordRefusal(input, `content check: ${categories}`);
        throw new GenHubError('INVALID_INPUT', FLAGGED_PROMPT_SENTENCE, {
          retryable: false,
          details: { reason: 'content-check', categories: [...verdict.categories] },
        });
      }
    }
  }

  /** A refused prompt in a community goes to its audit log ('prompt-refused'), seen by its admins only. */
  async #recordRefusal(input: GenerationQuoteInput, detail: string): Promise<void> {
    if (input.communityId === undefined) return;
    await this.deps.store.moderation
      .record({
        actor: input.userId ?? 'unknown',
        action: 'prompt-refused',
        community: input.communityId,
        target: input.userId ?? null,
        detail,
      })
      .catch((error: unknown) =>
        this.deps.logger.error('could not record a refused prompt', { error: String(error) }),
      );
  }

  /**
   * Refuses a request holding a term of `terms`; the operator's log names it, and a refusal in a
   * community goes to its audit log ('prompt-refused', seen by its admins only).
   */
  async #screenText(
    input: GenerationQuoteInput,
    terms: BlockedTerms | undefined,
    list: string,
  ): Promise<void> {
    if (!terms) return;
    try {
      assertNotBlocked(terms, input.params);
    } catch (error) {
      const entry = GenHubError.isInstance(error) ? error.details?.entry : undefined;
      this.deps.logger.warn('refused a request with a blocked term', { userId: input.userId, entry, list });
      // The operator's own entries stay with the operator; a community's admins see their own.
      await this.#recordRefusal(input, list === 'community blocklist' ? `${list}: "${String(entry)}"` : list);
      throw error;
    }
  }

  /**
   * A provider's call back about a task: the provider checks it is genuine, then the job running
   * that task is polled at once. The poll, not the call, finishes the job, so a call and a poll that
   * both see the end finish it once, and a forged call changes nothing.
   */
  async receiveWebhook(providerId: string, request: WebhookRequest): Promise<WebhookOutcome> {
    const webhook = this.deps.registry.provider(providerId)?.webhook;
    if (!webhook) return 'unknown';
    let verified: { taskId: string } | undefined;
    try {
      verified = await webhook.verify(request, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      this.deps.logger.warn('could not verify a webhook call', { provider: providerId, error });
      return 'refused';
    }
    if (!verified) {
      this.deps.logger.warn('refused a webhook call that did not verify', { provider: providerId });
      return 'refused';
    }
    for (const job of await this.deps.store.jobs.findByRemoteTask(verified.taskId)) {
      if (job.state !== 'running') continue;
      if (this.deps.registry.find(currentModel(job))?.providerId !== providerId) continue;
      if (!this.#runner.wake(job.id)) await this.deps.queue.wake?.(job.id);
    }
    return 'accepted';
  }

  get(jobId: string): Promise<JobRecord | undefined> {
    return this.deps.store.jobs.get(jobId);
  }

  /** Jobs waiting in this process's queue and being driven now. */
  queueSize(): { waiting: number; running: number } {
    return this.deps.queue.size();
  }

  /** Where a queued job waits in this process's line (1 = next). */
  queuePosition(jobId: string): number | undefined {
    return this.deps.queue.position(jobId);
  }

  /**
   * Cancels a job the user owns (or any, for `asAdmin`) and refunds it. A job already finished is
   * returned unchanged.
   */
  async cancel(jobId: string, userId: string, asAdmin = false): Promise<JobRecord> {
    const job = await this.deps.store.jobs.get(jobId);
    if (!job || (!asAdmin && job.userId !== userId)) {
      throw new GenHubError('INVALID_INPUT', `There is no job ${jobId} of yours.`, {
        details: { param: 'job' },
      });
    }
    if (TERMINAL_STATES.has(job.state)) return job;
    if (this.#runner.cancel(jobId)) {
      for await (const event of this.events.watch(jobId, AbortSignal.timeout(30_000))) {
        if (TERMINAL_STATES.has(event.job.state)) return event.job;
      }
    } else if (job.state !== 'queued' && this.deps.queue.requestCancel) {
      return this.#cancelElsewhere(job);
    }
    const cancelled = await this.deps.store.finishJob(
      jobId,
      ['queued'],
      {
        state: 'cancelled',
        finishedAt: this.deps.clock.now(),
        error: new GenHubError('CANCELLED', 'The job was cancelled.').toJSON(),
      },
      0,
    );
    if (cancelled) this.events.emit({ type: 'failed', job: cancelled });
    return cancelled ?? (await this.deps.store.jobs.get(jobId)) ?? job;
  }

  /** Has the process that drives a job cancel it, and waits (a while) for it to end. */
  async #cancelElsewhere(job: JobRecord): Promise<JobRecord> {
    let off: () => void = () => {};
    const ended = new Promise<JobRecord>((resolve) => {
      off = this.events.subscribeJob(job.id, (event) => {
        if (TERMINAL_STATES.has(event.job.state)) resolve(event.job);
      });
    });
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000).unref());
    try {
      await this.deps.queue.requestCancel?.(job.id);
      const final = await Promise.race([ended, timeout]);
      return final ?? (await this.deps.store.jobs.get(job.id)) ?? job;
    } finally {
      off();
    }
  }

  /** Usage history, newest first. */
  usage(query: UsageQuery): Promise<Page<JobRecord>> {
    return this.deps.store.jobs.usage(query);
  }
}

/** 16 characters of base32: short enough for button ids, long enough never to collide. */
function newJobId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(16)].map((byte) => alphabet[byte % 32]).join('');
}
