import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';
import type { JobState } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import { settleInTransaction } from './finish-job.js';
import { assertFinishPatch } from './job-patch-rules.js';
import { createKyselyJobStore } from './kysely-job-store.js';
import { createKyselyLedger } from './kysely-ledger.js';
import { createKyselyModeration } from './kysely-moderation.js';
import { createKyselyRecordStore } from './kysely-record-store.js';
import type { Store } from './ledger.js';
import { assertMicros } from './money.js';
import { createReports } from './report-queries.js';
import { assertNewJob, reserveAndInsert } from './reserve.js';
import type { KeyLock, Transact } from './store-context.js';

export interface KyselyStoreOptions {
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times; defaults to the system clock. */
  clock?: { now(): number };
  /**
   * Runs a unit of work in one transaction. The default, `db.transaction().execute`, runs them one at
   * a time on the SQLite dialect of `sqlite-store.ts` (BEGIN IMMEDIATE: one writer at a time). One
   * that lets transactions overlap must give at least READ COMMITTED isolation with row locks held to
   * the end of the transaction (PostgreSQL's default) and come with a `lock`: the store needs no more,
   * because every balance change is a guarded UPDATE (`available_micros >= x` in its WHERE), every
   * claim (a job id, a settlement, an allowance, a record) is decided by a unique key or a
   * compare-and-set UPDATE, an account row is locked before a read of it decides anything, and the
   * one remaining deciding read, the daily-budget check, runs under `lock`. @genhub/store-postgres
   * passes one at READ COMMITTED that runs a unit again after a deadlock.
   */
  transact?: Transact;
  /**
   * Serialises transactions by key: needed whenever `transact` lets transactions overlap. Defaults
   * to taking no lock, right only for a `transact` that runs one transaction at a time.
   */
  lock?: KeyLock;
  /**
   * A handle for reads on a connection of its own, so a read never waits behind a write
   * transaction (SQLite: a second connection on the file; WAL lets it read while the writer
   * writes). Defaults to `db`. It sees what has committed, which includes every awaited write.
   */
  reads?: Kysely<Database>;
}

/**
 * The store on any Kysely database with the schema of `migrations.ts`. Dialect-neutral: the queries
 * are ones SQLite and PostgreSQL both accept, so a PostgreSQL store is this plus its own dialect.
 * Every write (including a plain job update) runs inside `transact`; reads use `reads` (or `db`) directly.
 */
export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions = {}): Store {
  const clock = options.clock ?? { now: () => Date.now() };
  const run: Transact = options.transact ?? ((work) => db.transaction().execute(work));
  // Anything unexpected (a constraint, the disk) reaches callers as GenHubError INTERNAL.
  const transact: Transact = (work) =>
    run(work).catch((error: unknown) => {
      throw GenHubError.from(error);
    });
  const lock: KeyLock = options.lock ?? (async () => {});
  const reads = options.reads ?? db;
  const ctx = { db: reads, transact, lock, clock };
  let closing: Promise<void> | undefined;

  return {
    jobs: createKyselyJobStore(ctx),
    ledger: createKyselyLedger(ctx),
    records: createKyselyRecordStore(ctx),
    reports: createReports(reads),
    moderation: createKyselyModeration(ctx),

    async createJobWithReservation(request) {
      assertNewJob(request);
      return transact((trx) => reserveAndInsert(trx, request, lock));
    },

    async finishJob(id: string, expected: readonly JobState[], patch, chargeMicros, options) {
      assertFinishPatch(patch);
      assertMicros(chargeMicros, 'chargeMicros');
      if (expected.length === 0) return undefined;
      return transact((trx) =>
        settleInTransaction(trx, id, expected, patch, chargeMicros, clock.now(), options?.owner),
      );
    },

    close() {
      closing ??= Promise.all([db.destroy(), reads === db ? undefined : reads.destroy()]).then(
        () => undefined,
      );
      return closing;
    },
  };
}
