import { type AccountRef, GenHubError, type JobRecord, type Store } from '@genhub/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** ledger invariants: the cases every store must pass. */
export function ledgerInvariantCases(harness: StoreHarness, runs: number): void {
  const ACCOUNTS: AccountRef[] = [
    { kind: 'user', id: 'u1' },
    { kind: 'user', id: 'u2' },
    { kind: 'community', id: 'c1' },
  ];

  type Op =
    | { type: 'grant'; account: number; amount: number }
    | { type: 'reserve'; account: number; price: number; budget: boolean }
    | { type: 'start'; job: number }
    | { type: 'finish'; job: number; charge: number; fromAnyState: boolean };

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      type: fc.constant('grant' as const),
      account: fc.nat(2),
      amount: fc.integer({ min: -3000, max: 6000 }).filter((n) => n !== 0),
    }),
    fc.record({
      type: fc.constant('reserve' as const),
      account: fc.nat(2),
      price: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
      budget: fc.boolean(),
    }),
    fc.record({ type: fc.constant('start' as const), job: fc.nat(30) }),
    fc.record({
      type: fc.constant('finish' as const),
      job: fc.nat(30),
      charge: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      fromAnyState: fc.boolean(),
    }),
  );

  /** Runs one operation; the only acceptable failure is INSUFFICIENT_FUNDS. */
  async function apply(store: Store, jobs: JobRecord[], op: Op): Promise<void> {
    try {
      switch (op.type) {
        case 'grant':
          await store.ledger.grant(ACCOUNTS[op.account]!, op.amount);
          return;
        case 'reserve': {
          const payer = ACCOUNTS[op.account]!;
          const job = makeJob({ payer, userId: payer.id, reservedMicros: op.price });
          jobs.push(job);
          await store.createJobWithReservation({
            job,
            now: job.createdAt,
            ...(op.budget ? { dailyBudget: { limitMicros: 8000, resetHourUtc: 0 } } : {}),
          });
          return;
        }
        case 'start': {
          const job = jobs[op.job % Math.max(1, jobs.length)];
          if (job) await store.jobs.update(job.id, ['queued'], { state: 'running' });
          return;
        }
        case 'finish': {
          const job = jobs[op.job % Math.max(1, jobs.length)];
          const expected = op.fromAnyState
            ? (['queued', 'running', 'succeeded', 'failed'] as const)
            : (['running'] as const);
          if (job)
            await store.finishJob(job.id, expected, { state: op.charge ? 'succeeded' : 'failed' }, op.charge);
          return;
        }
      }
    } catch (error) {
      if (!(GenHubError.isInstance(error) && error.code === 'INSUFFICIENT_FUNDS')) throw error;
    }
  }

  /** Checks the money invariants straight from the database, past the store. */
  async function checkInvariants(database: string): Promise<void> {
    const sql = (statement: string) => harness.sql(database, statement);
    const accounts = await sql('select * from accounts');
    for (const a of accounts) {
      // Test data only (fixed account ids), so quoting them inline is safe.
      const kind = `'${String(a.kind)}'`;
      const id = `'${String(a.id)}'`;
      const available = Number(a.available_micros);
      const reserved = Number(a.reserved_micros);
      const sum = async (where: string) =>
        Number(
          (
            await sql(
              `select coalesce(sum(amount_micros), 0) as s from ledger_entries where account_kind = ${kind} and account_id = ${id} ${where}`,
            )
          )[0]?.s,
        );
      const jobs = async (where: string, column: string) =>
        Number(
          (
            await sql(
              `select coalesce(sum(${column}), 0) as s from jobs where payer_kind = ${kind} and payer_id = ${id} and ${where}`,
            )
          )[0]?.s,
        );
      expect(available).toBeGreaterThanOrEqual(0);
      expect(reserved).toBeGreaterThanOrEqual(0);
      // The ledger explains the balance exactly.
      expect(await sum('')).toBe(available);
      // What is held is exactly the reservations of unfinished jobs.
      expect(await jobs('charged_micros is null', 'reserved_micros')).toBe(reserved);
      // Money is conserved: everything granted is available, held, or was charged.
      expect(await sum("and kind = 'grant'")).toBe(
        available + reserved + (await jobs('charged_micros is not null', 'charged_micros')),
      );
    }
    // Every paid job: one reserve entry; a settlement entry exactly when it is finished.
    const badJobs = await sql(
      `select j.id from jobs j where j.reserved_micros > 0 and (
         (select count(*) from ledger_entries e where e.job_id = j.id and e.kind = 'reserve') <> 1 or
         (select count(*) from ledger_entries e where e.job_id = j.id and e.kind in ('settle', 'refund'))
           <> (case when j.charged_micros is null then 0 else 1 end))`,
    );
    expect(badJobs).toEqual([]);
    const unfinishedButTerminal = await sql(
      `select id from jobs where (charged_micros is null) <> (state in ('queued', 'submitting', 'running', 'downloading'))`,
    );
    expect(unfinishedButTerminal).toEqual([]);
  }

  describe('ledger invariants', () => {
    it('hold after any sequence of grants, reservations and settlements, run in concurrent batches', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
          async (batches) => {
            const database = await harness.createDatabase();
            // Two stores on one database, as two processes would be; operations alternate between them.
            const stores = [await harness.open({ database }), await harness.open({ database })];
            const jobs: JobRecord[] = [];
            try {
              for (const batch of batches) {
                await Promise.all(batch.map((op, i) => apply(stores[i % 2]!, jobs, op)));
              }
            } finally {
              await Promise.all(stores.map((store) => store.close()));
            }
            await checkInvariants(database);
          },
        ),
        { numRuns: runs },
      );
    }, 600_000);
  });
}
