import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRaw } from './__fixtures__/raw-sqlite.js';
import { alice, caught, TempStores } from './__fixtures__/store-fixtures.js';
import type { Database } from './database-schema.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect, createQueryOnlySqliteDialect } from './sqlite-dialect.js';

const temps = new TempStores();
afterAll(() => temps.cleanup());

describe('SQLite write lock', () => {
  it('waits for another connection’s transaction without blocking the event loop', async () => {
    const file = await temps.file();
    const store = await temps.open({ file });
    const other = openRaw(file);
    other.exec('begin immediate');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    setTimeout(() => other.exec('commit'), 100);
    expect((await store.ledger.grant(alice, 10)).availableMicros).toBe(10);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    other.close();
  });

  it('gives up after busyTimeoutMs with a retryable INTERNAL error, writing nothing', async () => {
    const file = await temps.file();
    const store = await temps.open({ file, busyTimeoutMs: 100 });
    const other = openRaw(file);
    other.exec('begin immediate');
    const error = await caught(store.ledger.grant(alice, 10));
    expect(error.code).toBe('INTERNAL');
    expect(error.retryable).toBe(true);
    other.exec('rollback');
    other.close();
    expect((await store.ledger.balance(alice)).availableMicros).toBe(0);
  });
});

describe('SQLite read connection', () => {
  /** Microtask turns until the last of `waiting + 1` concurrent reads on `db` answers. */
  async function turnsForLastRead(db: Kysely<Database>, waiting: number): Promise<number> {
    const others = Array.from({ length: waiting }, () => sql`select 1 as one`.execute(db));
    let answered = false;
    const last = sql`select 2 as two`.execute(db).then((result) => {
      answered = true;
      return result;
    });
    let turns = 0;
    while (!answered && turns < 100_000) {
      turns += 1;
      await Promise.resolve();
    }
    await Promise.all(others);
    expect((await last).rows).toEqual([{ two: 2 }]);
    return turns;
  }

  it('answers a read behind 200 others at once: reads do not queue for the connection', async () => {
    const file = await temps.file();
    await temps.open({ file });
    const raw = await openSqlite(file, { busyTimeoutMs: 1000 });
    const reads = new Kysely<Database>({ dialect: createQueryOnlySqliteDialect(raw) });
    const locked = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000) });
    // With a lock per query, the last read waits for the 200 before it, one after another.
    expect(await turnsForLastRead(locked, 200)).toBeGreaterThan(1000);
    expect(await turnsForLastRead(reads, 200)).toBeLessThan(100);
    await expect(reads.transaction().execute(async () => undefined)).rejects.toThrow(/no transactions/);
    await reads.destroy();
  });
});
