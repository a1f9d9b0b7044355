import { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRaw } from './__fixtures__/raw-sqlite.js';
import { alice, inspect, makeJob, TempStores } from './__fixtures__/store-fixtures.js';
import type { Database } from './database-schema.js';
import { MIGRATIONS, migrateToLatest } from './migrations.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';

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

describe('migrations', () => {
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
    expect(
      (raw.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name),
    ).toEqual(Object.keys(MIGRATIONS));
    raw.close();
  });

  it('is idempotent: reopening applies nothing and keeps the data', async () => {
    const file = await temps.file();
    const first = await temps.open({ file });
    await first.ledger.grant(alice, 5000);
    await first.createJobWithReservation({ job: makeJob(), now: 1 });
    await first.close();

    const second = await temps.open({ file });
    expect(await second.ledger.balance(alice)).toMatchObject({ availableMicros: 4000, reservedMicros: 1000 });

    const raw = await openSqlite(file, { busyTimeoutMs: 1000 });
    const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000) });
    expect((await migrateToLatest(db)).results).toEqual([]);
    await db.destroy();
    expect(inspect(file)).toMatchObject({ jobs: 1, accounts: 1, entries: 2 });
  });

  it('enforces the money constraints in the database itself', async () => {
    const file = await temps.file();
    const store = await temps.open({ file });
    await store.ledger.grant(alice, 5000);
    const job = makeJob();
    await store.createJobWithReservation({ job, now: 1 });
    await store.close();

    const raw = openRaw(file);
    raw.pragma('foreign_keys = ON');
    const fails = (statement: string) => expect(() => raw.exec(statement)).toThrow(/constraint/i);
    fails(`update accounts set available_micros = -1`);
    fails(`update accounts set reserved_micros = -1`);
    fails(
      `insert into ledger_entries (account_kind, account_id, kind, amount_micros, job_id, created_at) values ('user', 'alice', 'reserve', -1, '${job.id}', 1)`,
    );
    raw.exec(
      `insert into ledger_entries (account_kind, account_id, kind, amount_micros, job_id, created_at) values ('user', 'alice', 'settle', 0, '${job.id}', 1)`,
    );
    fails(
      `insert into ledger_entries (account_kind, account_id, kind, amount_micros, job_id, created_at) values ('user', 'alice', 'refund', 0, '${job.id}', 1)`,
    );
    fails(
      `insert into ledger_entries (account_kind, account_id, kind, amount_micros, created_at) values ('user', 'nobody', 'grant', 1, 1)`,
    );
    fails(`update jobs set state = 'exploded'`);
    raw.close();
  });

  it('also runs in memory', async () => {
    const store = await temps.open({ file: ':memory:' });
    await store.ledger.grant(alice, 1000);
    await store.createJobWithReservation({ job: makeJob(), now: 1 });
    expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 0, reservedMicros: 1000 });
  });

  it('lets two stores open the same new file at once', async () => {
    const file = await temps.file();
    const [a, b] = await Promise.all([temps.open({ file }), temps.open({ file })]);
    await a.ledger.grant(alice, 10);
    expect((await b.ledger.balance(alice)).availableMicros).toBe(10);
  });
});
