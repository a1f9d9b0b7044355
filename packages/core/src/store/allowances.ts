import type { Kysely } from 'kysely';
import type { AccountRef } from '../jobs/job.js';
import { addEntry, credit, debit, jobSpend, lockAvailable } from './account-queries.js';
import { budgetDayStart, DAY_MS } from './budget-day.js';
import type { Database } from './database-schema.js';
import type { KeyLock } from './store-context.js';

/*
 * Free allowances are ordinary credits in the ledger, granted when due: the welcome credit once per
 * user, the daily free allowance once per budget day. What a user's own jobs cost counts against
 * the day's allowance first, and what is left of it when the next day's is granted is taken back,
 * so free money never piles up while bought credits never expire. Each grant is claimed by inserting
 * a key into `records` (ON CONFLICT DO NOTHING) in the same transaction as the credit, so however
 * many commands race for it, on one process or many, exactly one of them grants it.
 */

type Db = Kysely<Database>;

const NAMESPACE = 'billing.allowance';
/** Notes on the ledger entries, so `credits show` and the dashboard tell them apart. */
export const ALLOWANCE_NOTES = {
  welcome: 'welcome credit',
  dailyFree: 'daily free allowance',
  expired: 'unused daily free allowance expired',
} as const;

export interface AllowanceRequest {
  userId: string;
  /** Credited once, at the user's first request; 0 for none. */
  welcomeMicros: number;
  /** Credited once per budget day; 0 for none. */
  dailyFreeMicros: number;
  resetHourUtc: number;
  now: number;
}

/** What one call credited (and took back); all zero when nothing was due. */
export interface AllowanceGrant {
  welcomeMicros: number;
  dailyFreeMicros: number;
  expiredMicros: number;
}

/** Today's daily allowance and what is left of it. */
export interface DailyAllowance {
  grantedMicros: number;
  leftMicros: number;
}

/** The last daily allowance granted to a user, kept to take back its unspent part the next day. */
interface LastDailyGrant {
  dayStart: number;
  grantedMicros: number;
  at: number;
}

const welcomeKey = (userId: string) => `welcome:${userId}`;
const dailyKey = (userId: string, dayStart: number) => `daily:${userId}:${dayStart}`;
const lastDailyKey = (userId: string) => `daily-last:${userId}`;
const dailyLockKey = (userId: string) => `allowance:${userId}`;

/** True when nothing is due, read without a transaction: the common case costs one or two reads. */
export async function allowancesSettled(db: Db, request: AllowanceRequest): Promise<boolean> {
  const keys: string[] = [];
  if (request.welcomeMicros > 0) keys.push(welcomeKey(request.userId));
  if (request.dailyFreeMicros > 0)
    keys.push(dailyKey(request.userId, budgetDayStart(request.now, request.resetHourUtc)));
  if (keys.length === 0) return true;
  const rows = await db
    .selectFrom('records')
    .select('key')
    .where('namespace', '=', NAMESPACE)
    .where('key', 'in', keys)
    .execute();
  return rows.length === keys.length;
}

/**
 * Credits what is due, inside the caller's transaction. Each grant is claimed by its key first. A
 * user's daily grants then run one at a time under `lock` (two processes whose clocks disagree on the
 * day could claim two days at once), each reading the last one's record only after it committed.
 */
export async function grantDueAllowances(
  trx: Db,
  request: AllowanceRequest,
  lock: KeyLock,
): Promise<AllowanceGrant> {
  const { userId, now } = request;
  const account: AccountRef = { kind: 'user', id: userId };
  const granted: AllowanceGrant = { welcomeMicros: 0, dailyFreeMicros: 0, expiredMicros: 0 };

  if (request.welcomeMicros > 0 && (await claim(trx, welcomeKey(userId), null, now))) {
    await credit(trx, account, request.welcomeMicros);
    await addEntry(trx, grantEntry(account, request.welcomeMicros, ALLOWANCE_NOTES.welcome, now));
    granted.welcomeMicros = request.welcomeMicros;
  }

  if (request.dailyFreeMicros <= 0) return granted;
  const dayStart = budgetDayStart(now, request.resetHourUtc);
  // The claim outlives its day by one more, long enough for every request of that day to see it.
  if (!(await claim(trx, dailyKey(userId, dayStart), dayStart + 2 * DAY_MS, now))) return granted;
  await lock(trx, dailyLockKey(userId));

  const last = await readLastDaily(trx, userId);
  if (last !== undefined && last.dayStart < dayStart) {
    // The account row is locked before the spend is read: a settlement of one of the user's jobs
    // (it locks the same row) then counts wholly before this or wholly after, never half.
    const available = (await lockAvailable(trx, account)) ?? 0;
    const spent = await ownSpendBetween(trx, userId, last.at, last.dayStart + DAY_MS);
    const unspent = Math.max(0, last.grantedMicros - spent);
    const expired = Math.min(unspent, available);
    if (expired > 0 && (await debit(trx, account, expired))) {
      await addEntry(trx, grantEntry(account, -expired, ALLOWANCE_NOTES.expired, now));
      granted.expiredMicros = expired;
    }
  }
  await credit(trx, account, request.dailyFreeMicros);
  await addEntry(trx, grantEntry(account, request.dailyFreeMicros, ALLOWANCE_NOTES.dailyFree, now));
  const record: LastDailyGrant = { dayStart, grantedMicros: request.dailyFreeMicros, at: now };
  await trx
    .insertInto('records')
    .values({
      namespace: NAMESPACE,
      key: lastDailyKey(userId),
      value_json: JSON.stringify(record),
      expires_at: null,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['namespace', 'key'])
        .doUpdateSet({ value_json: JSON.stringify(record), updated_at: now }),
    )
    .execute();
  granted.dailyFreeMicros = request.dailyFreeMicros;
  return granted;
}

/** Today's daily allowance for the user and what its own jobs have not yet spent of it. */
export async function dailyAllowance(
  db: Db,
  userId: string,
  now: number,
  resetHourUtc: number,
): Promise<DailyAllowance> {
  const last = await readLastDaily(db, userId);
  if (last === undefined || last.dayStart !== budgetDayStart(now, resetHourUtc)) {
    return { grantedMicros: 0, leftMicros: 0 };
  }
  const spent = await ownSpendBetween(db, userId, last.at, last.dayStart + DAY_MS);
  return { grantedMicros: last.grantedMicros, leftMicros: Math.max(0, last.grantedMicros - spent) };
}

/** Inserts the key unless it is there; true for the one caller that inserted it. */
async function claim(trx: Db, key: string, expiresAt: number | null, now: number): Promise<boolean> {
  const result = await trx
    .insertInto('records')
    .values({ namespace: NAMESPACE, key, value_json: 'true', expires_at: expiresAt, updated_at: now })
    .onConflict((conflict) => conflict.columns(['namespace', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

async function readLastDaily(db: Db, userId: string): Promise<LastDailyGrant | undefined> {
  const row = await db
    .selectFrom('records')
    .select('value_json')
    .where('namespace', '=', NAMESPACE)
    .where('key', '=', lastDailyKey(userId))
    .executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.value_json) as LastDailyGrant);
}

/**
 * What jobs the user paid for (not a community's) cost, created in [from, to): each finished job's
 * charge, each unfinished one's reservation.
 */
async function ownSpendBetween(db: Db, userId: string, from: number, to: number): Promise<number> {
  return jobSpend(db, (select) =>
    select
      .where('payer_kind', '=', 'user')
      .where('payer_id', '=', userId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to),
  );
}

function grantEntry(account: AccountRef, amountMicros: number, note: string, createdAt: number) {
  return { account, kind: 'grant' as const, amountMicros, jobId: null, note, createdAt };
}
