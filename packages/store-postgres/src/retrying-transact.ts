import type { Database, KeyLock, Transact } from '@genhub/core';
import { GenHubError } from '@genhub/provider';
import { type Kysely, sql } from 'kysely';

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

export const DefaultTransactOptions = {
  /** Runs of one unit of work before giving up. */
  maxAttempts: 50,
  /** Backoff between runs: doubling from 1 ms up to this, jittered. */
  maxDelayMs: 50,
} as const;

export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs each unit of work in a READ COMMITTED transaction, stated explicitly so a server whose
 * default isolation differs changes nothing, and runs it again when PostgreSQL aborts it for a
 * deadlock (40P01) or a serialization failure (40001). READ COMMITTED plus `advisoryLock` is what
 * `createKyselyStore` asks of an overlapping `transact`: its writes are guarded UPDATEs and unique
 * keys, which wait for each other's row locks rather than abort, so concurrent jobs, in this process
 * or any other, no longer roll each other back the way SERIALIZABLE's page-level read locks made them.
 */
export function retryingTransact(
  db: Kysely<Database>,
  options: { maxAttempts?: number; maxDelayMs?: number } = {},
): Transact {
  const maxAttempts = options.maxAttempts ?? DefaultTransactOptions.maxAttempts;
  const maxDelayMs = options.maxDelayMs ?? DefaultTransactOptions.maxDelayMs;
  return async (work) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().setIsolationLevel('read committed').execute(work);
      } catch (error) {
        if (!isRetryableConflict(error)) throw error;
        if (attempt >= maxAttempts) {
          throw new GenHubError(
            'INTERNAL',
            `The database stayed too busy to save the change after ${attempt} tries; try again.`,
            { retryable: true, cause: error },
          );
        }
        await sleep(Math.min(maxDelayMs, 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
    }
  };
}

/**
 * A transaction-scoped advisory lock on a 64-bit hash of the key: held until the transaction ends,
 * by whichever process took it. Two keys with one hash only make their holders wait for each other.
 */
export const advisoryLock: KeyLock = async (trx, key) => {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
};
