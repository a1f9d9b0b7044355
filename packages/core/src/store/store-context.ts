import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** Runs `work` in one database transaction: all of it commits, or none of it does. */
export type Transact = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/** What the portable (dialect-neutral) store parts share. */
export interface StoreContext {
  /** For reads outside a transaction. Never used inside `transact` work (that would deadlock SQLite). */
  db: Kysely<Database>;
  /** Every write goes through here; see `createKyselyStore` for what it must guarantee. */
  transact: Transact;
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times. */
  clock: { now(): number };
}
