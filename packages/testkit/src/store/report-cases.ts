import type { Store } from '@genhub/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { alice, guild, ManualClock, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

const DAY = 86_400_000;

/** Reports: the operator's read-only views (jobs by filter, spend per day, balances). */
export function reportCases(harness: StoreHarness): void {
  let store: Store;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2025-03-10T12:00:00Z'));
    store = await harness.open({ clock });
  });

  describe('Reports', () => {
    it('lists jobs newest first, filtered by provider and state, page by page', async () => {
      await store.ledger.grant(alice, 10_000);
      const at = clock.now();
      const jobs = [
        makeJob({ createdAt: at - 3000, requestedModel: 'fake/model' }),
        makeJob({ createdAt: at - 2000, requestedModel: 'other/model', route: ['other/model'] }),
        makeJob({ createdAt: at - 1000, requestedModel: 'fake/model', task: 'text-to-video' }),
      ];
      for (const job of jobs) await store.createJobWithReservation({ job, now: at });
      await store.finishJob(jobs[0]!.id, ['queued'], { state: 'succeeded' }, 800);

      const all = await store.reports.jobs({});
      expect(all.items.map((job) => job.id)).toEqual([jobs[2]!.id, jobs[1]!.id, jobs[0]!.id]);
      expect((await store.reports.jobs({ provider: 'fake' })).items.map((job) => job.id)).toEqual([
        jobs[2]!.id,
        jobs[0]!.id,
      ]);
      expect((await store.reports.jobs({ provider: 'fak' })).items).toEqual([]);
      expect((await store.reports.jobs({ state: 'succeeded' })).items.map((job) => job.id)).toEqual([
        jobs[0]!.id,
      ]);
      expect((await store.reports.jobs({ task: 'text-to-video', userId: 'alice' })).items).toHaveLength(1);

      const first = await store.reports.jobs({ limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await store.reports.jobs({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((job) => job.id)).toEqual([jobs[0]!.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('sums spend per UTC day from the ledger: charges, holds in flight, refunds as nothing', async () => {
      await store.ledger.grant(alice, 10_000);
      await store.ledger.grant(guild, 10_000);
      const charged = makeJob({ reservedMicros: 1000 });
      await store.createJobWithReservation({ job: charged, now: clock.now() });
      await store.finishJob(charged.id, ['queued'], { state: 'succeeded' }, 700);
      const refunded = makeJob({ reservedMicros: 500 });
      await store.createJobWithReservation({ job: refunded, now: clock.now() });
      await store.finishJob(refunded.id, ['queued'], { state: 'failed' }, 0);
      clock.advance(DAY);
      const running = makeJob({
        reservedMicros: 300,
        payer: guild,
        communityId: 'guild-1',
        task: 'text-to-video',
      });
      await store.createJobWithReservation({ job: running, now: clock.now() });

      expect(await store.reports.spendByDay(clock.now() - 2 * DAY)).toEqual([
        { day: '2025-03-10', task: 'text-to-image', model: 'fake/model', communityId: null, micros: 700 },
        {
          day: '2025-03-11',
          task: 'text-to-video',
          model: 'fake/model',
          communityId: 'guild-1',
          micros: 300,
        },
      ]);
      expect(await store.reports.spendByDay(clock.now())).toHaveLength(1);
      expect((await store.reports.jobEntries(charged.id)).map((entry) => entry.kind)).toEqual([
        'reserve',
        'settle',
      ]);
    });

    it('lists accounts with money, the largest first', async () => {
      await store.ledger.grant(alice, 2000);
      await store.ledger.grant(guild, 5000);
      await store.ledger.grant({ kind: 'user', id: 'bob' }, 100);
      await store.ledger.grant({ kind: 'user', id: 'bob' }, -100);
      expect(await store.reports.balances()).toEqual([
        { account: guild, availableMicros: 5000, reservedMicros: 0 },
        { account: alice, availableMicros: 2000, reservedMicros: 0 },
      ]);
    });
  });
}
