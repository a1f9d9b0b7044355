import { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRaw } from './__fixtures__/raw-sqlite.js';
import { alice, makeJob, TempStores } from './__fixtures__/store-fixtures.js';
import type { Database } from './database-schema.js';
import { migrateToLatest } from './migrations.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';

/*
 * What only the SQLite store does. Everything a store must do (jobs, ledger, records, migrations,
 * concurrency, two processes) is the shared conformance suite: @genhub/testkit's `testStore`, run on
 * SQLite in packages/testkit/src/store and on PostgreSQL in packages/store-postgres.
 */

const temps = new TempStores();
afterAll(() => temps.cleanup());

function tableNames(file: string): string[] {
  const db = openRaw(file, { readonly: true });
  try {
    return (
      db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
        name: string;
      }[]
    )
      .map((r) => r.name)
      .filter((name) => !name.startsWith('sqlite_'));
  } finally {
    db.close();
  }
}

describe('SQLite store', () => {
  it('creates the schema in a new folder, in WAL mode', async () => {
    const file = await temps.file();
    await temps.open({ file });
    expect(tableNames(file)).toEqual([
      'accounts',
      'audit_log',
      'jobs',
      'kysely_migration',
      'kysely_migration_lock',
      'ledger_entries',
      'records',
      'user_blocks',
    ]);
    const raw = openRaw(file, { readonly: true });
    expect(raw.pragma('journal_mode')).toBe('wal');
    raw.close();
  });

  it('finds nothing to migrate in a database it opened before', async () => {
    const file = await temps.file();
    await (await temps.open({ file })).close();
    const raw = await openSqlite(file, { busyTimeoutMs: 1000 });
    const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000) });
    expect((await migrateToLatest(db)).results).toEqual([]);
    await db.destroy();
  });

  it('also runs in memory', async () => {
    const store = await temps.open({ file: ':memory:' });
    await store.ledger.grant(alice, 1000);
    await store.createJobWithReservation({ job: makeJob(), now: 1 });
    expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 0, reservedMicros: 1000 });
  });
});
