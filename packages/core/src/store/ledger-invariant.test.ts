import { GenHubError } from '@genhub/provider';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef, JobRecord } from '../jobs/job.js';
import { openRaw } from './__fixtures__/raw-sqlite.js';
import { makeJob, TempStores } from './__fixtures__/store-fixtures.js';
import type { Store } from './ledger.js';

const temps = new TempStores();
afterAll(() => temps.cleanup());

/** A migrated, closed, empty database; each run starts from a fresh copy of it. */
let template: string;
beforeAll(async () => {
  template = await temps.file();
  await (await temps.open({ file: template })).close();
});

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

/** Checks the money invariants straight from the file. */
function checkInvariants(file: string): void {
  const db = openRaw(file, { readonly: true });
  try {
    const accounts = db.prepare('select * from accounts').all() as {
      kind: string;
      id: string;
      available_micros: number;
      reserved_micros: number;
    }[];
    for (const a of accounts) {
      const sum = (where: string) =>
        (
          db
            .prepare(
              `select coalesce(sum(amount_micros), 0) as s from ledger_entries where account_kind = ? and account_id = ? ${where}`,
            )
            .get(a.kind, a.id) as { s: number }
        ).s;
      const jobs = (where: string, column: string) =>
        (
          db
            .prepare(
              `select coalesce(sum(${column}), 0) as s from jobs where payer_kind = ? and payer_id = ? and ${where}`,
            )
            .get(a.kind, a.id) as { s: number }
        ).s;
      expect(a.available_micros).toBeGreaterThanOrEqual(0);
      expect(a.reserved_micros).toBeGreaterThanOrEqual(0);
      // The ledger explains the balance exactly.
      expect(sum('')).toBe(a.available_micros);
      // What is held is exactly the reservations of unfinished jobs.
      expect(jobs('charged_micros is null', 'reserved_micros')).toBe(a.reserved_micros);
      // Money is conserved: everything granted is available, held, or was charged.
      expect(sum("and kind = 'grant'")).toBe(
        a.available_micros + a.reserved_micros + jobs('charged_micros is not null', 'charged_micros'),
      );
    }
    // Every paid job: one reserve entry; a settlement entry exactly when it is finished.
    const badJobs = db
      .prepare(
        `select j.id from jobs j where j.reserved_micros > 0 and (
           (select count(*) from ledger_entries e where e.job_id = j.id and e.kind = 'reserve') <> 1 or
           (select count(*) from ledger_entries e where e.job_id = j.id and e.kind in ('settle', 'refund'))
             <> (case when j.charged_micros is null then 0 else 1 end))`,
      )
      .all();
    expect(badJobs).toEqual([]);
    const unfinishedButTerminal = db
      .prepare(
        `select id from jobs where (charged_micros is null) <> (state in ('queued', 'submitting', 'running', 'downloading'))`,
      )
      .all();
    expect(unfinishedButTerminal).toEqual([]);
  } finally {
    db.close();
  }
}

describe('ledger invariants', () => {
  it('hold after any sequence of grants, reservations and settlements, run in concurrent batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        async (batches) => {
          const file = await temps.copy(template);
          // Two stores on one file, as two processes would be; operations alternate between them.
          const stores = [
            await temps.open({ file, synchronous: 'normal' }),
            await temps.open({ file, synchronous: 'normal' }),
          ];
          const jobs: JobRecord[] = [];
          try {
            for (const batch of batches) {
              await Promise.all(batch.map((op, i) => apply(stores[i % 2]!, jobs, op)));
            }
          } finally {
            await Promise.all(stores.map((store) => store.close()));
          }
          checkInvariants(file);
        },
      ),
      { numRuns: 100 },
    );
  });
});
