import { GenHubError, type Store } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { alice, caught, errorCode, guild, inspect, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** createJobWithReservation: the cases every store must pass. */
export function reservationCases(harness: StoreHarness): void {
  const PRICE = 1234;

  /** Runs all reservations at once; returns how many succeeded and how many failed INSUFFICIENT_FUNDS. */
  async function race(stores: Store[], perStore: number) {
    // Interleaved (a, b, a, b ...) so the stores contend for the write lock.
    const attempts = Array.from({ length: perStore }, () =>
      stores.map((store) =>
        store.createJobWithReservation({ job: makeJob({ reservedMicros: PRICE }), now: 1 }),
      ),
    ).flat();
    const settled = await Promise.allSettled(attempts);
    const refused = settled.filter(
      (r) =>
        r.status === 'rejected' && GenHubError.isInstance(r.reason) && r.reason.code === 'INSUFFICIENT_FUNDS',
    );
    return { ok: settled.filter((r) => r.status === 'fulfilled').length, refused: refused.length };
  }

  describe('createJobWithReservation', () => {
    it('holds the price and writes the job and a reserve entry together', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      await store.ledger.grant(guild, 5000);
      const job = makeJob({ payer: guild, communityId: 'guild-1', reservedMicros: 3000 });
      expect(await store.createJobWithReservation({ job, now: 42 })).toEqual(job);
      expect(await store.ledger.balance(guild)).toMatchObject({
        availableMicros: 2000,
        reservedMicros: 3000,
      });
      expect((await store.ledger.entries(guild))[0]).toMatchObject({
        kind: 'reserve',
        amountMicros: -3000,
        jobId: job.id,
        createdAt: 42,
      });
      expect(await inspect(harness, database)).toMatchObject({ jobs: 1, accounts: 1, entries: 2 });
    });

    it('writes nothing when the balance does not cover the price', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      await store.ledger.grant(alice, 999);
      const job = makeJob({ reservedMicros: 1000 });
      const error = await caught(store.createJobWithReservation({ job, now: 1 }));
      expect(error.code).toBe('INSUFFICIENT_FUNDS');
      expect(error.details).toMatchObject({ reason: 'balance', availableMicros: 999, priceMicros: 1000 });
      expect(
        await errorCode(store.createJobWithReservation({ job: makeJob({ payer: guild }), now: 1 })),
      ).toBe('INSUFFICIENT_FUNDS');
      expect(await store.jobs.get(job.id)).toBeUndefined();
      expect(await inspect(harness, database)).toMatchObject({ jobs: 0, accounts: 1, entries: 1 });
      expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 999, reservedMicros: 0 });
    });

    it('allows a free job with no balance at all, touching no account', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      const job = makeJob({ reservedMicros: 0 });
      await store.createJobWithReservation({ job, now: 1 });
      expect(await inspect(harness, database)).toMatchObject({ jobs: 1, accounts: 0, entries: 0 });
      expect((await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, 0))?.chargedMicros).toBe(0);
      expect(await inspect(harness, database)).toMatchObject({ jobs: 1, accounts: 0, entries: 0 });
    });

    it('refuses a job id that exists, so a retried call cannot reserve twice', async () => {
      const store = await harness.open();
      await store.ledger.grant(alice, 10_000);
      const job = makeJob();
      await store.createJobWithReservation({ job, now: 1 });
      const error = await caught(store.createJobWithReservation({ job, now: 1 }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.details).toMatchObject({ reason: 'duplicate-job' });
      expect(await store.ledger.balance(alice)).toMatchObject({
        availableMicros: 9000,
        reservedMicros: 1000,
      });
    });

    it('refuses malformed jobs', async () => {
      const store = await harness.open();
      await store.ledger.grant(alice, 10_000);
      for (const bad of [
        { reservedMicros: -1 },
        { reservedMicros: 0.5 },
        { state: 'succeeded' as const },
        { chargedMicros: 1 },
      ]) {
        expect(await errorCode(store.createJobWithReservation({ job: makeJob(bad), now: 1 }))).toBe(
          'INVALID_INPUT',
        );
      }
      expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 10_000 });
    });

    it('100 concurrent reservations against a balance for 10: exactly 10 jobs, 90 refusals', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      await store.ledger.grant(alice, 10 * PRICE);
      expect(await race([store], 100)).toEqual({ ok: 10, refused: 90 });
      expect(await store.ledger.balance(alice)).toMatchObject({
        availableMicros: 0,
        reservedMicros: 10 * PRICE,
      });
      const rows = await inspect(harness, database);
      expect(rows).toMatchObject({ jobs: 10, accounts: 1, entries: 11 });
      expect(rows.entrySum(alice)).toBe(0);
    });

    it('two stores on one database (as two processes), racing 50 each: still exactly 10', async () => {
      const database = await harness.createDatabase();
      const a = await harness.open({ database });
      const b = await harness.open({ database });
      await a.ledger.grant(alice, 10 * PRICE);
      expect(await race([a, b], 50)).toEqual({ ok: 10, refused: 90 });
      expect(await b.ledger.balance(alice)).toMatchObject({ availableMicros: 0, reservedMicros: 10 * PRICE });
      const rows = await inspect(harness, database);
      expect(rows).toMatchObject({ jobs: 10, accounts: 1, entries: 11 });
      expect(rows.entrySum(alice)).toBe(0);
    });
  });
}
