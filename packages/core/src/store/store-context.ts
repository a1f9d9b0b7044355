import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** Runs `work` in one database transaction: all of it commits, or none of it does. */
export type Transact = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/**
 * Holds the lock named `key` until the transaction of `trx` ends, so transactions that take the same
 * key run one after another (whichever process they are in). For the few places where a read decides
 * a write and no row lock already orders them, such as the daily-budget check.
 */
export type KeyLock = (trx: Kysely<Database>, key: string) => Promise<void>;

/** What the portable (dialect-neutral) store parts share. */
export interface StoreContext {
  /** For reads outside a transaction. Never used inside `transact` work (that would deadlock SQLite). */
  db: Kysely<Database>;
  /** Every write goes through here; see `createKyselyStore` for what it must guarantee. */
  transact: Transact;
  /** Serialises transactions by key; see `createKyselyStore`. */
  lock: KeyLock;
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times. */
  clock: { now(): number };
}
