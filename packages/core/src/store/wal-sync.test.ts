import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { caught } from './__fixtures__/store-fixtures.js';
import type { Database } from './database-schema.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';
import { type CommitSync, WalSync } from './wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'genhub-wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sync the test finishes by hand, counting the calls. */
class HeldSync implements CommitSync {
  calls = 0;
  #release: Array<(error?: Error) => void> = [];
  sync(): Promise<void> {
    this.calls += 1;
    return new Promise((resolve, reject) =>
      this.#release.push((error) => (error ? reject(error) : resolve())),
    );
  }
  finish(error?: Error): void {
    for (const release of this.#release.splice(0)) release(error);
  }
  async close(): Promise<void> {}
}

async function openWith(name: string, commitSync: CommitSync): Promise<Kysely<Database>> {
  const raw = await openSqlite(join(dir, name), { busyTimeoutMs: 1000 });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000) });
  await sql`create table t (v integer not null)`.execute(db);
  await db.destroy();
  const again = await openSqlite(join(dir, name), { busyTimeoutMs: 1000 });
  return new Kysely<Database>({ dialect: createImmediateSqliteDialect(again, 1000, commitSync) });
}

const values = async (db: Kysely<Database>) =>
  (await sql<{ v: number }>`select v from t order by v`.execute(db)).rows.map((row) => row.v);

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe('commits synced after COMMIT', () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy().catch(() => undefined);
    db = undefined;
  });

  it('ends a transaction only once its sync is done, and nothing else runs on the store before', async () => {
    const held = new HeldSync();
    db = await openWith('held.db', held);
    let committed = false;
    const write = db
      .transaction()
      .execute((trx) => sql`insert into t (v) values (1)`.execute(trx))
      .then(() => {
        committed = true;
      });
    await until(() => held.calls === 1);
    let read: number[] | undefined;
    const reading = values(db).then((rows) => {
      read = rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(committed).toBe(false);
    expect(read).toBeUndefined();
    held.finish();
    await Promise.all([write, reading]);
    expect(committed).toBe(true);
    expect(read).toEqual([1]);
  });

  it('stops the store when a sync fails: that transaction and every later statement fail', async () => {
    const held = new HeldSync();
    db = await openWith('failing.db', held);
    const write = caught(db.transaction().execute((trx) => sql`insert into t (v) values (1)`.execute(trx)));
    await until(() => held.calls === 1);
    held.finish(new Error('EIO: i/o error, fdatasync'));
    const error = await write;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe(
      'The database could not be saved to disk; restart GenHub to carry on from what was saved.',
    );
    expect((await caught(values(db))).code).toBe('INTERNAL');
  });

  it('syncs a real WAL file, and fails when there is none', async () => {
    const file = join(dir, 'real.db');
    const raw = await openSqlite(file, { busyTimeoutMs: 1000 });
    raw.pragma('journal_mode = WAL');
    const walSync = new WalSync(file);
    db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000, walSync) });
    await sql`create table t (v integer not null)`.execute(db);
    await db.transaction().execute((trx) => sql`insert into t (v) values (5)`.execute(trx));
    expect(await values(db)).toEqual([5]);

    const missing = new WalSync(join(dir, 'never-opened.db'));
    await expect(missing.sync()).rejects.toThrow(/ENOENT/);
    await missing.close();
  });
});
