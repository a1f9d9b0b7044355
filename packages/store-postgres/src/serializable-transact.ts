import type { Database, Transact } from '@genhub/core';
import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';

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
 * Runs each unit of work in a SERIALIZABLE transaction and runs it again when PostgreSQL refuses to
 * commit it because a concurrent transaction got there first (SQLSTATE 40001, or a deadlock 40P01).
 * So concurrent units, in this process or any other, behave as if they ran one after another, which
 * `createKyselyStore` requires: the guarded balance UPDATEs alone would be safe under READ COMMITTED,
 * but the daily-budget check and the duplicate-job check are reads.
 */
export function serializableTransact(
  db: Kysely<Database>,
  options: { maxAttempts?: number; maxDelayMs?: number } = {},
): Transact {
  const maxAttempts = options.maxAttempts ?? DefaultTransactOptions.maxAttempts;
  const maxDelayMs = options.maxDelayMs ?? DefaultTransactOptions.maxDelayMs;
  return async (work) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().setIsolationLevel('serializable').execute(work);
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
