import { budgetDayEnd, currentModel, type JobRecord, usdToMicros } from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessage } from './chat-message.js';
import { communityAllowances, type EffectiveSettings } from './chat-settings.js';
import { fit } from './models-screen.js';
import { formatDuration, formatUsd } from './render.js';

const USAGE_PAGE = 10;

/** Balance, what is held for running jobs, the daily budget and jobs in flight. */
export async function creditsMessage(
  genhub: ChatGenHub,
  actor: ChatActor,
  effective: EffectiveSettings,
  now = Date.now(),
): Promise<ChatMessage> {
  const { ledger, jobs } = genhub.store;
  await genhub.generation.grantAllowances(actor.userId, communityAllowances(effective.community));
  const own = await ledger.balance({ kind: 'user', id: actor.userId });
  const lines = [
    `Your balance: ${formatUsd({ micros: own.availableMicros })}${
      own.reservedMicros > 0 ? `, ${formatUsd({ micros: own.reservedMicros })} held for running jobs` : ''
    }.`,
  ];
  if (actor.communityId !== undefined && effective.community?.payer === 'community') {
    const shared = await ledger.balance({ kind: 'community', id: actor.communityId });
    lines.push(
      `This community pays for generations here: ${formatUsd({ micros: shared.availableMicros })} left.`,
    );
  }
  const resetHourUtc = genhub.config.billing.dailyResetHourUtc;
  const free = await ledger.dailyAllowance(actor.userId, now, resetHourUtc);
  if (free.grantedMicros > 0) {
    lines.push(
      `Free today: ${formatUsd({ micros: free.leftMicros })} of ${formatUsd({ micros: free.grantedMicros })} left, spent before your own credits; unused, it ends in ${formatDuration((budgetDayEnd(now, resetHourUtc) - now) / 1000)}.`,
    );
  }
  const budgets: Array<[string, number]> = [];
  if (genhub.config.billing.dailyBudgetUsd > 0)
    budgets.push(['Daily budget', genhub.config.billing.dailyBudgetUsd]);
  if ((effective.community?.memberDailyUsd ?? 0) > 0)
    budgets.push(['This community’s daily limit', effective.community?.memberDailyUsd ?? 0]);
  for (const [label, usd] of budgets) {
    const budget = { limitMicros: usdToMicros(usd), resetHourUtc: genhub.config.billing.dailyResetHourUtc };
    const spent = await ledger.spentToday(actor.userId, budget, now);
    const resets = formatDuration((budgetDayEnd(now, budget.resetHourUtc) - now) / 1000);
    lines.push(
      `${label}: ${formatUsd({ micros: spent })} of ${formatUsd(usd)} spent today; resets in ${resets}.`,
    );
  }
  const active = await jobs.countActive(actor.userId);
  lines.push(`Jobs in flight: ${active} of ${genhub.config.limits.maxJobsInFlight}.`);
  return { text: lines.join('\n'), private: true };
}

/** One page of the user's jobs, newest first, with a button to the next page. */
export async function usageMessage(
  genhub: ChatGenHub,
  actor: ChatActor,
  cursor: string | null,
  maxLength: number,
): Promise<ChatMessage> {
  const page = await genhub.generation.usage({ userId: actor.userId, cursor, limit: USAGE_PAGE });
  if (page.items.length === 0)
    return { text: cursor ? 'No more jobs.' : 'You have no jobs yet; try /imagine.', private: true };
  const lines = page.items.map(usageLine);
  const buttons = page.nextCursor
    ? [
        [
          {
            kind: 'action' as const,
            id: encodeButtonId({ action: 'usagePage', ref: page.nextCursor }),
            label: 'Older',
            style: 'secondary' as const,
          },
        ],
      ]
    : [];
  return { text: fit(lines, maxLength), private: true, ...(buttons.length > 0 ? { buttons } : {}) };
}

function usageLine(job: JobRecord): string {
  const when = new Date(job.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const cost =
    job.chargedMicros !== null
      ? formatUsd({ micros: job.chargedMicros })
      : `${formatUsd({ micros: job.reservedMicros })} held`;
  return `${when} ${job.id} ${job.task} ${currentModel(job)} ${job.state} ${cost}`;
}
