import { randomBytes } from 'node:crypto';
import {
  budgetDayEnd,
  GenHubError,
  type JobRecord,
  type JsonObject,
  KeyedMutex,
  usdToMicros,
} from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessageHandle, ChatSurface } from './chat-message.js';
import type { ChatSettings, EffectiveSettings } from './chat-settings.js';
import { userMessage } from './error-message.js';
import { assertModelAllowed, type PlannedGeneration } from './generation-request.js';
import type { JobFollowers } from './job-follower.js';
import { formatUsd } from './render.js';

const PENDING = 'chat.pending';
const PENDING_TTL_MS = 15 * 60_000;
/** What a confirmation takes besides its input images. */
const PENDING_BASE_CHARS = 64 * 1024;

/** A priced generation waiting for its Confirm button, as stored. */
interface PendingGeneration {
  userId: string;
  communityId: string | null;
  frontEnd: string;
  planned: PlannedGeneration;
  origin: JsonObject;
  priceMicros: number;
}

/**
 * From a planned generation to a followed job: price it, ask for confirmation above the threshold
 * (the request waits in the store, so the button works after a restart), reserve and queue it,
 * then hand its message to the followers. Every failure becomes one sentence on that message.
 */
export class GenerationFlow {
  constructor(
    private readonly genhub: ChatGenHub,
    private readonly settings: ChatSettings,
    private readonly followers: JobFollowers,
  ) {}

  /**
   * One admission at a time per user: a community's member daily limit is checked here, outside
   * core's reservation transaction, so two requests of one user must not both pass it at once.
   */
  readonly #admission = new KeyedMutex();

  /** Runs or, above the confirmation price, offers to run `planned`; `origin` is kept with the job. */
  async ask(
    actor: ChatActor,
    surface: ChatSurface,
    planned: PlannedGeneration,
    effective: EffectiveSettings,
    origin: JsonObject = {},
  ): Promise<void> {
    const quote = await this.genhub.generation.quote({
      ...planned,
      userId: actor.userId,
      communityId: actor.communityId,
    });
    const threshold = usdToMicros(
      effective.community?.confirmAboveUsd ?? this.genhub.config.chat.confirmAboveUsd,
    );
    const needsConfirmation = quote.priceMicros > 0 && quote.priceMicros > threshold;
    if (!needsConfirmation) {
      await this.#admission.run(actor.userId, async () => {
        await this.#checkMemberBudget(actor, effective, quote.priceMicros);
        await this.start(actor, surface, planned, effective, origin);
      });
      return;
    }
    await this.#checkMemberBudget(actor, effective, quote.priceMicros);
    const id = randomBytes(9).toString('base64url');
    const pending: PendingGeneration = {
      userId: actor.userId,
      communityId: actor.communityId ?? null,
      frontEnd: actor.frontEnd,
      planned,
      origin,
      priceMicros: quote.priceMicros,
    };
    await this.genhub.store.records.put(PENDING, id, pending as unknown as JsonObject, {
      ttlMs: PENDING_TTL_MS,
      // Input images travel as data: URIs (each within the input limit): room for them too.
      maxChars:
        PENDING_BASE_CHARS +
        dataUriCount(planned.params) *
          Math.ceil((this.genhub.config.jobs.maxInputMegabytes * 1024 * 1024 * 4) / 3),
    });
    const balance = await this.genhub.store.ledger.balance(this.#payer(actor, effective));
    await surface.reply({
      text:
        `${quote.model.name} (${quote.model.id}) costs about ${formatUsd({ micros: quote.priceMicros })} for this; ` +
        `${this.#payerNoun(actor, effective)} ${formatUsd({ micros: balance.availableMicros })}. Confirm within 15 minutes to start.`,
      buttons: [
        [
          {
            kind: 'action',
            id: encodeButtonId({ action: 'confirm', ref: id }),
            label: 'Confirm',
            style: 'success',
          },
          {
            kind: 'action',
            id: encodeButtonId({ action: 'abort', ref: id }),
            label: 'Cancel',
            style: 'secondary',
          },
        ],
      ],
      ...(effective.privacy === 'private' ? { private: true } : {}),
    });
  }

  /** The Confirm button: runs the waiting generation once, in the confirmation's message. */
  async confirm(
    actor: ChatActor,
    surface: ChatSurface,
    id: string,
    pressed: ChatMessageHandle | undefined,
  ): Promise<void> {
    const pending = await this.#takePending(actor, surface, id);
    if (!pending) return;
    const effective = await this.settings.effective(actor.userId, actor.communityId);
    // Again: other confirmations may have been spent, or the model blocked, since the price was shown.
    assertModelAllowed(pending.planned.model, effective);
    await this.#admission.run(actor.userId, async () => {
      await this.#checkMemberBudget(actor, effective, pending.priceMicros);
      await this.start(actor, surface, pending.planned, effective, pending.origin, pressed);
    });
  }

  /** The Cancel button of a confirmation. */
  async abort(
    actor: ChatActor,
    surface: ChatSurface,
    id: string,
    pressed: ChatMessageHandle | undefined,
  ): Promise<void> {
    const pending = await this.#takePending(actor, surface, id);
    if (!pending) return;
    const text = 'Cancelled; nothing was charged.';
    if (pressed) await pressed.edit({ text });
    else await surface.reply({ text, private: true });
  }

  /** Reserves and queues the generation, then follows it in `into` (or a new reply). */
  async start(
    actor: ChatActor,
    surface: ChatSurface,
    planned: PlannedGeneration,
    effective: EffectiveSettings,
    origin: JsonObject = {},
    into?: ChatMessageHandle,
  ): Promise<JobRecord | undefined> {
    let target = surface;
    let handle = into;
    if (effective.delivery === 'dm' && surface.direct) {
      const direct = await surface.direct();
      if (direct) {
        target = direct;
        const note = { text: 'Working on it; the result will come to your direct messages.' };
        if (handle) await handle.edit(note);
        else await surface.reply({ ...note, private: true });
        handle = undefined;
      }
    }
    const privacy = effective.privacy === 'private' && target === surface;
    handle ??= await target.reply({
      text: `Starting ${planned.task} on ${planned.model}...`,
      ...(privacy ? { private: true } : {}),
    });
    let job: JobRecord;
    try {
      job = await this.genhub.generation.request({
        userId: actor.userId,
        communityId: actor.communityId,
        payer: this.#payer(actor, effective).kind,
        model: planned.model,
        task: planned.task,
        params: planned.params,
        origin: {
          ...origin,
          frontEnd: actor.frontEnd,
          message: handle.ref,
          ...(privacy ? { private: true } : {}),
        },
      });
    } catch (error) {
      await handle.edit({ text: userMessage(error) }).catch(() => {});
      return undefined;
    }
    const uploader = target.showUploading?.bind(target);
    void this.followers
      .follow(job, { handle, limits: target.limits, ...(uploader ? { beforeUpload: uploader } : {}) })
      .catch((error: unknown) =>
        this.genhub.logger.error('following a job failed', { jobId: job.id, error: String(error) }),
      );
    return job;
  }

  async #takePending(
    actor: ChatActor,
    surface: ChatSurface,
    id: string,
  ): Promise<PendingGeneration | undefined> {
    const stored = (await this.genhub.store.records.get(PENDING, id)) as unknown as
      | PendingGeneration
      | undefined;
    if (!stored) {
      await surface.reply({
        text: 'That confirmation has expired or was already used; run the command again.',
        private: true,
      });
      return undefined;
    }
    if (stored.userId !== actor.userId) {
      await surface.reply({ text: 'Only the person who asked can confirm or cancel this.', private: true });
      return undefined;
    }
    const taken = (await this.genhub.store.records.take(PENDING, id)) as unknown as
      | PendingGeneration
      | undefined;
    if (!taken) {
      await surface.reply({ text: 'That confirmation was already used.', private: true });
      return undefined;
    }
    return taken;
  }

  /** A community's per-member daily limit, on top of GenHub's own budget (which core enforces). */
  async #checkMemberBudget(
    actor: ChatActor,
    effective: EffectiveSettings,
    priceMicros: number,
  ): Promise<void> {
    const limitUsd = effective.community?.memberDailyUsd;
    if (limitUsd === undefined || limitUsd <= 0) return;
    const budget = {
      limitMicros: usdToMicros(limitUsd),
      resetHourUtc: this.genhub.config.billing.dailyResetHourUtc,
    };
    const now = Date.now();
    const spent = await this.genhub.store.ledger.spentToday(actor.userId, budget, now);
    if (spent + priceMicros <= budget.limitMicros) return;
    throw new GenHubError('INSUFFICIENT_FUNDS', 'Over the community’s daily limit.', {
      details: {
        reason: 'daily-budget',
        limitMicros: budget.limitMicros,
        spentMicros: spent,
        priceMicros,
        resetsAt: budgetDayEnd(now, budget.resetHourUtc),
      },
    });
  }

  #payer(actor: ChatActor, effective: EffectiveSettings) {
    return effective.community?.payer === 'community' && actor.communityId
      ? { kind: 'community' as const, id: actor.communityId }
      : { kind: 'user' as const, id: actor.userId };
  }

  #payerNoun(actor: ChatActor, effective: EffectiveSettings): string {
    return this.#payer(actor, effective).kind === 'community' ? 'the community has' : 'you have';
  }
}

/** How many `data:` URIs (input images carried inline) a value holds. */
function dataUriCount(value: unknown): number {
  if (typeof value === 'string') return value.startsWith('data:') ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + dataUriCount(item), 0);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).reduce((sum: number, item) => sum + dataUriCount(item), 0);
  return 0;
}
