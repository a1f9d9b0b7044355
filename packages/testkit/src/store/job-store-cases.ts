import type { JobRecord, Store } from '@genhub/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { alice, errorCode, ManualClock, makeJob } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** JobStore: the cases every store must pass. */
export function jobStoreCases(harness: StoreHarness): void {
  let store: Store;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    store = await harness.open({ clock });
    await store.ledger.grant(alice, 1_000_000);
  });

  const create = (overrides: Partial<JobRecord> = {}) =>
    store.createJobWithReservation({ job: makeJob(overrides), now: overrides.createdAt ?? clock.now() });

  describe('JobStore', () => {
    it('round-trips every field of a job', async () => {
      const job = makeJob({
        communityId: 'guild-1',
        warnings: [{ type: 'adjusted', param: 'steps', from: 70, to: 50, reason: 'max' }],
        remoteRef: { id: 'r1', data: { region: 'eu' } },
        progress: { percent: 40, etaSeconds: 12 },
        error: { code: 'TIMEOUT', message: 'slow', retryable: true },
        submittedAt: 5,
      });
      await store.createJobWithReservation({ job, now: 1 });
      expect(await store.jobs.get(job.id)).toEqual(job);
      expect(await store.jobs.get('missing')).toBeUndefined();
    });

    it('updates by compare-and-set on the state, stamping updatedAt from the clock', async () => {
      const job = await create();
      clock.advance(500);
      const moved = await store.jobs.update(job.id, ['queued'], {
        state: 'submitting',
        remoteRef: { id: 'remote-1' },
        progress: { percent: 0 },
      });
      expect(moved).toEqual({
        ...job,
        state: 'submitting',
        remoteRef: { id: 'remote-1' },
        progress: { percent: 0 },
        updatedAt: clock.now(),
      });
      // A second worker that still believes the job is queued loses, and changes nothing.
      expect(
        await store.jobs.update(job.id, ['queued'], { state: 'submitting', routeIndex: 1 }),
      ).toBeUndefined();
      expect(await store.jobs.get(job.id)).toEqual(moved);
      expect(await store.jobs.update(job.id, [], { progress: null })).toBeUndefined();
      expect(await store.jobs.update('missing', ['queued'], { progress: null })).toBeUndefined();
      // Null clears a nullable JSON field.
      expect((await store.jobs.update(job.id, ['submitting'], { remoteRef: null }))?.remoteRef).toBeNull();
    });

    it('fences off a run whose job another run claimed: its writes and its settlement match nothing', async () => {
      const job = await create();
      expect(await store.jobs.claim(job.id, 'run-1')).toEqual(job);
      expect(
        await store.jobs.update(job.id, ['queued'], { state: 'submitting' }, { owner: 'run-1' }),
      ).toMatchObject({ state: 'submitting' });
      // Run 1 stalls; run 2 takes the job over.
      await store.jobs.claim(job.id, 'run-2');
      expect(
        await store.jobs.update(job.id, ['submitting'], { state: 'running' }, { owner: 'run-1' }),
      ).toBeUndefined();
      expect(
        await store.finishJob(job.id, ['submitting'], { state: 'succeeded' }, 700, { owner: 'run-1' }),
      ).toBeUndefined();
      expect(await store.jobs.get(job.id)).toMatchObject({ state: 'submitting', chargedMicros: null });
      expect(await store.ledger.balance(alice)).toMatchObject({ reservedMicros: job.reservedMicros });
      // Run 2 writes, and settles once.
      const done = await store.finishJob(job.id, ['submitting'], { state: 'succeeded' }, 700, {
        owner: 'run-2',
      });
      expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 700 });
      expect(await store.ledger.balance(alice)).toMatchObject({ reservedMicros: 0 });
      // A finished job is not claimed again; a missing one is not there.
      expect(await store.jobs.claim(job.id, 'run-3')).toEqual(done);
      expect(await store.jobs.claim('missing', 'run-3')).toBeUndefined();
    });

    it('only one of many racing updates wins', async () => {
      const job = await create();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.jobs.update(job.id, ['queued'], { state: 'submitting', routeIndex: i }),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('refuses patches that would bypass the ledger', async () => {
      const job = await create();
      expect(await errorCode(store.jobs.update(job.id, ['queued'], { state: 'succeeded' }))).toBe(
        'INVALID_INPUT',
      );
      expect(await errorCode(store.jobs.update(job.id, ['queued'], { reservedMicros: 0 }))).toBe(
        'INVALID_INPUT',
      );
      expect(await errorCode(store.jobs.update(job.id, ['queued'], { chargedMicros: 5 }))).toBe(
        'INVALID_INPUT',
      );
      expect(
        await errorCode(store.jobs.update(job.id, ['queued'], { payer: { kind: 'user', id: 'bob' } })),
      ).toBe('INVALID_INPUT');
      expect((await store.jobs.get(job.id))?.state).toBe('queued');
    });

    it('lists by state oldest first and counts a user’s active jobs', async () => {
      const c = await create({ createdAt: 300 });
      const a = await create({ createdAt: 100 });
      const b = await create({ createdAt: 200, state: 'running' });
      const other = await create({ createdAt: 50, userId: 'bob' });
      await store.finishJob(c.id, ['queued'], { state: 'failed' }, 0);

      expect((await store.jobs.listByState(['queued', 'running'])).map((j) => j.id)).toEqual([
        other.id,
        a.id,
        b.id,
      ]);
      expect((await store.jobs.listByState(['failed'])).map((j) => j.id)).toEqual([c.id]);
      expect(await store.jobs.listByState([])).toEqual([]);
      expect(await store.jobs.countActive('alice')).toBe(2);
      expect(await store.jobs.countActive('bob')).toBe(1);
      expect(await store.jobs.countActive('nobody')).toBe(0);
    });

    it('pages usage newest first with filters and stable cursors', async () => {
      const jobs: JobRecord[] = [];
      for (let i = 0; i < 25; i++) {
        // Pairs share a creation instant, so the id has to break ties.
        jobs.push(
          await create({
            createdAt: 1_000 + Math.floor(i / 2),
            userId: i % 5 === 0 ? 'bob' : 'alice',
            communityId: i % 2 === 0 ? 'guild-1' : null,
            task: i % 3 === 0 ? 'text-to-video' : 'text-to-image',
          }),
        );
      }
      const newestFirst = [...jobs].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1));

      const readAll = async (query: Parameters<Store['jobs']['usage']>[0]) => {
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const page = await store.jobs.usage({ ...query, cursor });
          pages.push(page.items.map((j) => j.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        return pages;
      };

      const pages = await readAll({});
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(newestFirst.map((j) => j.id));

      expect((await readAll({ limit: 7 })).map((p) => p.length)).toEqual([7, 7, 7, 4]);
      expect((await store.jobs.usage({ limit: 1000 })).items).toHaveLength(25);
      expect((await store.jobs.usage({ limit: 0 })).items).toHaveLength(1);

      const filters = [
        { userId: 'bob' },
        { communityId: 'guild-1' },
        { task: 'text-to-video' as const },
        { userId: 'alice', task: 'text-to-image' as const, limit: 3 },
      ];
      for (const filter of filters) {
        const expected = newestFirst
          .filter(
            (j) =>
              (filter.userId === undefined || j.userId === filter.userId) &&
              (!('communityId' in filter) || j.communityId === filter.communityId) &&
              (filter.task === undefined || j.task === filter.task),
          )
          .map((j) => j.id);
        expect((await readAll(filter)).flat()).toEqual(expected);
      }

      // A cursor stays valid while newer jobs arrive: the next page continues where the first ended.
      const first = await store.jobs.usage({ limit: 10 });
      await create({ createdAt: 5_000 });
      const second = await store.jobs.usage({ limit: 10, cursor: first.nextCursor });
      expect(second.items.map((j) => j.id)).toEqual(newestFirst.slice(10, 20).map((j) => j.id));

      expect(await errorCode(store.jobs.usage({ cursor: 'not-a-cursor' }))).toBe('INVALID_INPUT');
    });
  });
}
