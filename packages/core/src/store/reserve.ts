import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';
import { type JobRecord, TERMINAL_STATES } from '../jobs/job.js';
import { addEntry, hold, readBalance, spentSince } from './account-queries.js';
import { budgetDayStart, DAY_MS } from './budget-day.js';
import type { Database } from './database-schema.js';
import { insertNewJob } from './job-queries.js';
import type { ReserveRequest } from './ledger.js';
import { assertAccount, assertMicros, insufficientBalance } from './money.js';
import type { KeyLock } from './store-context.js';

/** Throws INVALID_INPUT for a job that cannot be created as given. */
export function assertNewJob(request: ReserveRequest): void {
  const { job, dailyBudget } = request;
  assertAccount(job.payer);
  assertMicros(job.reservedMicros, 'reservedMicros');
  if (TERMINAL_STATES.has(job.state) || job.chargedMicros !== null) {
    throw new GenHubError('INVALID_INPUT', 'A new job must be unfinished and uncharged.', {
      details: { param: 'state', value: job.state },
    });
  }
  if (dailyBudget !== undefined) {
    assertMicros(dailyBudget.limitMicros, 'limitMicros');
    budgetDayStart(request.now, dailyBudget.resetHourUtc);
  }
}

/** The lock a user's reservations take when a daily budget applies: see `reserveAndInsert`. */
const budgetLockKey = (userId: string) => `budget:${userId}`;

/**
 * The body of `Store.createJobWithReservation`, run inside one transaction; throwing rolls all of it
 * back. In order: insert the job unless its id exists (so a retried call cannot reserve twice), check
 * the user's daily budget, hold the price on the payer's account with a guarded UPDATE, write the
 * 'reserve' entry (amount = -price). A price of 0 touches no account and writes no entry.
 *
 * Only the budget check is a read that decides; it runs under the user's `lock`, so a user's budgeted
 * reservations run one after another and each one's read sees the ones before it (their jobs may be
 * paid from different accounts, so no row lock orders them). Everything else is decided by the
 * primary key or the guarded UPDATE, which hold at READ COMMITTED.
 */
export async function reserveAndInsert(
  trx: Kysely<Database>,
  request: ReserveRequest,
  lock: KeyLock,
): Promise<JobRecord> {
  const { job, dailyBudget, now } = request;
  const price = job.reservedMicros;

  if (dailyBudget !== undefined) await lock(trx, budgetLockKey(job.userId));
  const created = await insertNewJob(trx, job);
  if (created === undefined) {
    throw new GenHubError('INVALID_INPUT', `A job with id ${job.id} already exists.`, {
      details: { reason: 'duplicate-job', jobId: job.id },
    });
  }

  if (dailyBudget !== undefined) {
    const dayStart = budgetDayStart(now, dailyBudget.resetHourUtc);
    const spentMicros = await spentSince(trx, job.userId, dayStart, job.id);
    if (spentMicros + price > dailyBudget.limitMicros) {
      throw new GenHubError('INSUFFICIENT_FUNDS', 'This would go over the daily budget.', {
        details: {
          reason: 'daily-budget',
          limitMicros: dailyBudget.limitMicros,
          spentMicros,
          priceMicros: price,
          resetsAt: dayStart + DAY_MS,
        },
      });
    }
  }

  if (price > 0) {
    if (!(await hold(trx, job.payer, price))) {
      const { availableMicros } = await readBalance(trx, job.payer);
      throw insufficientBalance(job.payer, availableMicros, price);
    }
    await addEntry(trx, {
      account: job.payer,
      kind: 'reserve',
      amountMicros: -price,
      jobId: job.id,
      note: null,
      createdAt: now,
    });
  }
  return created;
}
