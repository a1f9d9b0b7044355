import type { JobRecord, JsonObject } from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessage, ChatMessageHandle, ChatSurface } from './chat-message.js';
import { planDelivery } from './delivery-plan.js';
import { jobHeadline } from './job-message.js';
import type { ReportOutlet } from './report-outlet.js';

const REPORT_PLACE = 'chat.report-place';
/** One report per result and reporter, so a button pressed again does not page the admins again. */
const REPORT_CLAIM = 'chat.report';
const REPORT_CLAIM_TTL_MS = 30 * 24 * 3_600_000;
const PROMPT_CHARS = 1000;

const privately = (text: string): ChatMessage => ({ text, private: true });

/**
 * Reports of results, and what admins do about them: a member's Report sends the result, with its
 * prompt and who made it, to the community's chosen place or its admins in private, with Delete and
 * Block buttons only that community's admins (or GenHub's operators) may use. Each step goes to the
 * audit log ('report', 'delete-result', 'block'); the reporter is never named to other members.
 */
export class ReportFlow {
  readonly #outlets = new Map<string, ReportOutlet>();

  constructor(private readonly genhub: ChatGenHub) {}

  /** Lends the flow a front end's reach (see `ReportOutlet`); without one, that front end has no reports. */
  attach(frontEnd: string, outlet: ReportOutlet): void {
    this.#outlets.set(frontEnd, outlet);
  }

  outlet(frontEnd: string): ReportOutlet | undefined {
    return this.#outlets.get(frontEnd);
  }

  /** Where the community's reports go: a channel or chat id, or undefined for its admins in private. */
  async place(community: string): Promise<string | undefined> {
    const stored = await this.genhub.store.records.get(REPORT_PLACE, community);
    return typeof stored === 'string' ? stored : undefined;
  }

  /** Sets (or, undefined, clears) where the community's reports go, and records it. */
  async setPlace(actor: ChatActor, community: string, place: string | undefined): Promise<void> {
    if (place === undefined) await this.genhub.store.records.delete(REPORT_PLACE, community);
    else await this.genhub.store.records.put(REPORT_PLACE, community, place);
    await this.genhub.moderation.record({
      actor: actor.userId,
      action: 'set-reports',
      community,
      target: null,
      detail: place === undefined ? 'admins in private' : `to ${place}`,
    });
  }

  /** The Report button under a result. */
  async report(actor: ChatActor, surface: ChatSurface, job: JobRecord): Promise<void> {
    const community = job.communityId;
    if (community === null) {
      await surface.reply(
        privately('Reports go to a server’s or group’s admins; this result was made in private.'),
      );
      return;
    }
    const outlet = this.#outlets.get(actor.frontEnd);
    if (!outlet) {
      await surface.reply(privately('Reports cannot be sent from here.'));
      return;
    }
    const first = await this.genhub.store.records.claimOnce(
      REPORT_CLAIM,
      `${job.id}:${actor.userId}`,
      REPORT_CLAIM_TTL_MS,
    );
    if (!first) {
      await surface.reply(privately('You already reported this result; the admins have it.'));
      return;
    }
    await this.genhub.moderation.record({
      actor: actor.userId,
      action: 'report',
      community,
      target: job.id,
      detail: `result by ${job.userId}`,
    });
    const targets = await outlet.adminSurfaces(community, await this.place(community));
    let sent = 0;
    for (const target of targets) {
      try {
        await target.reply(await this.#reportMessage(actor, job, target));
        sent += 1;
      } catch (error) {
        this.genhub.logger.warn('could not send a report to an admin', {
          jobId: job.id,
          error: String(error),
        });
      }
    }
    await surface.reply(
      privately(
        sent > 0
          ? 'Thanks; this community’s admins have your report.'
          : 'Thanks; your report is in this community’s log, but its admins could not be reached just now.',
      ),
    );
  }

  /** Delete or Block under a report: for the result's community's admins only. */
  async act(
    actor: ChatActor,
    surface: ChatSurface,
    job: JobRecord,
    action: 'reportDelete' | 'reportBlock',
  ): Promise<void> {
    const community = job.communityId;
    if (community === null || !(await this.mayModerate(actor, community))) {
      await surface.reply(privately('Only the admins of the community this result was made in can do that.'));
      return;
    }
    if (action === 'reportBlock') {
      await this.genhub.moderation.block({
        actor: actor.userId,
        userId: job.userId,
        community,
        reason: `reported result ${job.id}`,
      });
      await surface.reply(privately(`Blocked ${job.userId} from generating in this community.`));
      return;
    }
    const handle = this.#resultMessage(job);
    try {
      if (!handle) throw new Error('the result message is out of reach');
      await handle.delete();
    } catch (error) {
      this.genhub.logger.warn('could not delete a reported result', { jobId: job.id, error: String(error) });
      await surface.reply(privately('The result could not be deleted; it may be gone already.'));
      return;
    }
    await this.genhub.moderation.record({
      actor: actor.userId,
      action: 'delete-result',
      community,
      target: job.id,
      detail: `result by ${job.userId}`,
    });
    await surface.reply(privately(`Deleted the result of job ${job.id}.`));
  }

  /**
   * Whether the actor may moderate the community: GenHub's operators, its admins acting in it, or
   * (a button pressed in a direct message) whoever the platform says administers it.
   */
  async mayModerate(actor: ChatActor, community: string): Promise<boolean> {
    if (this.genhub.config.chat.operators.includes(actor.userId)) return true;
    if (actor.communityId === community && actor.isCommunityAdmin) return true;
    const outlet = this.#outlets.get(actor.frontEnd);
    if (!outlet || !community.startsWith(`${actor.frontEnd}:`)) return false;
    return outlet.isAdmin(community, actor.userId).catch(() => false);
  }

  #resultMessage(job: JobRecord): ChatMessageHandle | undefined {
    const frontEnd = job.origin.frontEnd;
    const message = job.origin.message;
    if (
      typeof frontEnd !== 'string' ||
      typeof message !== 'object' ||
      message === null ||
      Array.isArray(message)
    )
      return undefined;
    return this.#outlets.get(frontEnd)?.restore(message as JsonObject);
  }

  async #reportMessage(reporter: ChatActor, job: JobRecord, target: ChatSurface): Promise<ChatMessage> {
    const prompt = typeof job.params.prompt === 'string' ? job.params.prompt : '';
    const shown = prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS - 1)}…` : prompt;
    const plan =
      job.state === 'succeeded'
        ? await planDelivery(job, this.genhub, target.limits)
        : { files: [], links: [] };
    const lines = [
      `Report: ${reporter.userId} reported a result by ${job.userId}.`,
      jobHeadline(job),
      ...(shown === '' ? [] : [`Prompt: ${shown}`]),
    ];
    const text = lines.join('\n').slice(0, target.limits.maxTextLength);
    return {
      text,
      files: plan.files,
      buttons: [
        [
          {
            kind: 'action',
            id: encodeButtonId({ action: 'reportDelete', ref: job.id }),
            label: 'Delete result',
            style: 'danger',
          },
          {
            kind: 'action',
            id: encodeButtonId({ action: 'reportBlock', ref: job.id }),
            label: 'Block user',
            style: 'danger',
          },
        ],
      ],
    };
  }
}
