import { MIGRATIONS } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { alice, inspect, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** Migrations and the schema's own constraints: the cases every store must pass. */
export function migrationCases(harness: StoreHarness): void {
  describe('migrations', () => {
    it('applies every migration to a new database, in order', async () => {
      const database = await harness.createDatabase();
      await harness.open({ database });
      const rows = await harness.sql(database, 'select name from kysely_migration order by name');
      expect(rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS));
      for (const table of ['accounts', 'jobs', 'ledger_entries', 'records']) {
        expect(await harness.sql(database, `select count(*) as n from ${table}`)).toHaveLength(1);
      }
    });

    it('is idempotent: reopening applies nothing and keeps the data', async () => {
      const database = await harness.createDatabase();
      const first = await harness.open({ database });
      await first.ledger.grant(alice, 5000);
      await first.createJobWithReservation({ job: makeJob(), now: 1 });
      await first.close();

      const second = await harness.open({ database });
      expect(await second.ledger.balance(alice)).toMatchObject({
        availableMicros: 4000,
        reservedMicros: 1000,
      });
      expect(await harness.sql(database, 'select name from kysely_migration')).toHaveLength(
        Object.keys(MIGRATIONS).length,
      );
      expect(await inspect(harness, database)).toMatchObject({ jobs: 1, accounts: 1, entries: 2 });
    });

    it('enforces the money constraints in the database itself', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      await store.ledger.grant(alice, 5000);
      const job = makeJob();
      await store.createJobWithReservation({ job, now: 1 });
      await store.close();

      const fails = (statement: string) =>
        expect(harness.sql(database, statement)).rejects.toThrow(/constraint/i);
      const entry = (kind: string, account: string, jobId: string | null) =>
        `insert into ledger_entries (account_kind, account_id, kind, amount_micros, job_id, created_at) values ('user', '${account}', '${kind}', 0, ${jobId === null ? 'null' : `'${jobId}'`}, 1)`;
      await fails('update accounts set available_micros = -1');
      await fails('update accounts set reserved_micros = -1');
      await fails(entry('reserve', 'alice', job.id));
      await harness.sql(database, entry('settle', 'alice', job.id));
      await fails(entry('refund', 'alice', job.id));
      await fails(entry('grant', 'nobody', null));
      await fails(entry('settle', 'alice', null));
      await fails("update jobs set state = 'exploded'");
    });

    it('lets two stores open the same new database at once', async () => {
      const database = await harness.createDatabase();
      const [a, b] = await Promise.all([harness.open({ database }), harness.open({ database })]);
      await a.ledger.grant(alice, 10);
      expect((await b.ledger.balance(alice)).availableMicros).toBe(10);
    });
  });
}
