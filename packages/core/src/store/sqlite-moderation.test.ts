import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, TempStores } from './__fixtures__/store-fixtures.js';
import type { Store } from './ledger.js';

const temps = new TempStores();
afterAll(() => temps.cleanup());

let store: Store;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2025-03-10T12:00:00Z'));
  store = await temps.open({ clock });
});

describe('Moderation on SQLite', () => {
  it('records entries stamped by the store clock and lists them newest first, per community', async () => {
    const first = await store.moderation.record({
      actor: 'discord:1',
      action: 'set-blocklist',
      community: 'discord:g1',
      target: null,
      detail: 'added 1 entry',
    });
    expect(first).toMatchObject({ id: expect.any(Number), at: clock.now(), action: 'set-blocklist' });
    clock.advance(1000);
    await store.moderation.record({
      actor: 'operator:cli',
      action: 'grant',
      community: null,
      target: 'discord:2',
      detail: '$5.00',
    });
    clock.advance(1000);
    await store.moderation.record({
      actor: 'telegram:3',
      action: 'report',
      community: 'telegram:-100',
      target: 'job1',
      detail: null,
    });

    const all = await store.moderation.log();
    expect(all.map((entry) => entry.action)).toEqual(['report', 'grant', 'set-blocklist']);
    expect(all[0]?.at).toBe(clock.now());
    expect((await store.moderation.log({ community: 'discord:g1' })).map((e) => e.id)).toEqual([first.id]);
    expect((await store.moderation.log({ community: null })).map((e) => e.action)).toEqual(['grant']);
  });

  it('pages with limit and before', async () => {
    for (let i = 0; i < 5; i++) {
      await store.moderation.record({
        actor: 'a',
        action: `act${i}`,
        community: 'c',
        target: null,
        detail: null,
      });
    }
    const page1 = await store.moderation.log({ community: 'c', limit: 2 });
    expect(page1.map((e) => e.action)).toEqual(['act4', 'act3']);
    const page2 = await store.moderation.log({ community: 'c', limit: 2, before: page1[1]!.id });
    expect(page2.map((e) => e.action)).toEqual(['act2', 'act1']);
  });

  it('blocks a user in one community or everywhere, and records each change', async () => {
    expect(await store.moderation.isBlocked('discord:9', 'discord:g1')).toBe(false);
    await store.moderation.block({
      actor: 'discord:1',
      userId: 'discord:9',
      community: 'discord:g1',
      reason: 'spam',
    });
    await store.moderation.block({ actor: 'discord:1', userId: 'discord:9', community: 'discord:g1' });
    expect(await store.moderation.isBlocked('discord:9', 'discord:g1')).toBe(true);
    expect(await store.moderation.isBlocked('discord:9', 'discord:g2')).toBe(false);
    expect(await store.moderation.isBlocked('discord:9', null)).toBe(false);

    await store.moderation.block({ actor: 'operator:dashboard', userId: 'discord:8', community: null });
    expect(await store.moderation.isBlocked('discord:8', 'discord:g2')).toBe(true);
    expect(await store.moderation.isBlocked('discord:8', null)).toBe(true);

    await store.moderation.unblock({ actor: 'discord:1', userId: 'discord:9', community: 'discord:g1' });
    expect(await store.moderation.isBlocked('discord:9', 'discord:g1')).toBe(false);

    const log = await store.moderation.log({ community: 'discord:g1' });
    expect(log.map((e) => [e.action, e.target, e.detail])).toEqual([
      ['unblock', 'discord:9', null],
      ['block', 'discord:9', null],
      ['block', 'discord:9', 'spam'],
    ]);
  });

  it('refuses an entry without an actor', async () => {
    await expect(
      store.moderation.record({ actor: ' ', action: 'x', community: null, target: null, detail: null }),
    ).rejects.toThrow(/actor/);
  });
});
