import type { Store } from '@genhub/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

/** RecordStore: the cases every store must pass. */
export function recordStoreCases(harness: StoreHarness): void {
  let store: Store;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2025-03-10T12:00:00Z'));
    store = await harness.open({ clock });
  });

  describe('RecordStore', () => {
    it('puts, replaces, reads and deletes a record per namespace', async () => {
      expect(await store.records.get('settings', 'u1')).toBeUndefined();
      await store.records.put('settings', 'u1', { model: 'a' });
      await store.records.put('other', 'u1', 7);
      await store.records.put('settings', 'u1', { model: 'b', quality: ['hd'] });
      expect(await store.records.get('settings', 'u1')).toEqual({ model: 'b', quality: ['hd'] });
      expect(await store.records.get('other', 'u1')).toBe(7);
      await store.records.delete('settings', 'u1');
      expect(await store.records.get('settings', 'u1')).toBeUndefined();
      expect(await store.records.get('other', 'u1')).toBe(7);
    });

    it('reads an expired record as absent', async () => {
      await store.records.put('pending', 'p1', { price: 1 }, { ttlMs: 1000 });
      clock.advance(999);
      expect(await store.records.get('pending', 'p1')).toEqual({ price: 1 });
      clock.advance(1);
      expect(await store.records.get('pending', 'p1')).toBeUndefined();
      expect(await store.records.take('pending', 'p1')).toBeUndefined();
    });

    it('gives a record to exactly one of several concurrent takers', async () => {
      await store.records.put('pending', 'p2', 'once');
      const taken = await Promise.all(Array.from({ length: 8 }, () => store.records.take('pending', 'p2')));
      expect(taken.filter((value) => value === 'once')).toHaveLength(1);
      expect(await store.records.get('pending', 'p2')).toBeUndefined();
    });

    it('survives reopening the database', async () => {
      const database = await harness.createDatabase();
      const first = await harness.open({ database, clock });
      await first.records.put('settings', 'keep', { delivery: 'dm' });
      await first.close();
      const reopened = await harness.open({ database, clock });
      expect(await reopened.records.get('settings', 'keep')).toEqual({ delivery: 'dm' });
    });

    it('refuses a record too large to be small', async () => {
      await expect(store.records.put('settings', 'big', 'x'.repeat(70_000))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await store.records.put('pending', 'big', 'x'.repeat(70_000), { maxChars: 80_000 });
      expect(await store.records.get('pending', 'big')).toHaveLength(70_000);
    });

    describe('claimOnce', () => {
      it('gives a key to its first claimant only, per namespace', async () => {
        expect(await store.records.claimOnce('update', '7', 60_000)).toBe(true);
        expect(await store.records.claimOnce('update', '7', 60_000)).toBe(false);
        expect(await store.records.claimOnce('update', '8', 60_000)).toBe(true);
        expect(await store.records.claimOnce('interaction', '7', 60_000)).toBe(true);
      });

      it('gives a key to exactly one of several stores (processes) claiming it at once', async () => {
        const database = await harness.createDatabase();
        const stores = [await harness.open({ database, clock }), await harness.open({ database, clock })];
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, index) =>
            stores[index % 2]!.records.claimOnce('update', '9', 60_000),
          ),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('holds across reopening the database', async () => {
        const database = await harness.createDatabase();
        const first = await harness.open({ database, clock });
        expect(await first.records.claimOnce('update', '10', 60_000)).toBe(true);
        await first.close();
        const reopened = await harness.open({ database, clock });
        expect(await reopened.records.claimOnce('update', '10', 60_000)).toBe(false);
      });

      it('lets an expired claim go: the key can be claimed again and old claims leave the table', async () => {
        const database = await harness.createDatabase();
        const own = await harness.open({ database, clock });
        for (let id = 0; id < 5; id += 1) await own.records.claimOnce('update', `old-${id}`, 1000);
        clock.advance(999);
        expect(await own.records.claimOnce('update', 'old-0', 1000)).toBe(false);
        clock.advance(1);
        expect(await own.records.claimOnce('update', 'old-0', 1000)).toBe(true);
        await own.close();
        const keys = await harness.sql(database, 'select key from records order by key');
        expect(keys.map((row) => row.key)).toEqual(['old-0']);
      });

      it('does not take a key held by a record without expiry, and refuses a claim without a duration', async () => {
        await store.records.put('update', 'kept', 1);
        expect(await store.records.claimOnce('update', 'kept', 1000)).toBe(false);
        expect(await store.records.get('update', 'kept')).toBe(1);
        await expect(store.records.claimOnce('update', 'x', 0)).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        });
      });
    });
  });
}
