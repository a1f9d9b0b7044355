import type { Kysely } from 'kysely';
import type { AccountRef } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import type { Balance, LedgerEntry, LedgerEntryKind } from './ledger.js';
import { runShaped } from './shaped-query.js';

/*
 * The account and ledger statements, shared by grants, reservations and settlements. Balances only
 * ever change by a relative UPDATE (`available_micros = available_micros + x`) guarded in its WHERE
 * clause, so concurrent writers can never drive one negative; the CHECK constraints are the backstop.
 */

type Db = Kysely<Database>;

/** The account's balance, or undefined for an account that has never been credited. */
export async function findBalance(db: Db, account: AccountRef): Promise<Balance | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['available_micros', 'reserved_micros'])
    .where('kind', '=', account.kind)
    .where('id', '=', account.id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    account: { kind: account.kind, id: account.id },
    availableMicros: Number(row.available_micros),
    reservedMicros: Number(row.reserved_micros),
  };
}

/** The account's balance; zero for an account that has never been credited. */
export async function readBalance(db: Db, account: AccountRef): Promise<Balance> {
  return (
    (await findBalance(db, account)) ?? {
      account: { kind: account.kind, id: account.id },
      availableMicros: 0,
      reservedMicros: 0,
    }
  );
}

/**
 * The account's available balance with its row locked until the transaction ends, so no other
 * transaction changes it in between; undefined when the account does not exist. A no-op UPDATE
 * rather than SELECT ... FOR UPDATE, which SQLite lacks (and does not need: one writer at a time).
 */
export async function lockAvailable(db: Db, account: AccountRef): Promise<number | undefined> {
  const [row] = await runShaped(db, 'lock available', [account.kind, account.id], ([kind, id]) =>
    db
      .updateTable('accounts')
      .set((eb) => ({ available_micros: eb.ref('available_micros').$castTo<number>() }))
      .where('kind', '=', kind as AccountRef['kind'])
      .where('id', '=', id as string)
      .returning('available_micros'),
  );
  return row ? Number(row.available_micros) : undefined;
}

/** Adds `amount` (> 0) to the available balance, creating the account if needed. */
export async function credit(db: Db, account: AccountRef, amount: number): Promise<void> {
  await db
    .insertInto('accounts')
    .values({ kind: account.kind, id: account.id, available_micros: amount, reserved_micros: 0 })
    .onConflict((oc) =>
      oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
        available_micros: eb('accounts.available_micros', '+', amount).$castTo<number>(),
      })),
    )
    .execute();
}

/** Takes `amount` (> 0) from the available balance if it is there; false (and no change) if not. */
export async function debit(db: Db, account: AccountRef, amount: number): Promise<boolean> {
  const rows = await runShaped(db, 'debit', [account.kind, account.id, amount], ([kind, id, amount]) =>
    db
      .updateTable('accounts')
      .set((eb) => ({ available_micros: eb('available_micros', '-', amount as number).$castTo<number>() }))
      .where('kind', '=', kind as AccountRef['kind'])
      .where('id', '=', id as string)
      .where('available_micros', '>=', amount as number)
      .returning('id'),
  );
  return rows.length > 0;
}

/** Moves `amount` (> 0) from available to reserved if it is available; false (and no change) if not. */
export async function hold(db: Db, account: AccountRef, amount: number): Promise<boolean> {
  const rows = await runShaped(db, 'hold', [account.kind, account.id, amount], ([kind, id, amount]) =>
    db
      .updateTable('accounts')
      .set((eb) => ({
        available_micros: eb('available_micros', '-', amount as number).$castTo<number>(),
        reserved_micros: eb('reserved_micros', '+', amount as number).$castTo<number>(),
      }))
      .where('kind', '=', kind as AccountRef['kind'])
      .where('id', '=', id as string)
      .where('available_micros', '>=', amount as number)
      .returning('id'),
  );
  return rows.length > 0;
}

/**
 * Moves `amount` (> 0) from reserved back to available; returns the available balance after, or
 * undefined when the account does not exist. A release larger than what is reserved violates the
 * reserved >= 0 CHECK and throws.
 */
export async function release(db: Db, account: AccountRef, amount: number): Promise<number | undefined> {
  const [row] = await runShaped(db, 'release', [account.kind, account.id, amount], ([kind, id, amount]) =>
    db
      .updateTable('accounts')
      .set((eb) => ({
        available_micros: eb('available_micros', '+', amount as number).$castTo<number>(),
        reserved_micros: eb('reserved_micros', '-', amount as number).$castTo<number>(),
      }))
      .where('kind', '=', kind as AccountRef['kind'])
      .where('id', '=', id as string)
      .returning('available_micros'),
  );
  return row ? Number(row.available_micros) : undefined;
}

export interface NewEntry {
  account: AccountRef;
  kind: LedgerEntryKind;
  amountMicros: number;
  jobId: string | null;
  note: string | null;
  createdAt: number;
}

export async function addEntry(db: Db, entry: NewEntry): Promise<void> {
  const values = [
    entry.account.kind,
    entry.account.id,
    entry.kind,
    entry.amountMicros,
    entry.jobId,
    entry.note,
    entry.createdAt,
  ];
  await runShaped(db, 'add entry', values, ([accountKind, accountId, kind, amount, jobId, note, createdAt]) =>
    db.insertInto('ledger_entries').values({
      account_kind: accountKind as AccountRef['kind'],
      account_id: accountId as string,
      kind: kind as LedgerEntryKind,
      amount_micros: amount as number,
      job_id: jobId as string | null,
      note: note as string | null,
      created_at: createdAt as number,
    }),
  );
}

/** The account's entries, newest first. */
export async function listEntries(db: Db, account: AccountRef, limit: number): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('account_kind', '=', account.kind)
    .where('account_id', '=', account.id)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    account: { kind: row.account_kind, id: row.account_id },
    kind: row.kind,
    amountMicros: Number(row.amount_micros),
    jobId: row.job_id,
    note: row.note,
    createdAt: Number(row.created_at),
  }));
}

/**
 * What the user's jobs created at or after `since` cost: the charge of each finished job, the
 * reservation of each unfinished one (so refunds count as nothing). Counted from the jobs, not the
 * ledger, because a job may be paid from a community's account and still count against its user.
 * `exceptJobId` leaves one job out (the one being reserved, already inserted).
 */
export async function spentSince(
  db: Db,
  userId: string,
  since: number,
  exceptJobId?: string,
): Promise<number> {
  return jobSpend(db, (select) => {
    const narrowed = select.where('user_id', '=', userId).where('created_at', '>=', since);
    return exceptJobId === undefined ? narrowed : narrowed.where('id', '!=', exceptJobId);
  });
}

type JobsSpendSelect = ReturnType<typeof selectJobSpend>;
const selectJobSpend = (db: Db) =>
  db
    .selectFrom('jobs')
    .select((eb) =>
      eb.fn
        .sum<number | string | bigint | null>(eb.fn.coalesce('charged_micros', 'reserved_micros'))
        .as('spent'),
    );

/** What the jobs `narrow` selects cost: each finished job's charge, each unfinished one's reservation. */
export async function jobSpend(
  db: Db,
  narrow: (select: JobsSpendSelect) => JobsSpendSelect,
): Promise<number> {
  const row = await narrow(selectJobSpend(db)).executeTakeFirst();
  return row?.spent == null ? 0 : Number(row.spent);
}
