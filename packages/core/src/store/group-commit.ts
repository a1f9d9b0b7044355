import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { Transact } from './store-context.js';

/** The most units of work one shared transaction takes; the rest wait for the next. */
export const GROUP_COMMIT_MAX_UNITS = 64;

interface Unit {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A `Transact` that groups the units of work asked for in the same turn of the event loop into one
 * database transaction, so they share one commit (one fsync with `synchronous = FULL`) instead of
 * paying for one each. Each unit runs in its own savepoint, one after another, so each still sees
 * what the units before it wrote, and a unit that throws is rolled back alone. Nobody hears back
 * before the shared commit is done: a caller only acts on what is durable. If the commit itself
 * fails, every unit of the group fails.
 *
 * Made for one-writer databases (SQLite), where units run one after another anyway.
 */
export function groupCommitTransact(db: Kysely<Database>): Transact {
  const pending: Unit[] = [];
  let scheduled = false;
  let flushing = false;

  const schedule = () => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(flush);
  };

  async function flush(): Promise<void> {
    scheduled = false;
    flushing = true;
    const group = pending.splice(0, GROUP_COMMIT_MAX_UNITS);
    try {
      const outcomes = await db.transaction().execute(async (trx) => {
        if (group.length === 1) return [await runAlone(trx, group[0]!)];
        const results: Outcome[] = [];
        for (const unit of group) results.push(await runInSavepoint(trx, unit));
        return results;
      });
      outcomes.forEach((outcome, i) => {
        const unit = group[i]!;
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      });
    } catch (error) {
      for (const unit of group) unit.reject(error);
    } finally {
      flushing = false;
      if (pending.length > 0) schedule();
    }
  }

  return <T>(work: (trx: Kysely<Database>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}

/** A group of one needs no savepoint: its failure rolls back the whole (its own) transaction. */
async function runAlone(trx: Kysely<Database>, unit: Unit): Promise<Outcome> {
  return { ok: true, value: await unit.work(trx) };
}

// Compiled once: they run twice per unit.
const SAVEPOINT = CompiledQuery.raw('savepoint group_unit');
const RELEASE = CompiledQuery.raw('release savepoint group_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_unit');

async function runInSavepoint(trx: Kysely<Database>, unit: Unit): Promise<Outcome> {
  await trx.executeQuery(SAVEPOINT);
  try {
    const value = await unit.work(trx);
    await trx.executeQuery(RELEASE);
    return { ok: true, value };
  } catch (error) {
    // If SQLite already rolled back the whole transaction (a full disk, an I/O error), this throws
    // and the group fails together, which is what it must do.
    await trx.executeQuery(ROLLBACK_TO);
    await trx.executeQuery(RELEASE);
    return { ok: false, error };
  }
}
