import { type JobRecord, type MediaKind, TERMINAL_STATES } from '@genhub/core';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatMessageHandle, SurfaceLimits } from './chat-message.js';
import { planDelivery } from './delivery-plan.js';
import { jobResultMessage, jobStatusMessage } from './job-message.js';
import { resultButtons } from './result-buttons.js';
import { StatusPacer } from './status-pacer.js';

/** What a follower needs to show a job: its message, and what the platform allows. */
export interface FollowTarget {
  handle: ChatMessageHandle;
  limits: SurfaceLimits;
  /** Called before the files are uploaded (Telegram's "sending a photo..." action). */
  beforeUpload?: (kind: MediaKind) => Promise<void>;
}

/**
 * Keeps one message per job up to date: queued with its place in line, running with a progress bar,
 * then the result with its files and buttons, or the failure (saying whether the user was charged).
 * Edits are paced by the platform's interval; every job is followed until it ends or `close`.
 */
export class JobFollowers {
  readonly #active = new Map<string, () => void>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  constructor(private readonly genhub: ChatGenHub) {}

  /**
   * Follows a job in one message; resolves once its last message is shown. Following a job twice in
   * the same message is a no-op; another message (`/job` for a running job) is followed too. After
   * `close` it is a no-op as well: a command still being handled while a front end stops must not
   * start a follower nothing would stop (its job stays unfinished until GenHub starts again).
   */
  follow(job: JobRecord, target: FollowTarget): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const key = `${job.id} ${JSON.stringify(target.handle.ref)}`;
    if (this.#active.has(key)) return Promise.resolve();
    const running = this.#follow(job, target, key);
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running)).catch(() => {});
    return running;
  }

  /** Resolves once every job being followed has shown its last message. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async #follow(job: JobRecord, target: FollowTarget, key: string): Promise<void> {
    const { generation, logger } = this.genhub;
    let phase = 'could not edit a job message';
    const pacer = new StatusPacer(target.handle, target.limits.editIntervalMs, (error) =>
      logger.warn(phase, { jobId: job.id, error: String(error) }),
    );
    let latest = job;
    let stop: () => void = () => {};
    const ended = new Promise<JobRecord | undefined>((resolve) => {
      // This job's events only: every follower listening to every job would be quadratic.
      const off = generation.events.subscribeJob(job.id, (event) => {
        latest = event.job;
        if (TERMINAL_STATES.has(latest.state)) resolve(latest);
        else pacer.update(jobStatusMessage(latest, generation.queuePosition(latest.id)));
      });
      const refresh = setInterval(() => {
        if (latest.state === 'queued')
          pacer.update(jobStatusMessage(latest, generation.queuePosition(latest.id)));
      }, target.limits.editIntervalMs);
      stop = () => {
        off();
        clearInterval(refresh);
        pacer.stop();
        resolve(undefined);
      };
      // It may have ended before we subscribed.
      void generation.get(job.id).then(
        (stored) => {
          if (stored && TERMINAL_STATES.has(stored.state)) resolve(stored);
        },
        // The events still tell when it ends; a failed read must not become an unhandled rejection.
        (error: unknown) =>
          logger.warn('could not read a followed job', { jobId: job.id, error: String(error) }),
      );
    });
    this.#active.set(key, () => stop());
    pacer.update(jobStatusMessage(latest, generation.queuePosition(latest.id)));
    try {
      const final = await ended;
      stop();
      if (!final) return;
      // The last edit keeps the platform's pace too (Telegram answers edits too close together with 429).
      phase = 'could not send a job result';
      if (final.state === 'succeeded') await this.#deliver(final, target, pacer);
      else await pacer.final(jobStatusMessage(final));
    } finally {
      this.#active.delete(key);
    }
  }

  /** Stops following every job (shutting down); their messages keep their last state. */
  close(): void {
    this.#closed = true;
    for (const stop of [...this.#active.values()]) stop();
    this.#active.clear();
  }

  async #deliver(job: JobRecord, target: FollowTarget, pacer: StatusPacer): Promise<void> {
    const { artifacts, links, registry } = this.genhub;
    const buttons = resultButtons(job, registry, target.limits);
    const plan = await planDelivery(job, { artifacts, links }, target.limits);
    const first = plan.files[0];
    if (first) await target.beforeUpload?.(first.kind).catch(() => {});
    if (await pacer.final(jobResultMessage(job, plan, buttons))) return;
    // The platform refused the files (a limit lower than it said): send every file as a link.
    const links_ = await planDelivery(job, { artifacts, links }, { ...target.limits, maxUploadBytes: 0 });
    await pacer.final(jobResultMessage(job, links_, buttons));
  }
}
