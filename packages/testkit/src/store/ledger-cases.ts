import type { Store } from '@genhub/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { alice, caught, errorCode, guild, ManualClock, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** Ledger: the cases every store must pass. */
export function ledgerCases(harness: StoreHarness): void {
  let store: Store;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2025-03-10T12:00:00Z'));
    store = await harness.open({ clock });
  });

  describe('Ledger', () => {
    it('reports zero for an account never credited', async () => {
      expect(await store.ledger.balance(guild)).toEqual({
        account: guild,
        availableMicros: 0,
        reservedMicros: 0,
      });
      expect(await store.ledger.entries(guild)).toEqual([]);
    });

    it('grants create the account and add up; entries come newest first', async () => {
      expect(await store.ledger.grant(alice, 3000, 'welcome')).toEqual({
        account: alice,
        availableMicros: 3000,
        reservedMicros: 0,
      });
      clock.advance(1);
      expect((await store.ledger.grant(alice, 2000)).availableMicros).toBe(5000);
      const entries = await store.ledger.entries(alice);
      expect(entries).toMatchObject([
        {
          kind: 'grant',
          amountMicros: 2000,
          note: null,
          jobId: null,
          createdAt: clock.now(),
          account: alice,
        },
        { kind: 'grant', amountMicros: 3000, note: 'welcome', createdAt: clock.now() - 1 },
      ]);
      expect(entries[0]!.id).toBeGreaterThan(entries[1]!.id);
      expect(await store.ledger.entries(alice, 1)).toHaveLength(1);
    });

    it('negative grants take only what is available, never reserved money', async () => {
      await store.ledger.grant(alice, 5000);
      await store.createJobWithReservation({ job: makeJob({ reservedMicros: 3000 }), now: clock.now() });
      expect((await store.ledger.grant(alice, -1500, 'correction')).availableMicros).toBe(500);
      const error = await caught(store.ledger.grant(alice, -501));
      expect(error.code).toBe('INSUFFICIENT_FUNDS');
      expect(error.details).toMatchObject({ reason: 'balance', availableMicros: 500, amountMicros: -501 });
      expect(await errorCode(store.ledger.grant(guild, -1))).toBe('INSUFFICIENT_FUNDS');
      expect((await store.ledger.grant(alice, -500)).availableMicros).toBe(0);
      expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 0, reservedMicros: 3000 });
      expect(await store.ledger.entries(alice)).toHaveLength(4);
    });

    it('refuses zero, fractional and malformed grants', async () => {
      expect(await errorCode(store.ledger.grant(alice, 0))).toBe('INVALID_INPUT');
      expect(await errorCode(store.ledger.grant(alice, 1.5))).toBe('INVALID_INPUT');
      expect(await errorCode(store.ledger.grant(alice, Number.NaN))).toBe('INVALID_INPUT');
      expect(await errorCode(store.ledger.grant({ kind: 'robot' as 'user', id: 'x' }, 1))).toBe(
        'INVALID_INPUT',
      );
      expect(await store.ledger.entries(alice)).toEqual([]);
    });
  });

  describe('daily budget', () => {
    const budget = { limitMicros: 2500, resetHourUtc: 6 };

    it('counts reservations and charges since the reset hour, refused past the limit, full again after reset', async () => {
      await store.ledger.grant(alice, 1_000_000);
      await store.ledger.grant(guild, 1_000_000);
      const reserve = (price: number, payer = alice) =>
        store.createJobWithReservation({
          job: makeJob({ reservedMicros: price, createdAt: clock.now(), payer }),
          dailyBudget: budget,
          now: clock.now(),
        });

      // 05:00, before the reset: yesterday's budget day.
      clock.time = Date.parse('2025-03-10T05:00:00Z');
      await reserve(2000);
      clock.time = Date.parse('2025-03-10T07:00:00Z');
      expect(await store.ledger.spentToday('alice', budget, clock.now())).toBe(0);

      const first = await reserve(1000);
      const second = await reserve(1000, guild); // a community-paid job counts against its user too
      expect(await store.ledger.spentToday('alice', budget, clock.now())).toBe(2000);

      const error = await caught(reserve(600));
      expect(error.code).toBe('INSUFFICIENT_FUNDS');
      expect(error.details).toEqual({
        reason: 'daily-budget',
        limitMicros: 2500,
        spentMicros: 2000,
        priceMicros: 600,
        resetsAt: Date.parse('2025-03-11T06:00:00Z'),
      });

      // A refund gives the budget back; a settle counts what was charged.
      await store.finishJob(first.id, ['queued'], { state: 'failed' }, 0);
      await store.finishJob(second.id, ['queued'], { state: 'succeeded' }, 400);
      expect(await store.ledger.spentToday('alice', budget, clock.now())).toBe(400);
      await reserve(2100);
      expect(await errorCode(reserve(1))).toBe('INSUFFICIENT_FUNDS');
      expect(await store.ledger.spentToday('bob', budget, clock.now())).toBe(0);

      // 05:59:59 next day: still today; 06:00: a new day.
      clock.time = Date.parse('2025-03-11T05:59:59.999Z');
      expect(await errorCode(reserve(1))).toBe('INSUFFICIENT_FUNDS');
      clock.time = Date.parse('2025-03-11T06:00:00Z');
      expect(await store.ledger.spentToday('alice', budget, clock.now())).toBe(0);
      await reserve(2500);
    });

    it('refuses a malformed budget before writing anything', async () => {
      await store.ledger.grant(alice, 1000);
      const job = makeJob();
      expect(
        await errorCode(
          store.createJobWithReservation({
            job,
            now: clock.now(),
            dailyBudget: { limitMicros: 10, resetHourUtc: 25 },
          }),
        ),
      ).toBe('INVALID_INPUT');
      expect(await store.jobs.get(job.id)).toBeUndefined();
    });
  });
}
