import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database-schema.js';
import { GROUP_COMMIT_MAX_UNITS, groupCommitTransact } from './group-commit.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';

const dir = mkdtempSync(join(tmpdir(), 'genhub-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Counting {
  db: Kysely<Database>;
  commits: () => number;
  close: () => Promise<void>;
}

/** A database with one table `t`, and a count of the transactions committed on it. */
async function openCounting(name: string): Promise<Counting> {
  const raw = await openSqlite(join(dir, name), { busyTimeoutMs: 1000 });
  raw.pragma('journal_mode = WAL');
  let commits = 0;
  const counted = {
    ...raw,
    driver: raw.driver,
    get isOpen() {
      return raw.isOpen;
    },
    prepare(text: string) {
      const statement = raw.prepare(text);
      if (!/^commit/i.test(text)) return statement;
      return {
        reader: statement.reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(parameters),
        iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(parameters),
        run: (parameters: ReadonlyArray<unknown>) => {
          commits += 1;
          return statement.run(parameters);
        },
      };
    },
  };
  const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(counted, 1000) });
  await sql`create table t (v integer not null unique)`.execute(db);
  return { db, commits: () => commits, close: () => db.destroy() };
}

const values = async (db: Kysely<Database>) =>
  (await sql<{ v: number }>`select v from t order by v`.execute(db)).rows.map((row) => row.v);

const insert = (v: number) => async (trx: Kysely<Database>) => {
  await sql`insert into t (v) values (${v})`.execute(trx);
  return v;
};

describe('groupCommitTransact', () => {
  let open: Counting | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it('commits the writes asked for in one turn of the event loop together', async () => {
    open = await openCounting('together.db');
    const transact = groupCommitTransact(open.db);
    const before = open.commits();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => transact(insert(i))));
    expect(results).toEqual([...Array(10).keys()]);
    expect(open.commits() - before).toBe(1);
    expect(await values(open.db)).toEqual([...Array(10).keys()]);
  });

  it('rolls back only the unit that throws; the others commit and each caller hears its own outcome', async () => {
    open = await openCounting('alone.db');
    const transact = groupCommitTransact(open.db);
    const outcomes = await Promise.allSettled([
      transact(insert(1)),
      transact(async (trx) => {
        await insert(2)(trx);
        await insert(1)(trx); // violates the unique constraint: 2 must go too
      }),
      transact(insert(3)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await values(open.db)).toEqual([1, 3]);
  });

  it('lets each unit see what the units before it wrote', async () => {
    open = await openCounting('order.db');
    const transact = groupCommitTransact(open.db);
    const [, seen] = await Promise.all([transact(insert(7)), transact((trx) => values(trx))]);
    expect(seen).toEqual([7]);
  });

  it('splits a crowd into groups of at most GROUP_COMMIT_MAX_UNITS, losing none', async () => {
    open = await openCounting('crowd.db');
    const transact = groupCommitTransact(open.db);
    const before = open.commits();
    const count = GROUP_COMMIT_MAX_UNITS * 2 + 5;
    await Promise.all(Array.from({ length: count }, (_, i) => transact(insert(i))));
    expect(open.commits() - before).toBe(3);
    expect(await values(open.db)).toHaveLength(count);
  });

  it('fails every unit of a group whose commit fails', async () => {
    open = await openCounting('closed.db');
    const transact = groupCommitTransact(open.db);
    const db = open.db;
    open = undefined;
    await db.destroy();
    const outcomes = await Promise.allSettled([transact(insert(1)), transact(insert(2))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
