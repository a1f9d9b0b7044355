import type { JobRecord, Store } from '@genhub/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { alice, errorCode, guild, inspect, ManualClock, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** finishJob: the cases every store must pass. */
export function finishJobCases(harness: StoreHarness): void {
  let store: Store;
  let database: string;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    database = await harness.createDatabase();
    store = await harness.open({ database, clock });
  });

  async function reserved(price: number, balance: number): Promise<JobRecord> {
    await store.ledger.grant(alice, balance);
    return store.createJobWithReservation({ job: makeJob({ reservedMicros: price }), now: clock.now() });
  }

  async function expectBalance(available: number, reservedMicros: number) {
    expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: available, reservedMicros });
    expect((await inspect(harness, database)).entrySum(alice)).toBe(available);
  }

  describe('finishJob', () => {
    it('charges less than reserved and returns the rest', async () => {
      const job = await reserved(1000, 5000);
      clock.advance(60_000);
      const done = await store.finishJob(job.id, ['queued', 'running'], { state: 'succeeded' }, 700);
      expect(done).toMatchObject({
        state: 'succeeded',
        chargedMicros: 700,
        finishedAt: clock.now(),
        updatedAt: clock.now(),
      });
      await expectBalance(4300, 0);
      expect((await store.ledger.entries(alice, 1))[0]).toMatchObject({
        kind: 'settle',
        amountMicros: 300,
        jobId: job.id,
        note: 'reserved 1000, cost 700, charged 700',
        createdAt: clock.now(),
      });
    });

    it('keeps a finishedAt given in the patch and stores the rest of the patch', async () => {
      const job = await reserved(1000, 5000);
      const outputs = [
        {
          id: 'a1',
          key: 'jobs/a1.png',
          mediaType: 'image/png',
          bytes: 10,
          sha256: 'ab',
          role: 'primary' as const,
        },
      ];
      const done = await store.finishJob(
        job.id,
        ['queued'],
        { state: 'succeeded', finishedAt: 5, outputs },
        1000,
      );
      expect(done).toMatchObject({ finishedAt: 5, outputs, chargedMicros: 1000 });
      expect(await store.jobs.get(job.id)).toEqual(done);
      await expectBalance(4000, 0);
    });

    it('charge 0 refunds everything', async () => {
      const job = await reserved(1000, 5000);
      const error = { code: 'TIMEOUT' as const, message: 'too slow', retryable: true };
      expect(await store.finishJob(job.id, ['queued'], { state: 'timed_out', error }, 0)).toMatchObject({
        state: 'timed_out',
        chargedMicros: 0,
        error,
      });
      await expectBalance(5000, 0);
      expect((await store.ledger.entries(alice, 1))[0]).toMatchObject({ kind: 'refund', amountMicros: 1000 });
    });

    it('takes a cost above the reservation from the balance', async () => {
      const job = await reserved(1000, 5000);
      expect((await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 1500))?.chargedMicros).toBe(
        1500,
      );
      await expectBalance(3500, 0);
      expect((await store.ledger.entries(alice, 1))[0]).toMatchObject({ kind: 'settle', amountMicros: -500 });
    });

    it('never takes the balance below zero, and records what was really charged', async () => {
      const job = await reserved(1000, 1200);
      expect((await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 5000))?.chargedMicros).toBe(
        1200,
      );
      await expectBalance(0, 0);
      expect((await store.ledger.entries(alice, 1))[0]).toMatchObject({
        kind: 'settle',
        amountMicros: -200,
        note: 'reserved 1000, cost 5000, charged 1200; 3800 not covered by the balance',
      });
    });

    it('leaves other reservations of the account alone', async () => {
      const first = await reserved(1000, 3000);
      await store.createJobWithReservation({ job: makeJob({ reservedMicros: 2000 }), now: 1 });
      expect((await store.finishJob(first.id, ['queued'], { state: 'succeeded' }, 9999))?.chargedMicros).toBe(
        1000,
      );
      await expectBalance(0, 2000);
    });

    it('settles once: a second finish returns undefined and changes nothing', async () => {
      const job = await reserved(1000, 5000);
      const done = await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 600);
      const rows = await inspect(harness, database);
      expect(await store.finishJob(job.id, ['queued', 'running'], { state: 'failed' }, 0)).toBeUndefined();
      expect(await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 600)).toBeUndefined();
      await expectBalance(4400, 0);
      expect(await store.jobs.get(job.id)).toEqual(done);
      expect(await inspect(harness, database)).toMatchObject({ jobs: rows.jobs, entries: rows.entries });
    });

    it('never moves a finished job, even for a caller that expects its terminal state', async () => {
      const job = await reserved(1000, 5000);
      await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 600);
      expect(await store.finishJob(job.id, ['succeeded'], { state: 'failed' }, 0)).toBeUndefined();
      expect(await store.jobs.update(job.id, ['succeeded'], { state: 'queued' })).toBeUndefined();
      await expectBalance(4400, 0);
      expect((await store.jobs.get(job.id))?.state).toBe('succeeded');
    });

    it('racing finishes settle exactly once, on one or two stores', async () => {
      const other = await harness.open({ database, clock });
      const job = await reserved(1000, 5000);
      const results = await Promise.all([
        store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 800),
        other.finishJob(job.id, ['queued'], { state: 'failed' }, 0),
        store.finishJob(job.id, ['queued'], { state: 'cancelled' }, 0),
        other.finishJob(job.id, ['queued'], { state: 'succeeded' }, 1000),
      ]);
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      await expectBalance(5000 - (winners[0]?.chargedMicros ?? 0), 0);
      expect((await inspect(harness, database)).entries).toBe(3);
    });

    it('charges a free job from the balance when it turns out to cost something', async () => {
      await store.ledger.grant(alice, 300);
      const job = await store.createJobWithReservation({ job: makeJob({ reservedMicros: 0 }), now: 1 });
      expect((await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 500))?.chargedMicros).toBe(
        300,
      );
      await expectBalance(0, 0);
      const free = await store.createJobWithReservation({
        job: makeJob({ reservedMicros: 0, payer: guild }),
        now: 1,
      });
      expect((await store.finishJob(free.id, ['queued'], { state: 'succeeded' }, 500))?.chargedMicros).toBe(
        0,
      );
      expect(await store.ledger.balance(guild)).toMatchObject({ availableMicros: 0, reservedMicros: 0 });
    });

    it('refuses bad input before writing anything', async () => {
      const job = await reserved(1000, 5000);
      expect(await errorCode(store.finishJob(job.id, ['queued'], { state: 'running' }, 0))).toBe(
        'INVALID_INPUT',
      );
      expect(await errorCode(store.finishJob(job.id, ['queued'], {}, 0))).toBe('INVALID_INPUT');
      expect(await errorCode(store.finishJob(job.id, ['queued'], { state: 'failed' }, -1))).toBe(
        'INVALID_INPUT',
      );
      expect(await errorCode(store.finishJob(job.id, ['queued'], { state: 'failed' }, 1.5))).toBe(
        'INVALID_INPUT',
      );
      expect(
        await errorCode(store.finishJob(job.id, ['queued'], { state: 'failed', chargedMicros: 0 }, 0)),
      ).toBe('INVALID_INPUT');
      expect(await store.finishJob(job.id, [], { state: 'failed' }, 0)).toBeUndefined();
      expect(await store.finishJob('missing', ['queued'], { state: 'failed' }, 0)).toBeUndefined();
      await expectBalance(4000, 1000);
      expect((await store.jobs.get(job.id))?.state).toBe('queued');
    });
  });
}
