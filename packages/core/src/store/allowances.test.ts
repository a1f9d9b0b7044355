import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { alice, guild, ManualClock, makeJob, TempStores } from './__fixtures__/store-fixtures.js';
import { ALLOWANCE_NOTES, type AllowanceRequest } from './allowances.js';
import { DAY_MS } from './budget-day.js';
import type { Store } from './ledger.js';

const temps = new TempStores();
afterAll(() => temps.cleanup());

let store: Store;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-12-01T09:00:00Z'));
  store = await temps.open({ clock });
});

const due = (overrides: Partial<AllowanceRequest> = {}): AllowanceRequest => ({
  userId: 'alice',
  welcomeMicros: 0,
  dailyFreeMicros: 0,
  resetHourUtc: 0,
  now: clock.now(),
  ...overrides,
});

/** A job alice pays for, created now and finished with `chargeMicros`. */
async function spend(chargeMicros: number, payer = alice): Promise<void> {
  const job = await store.createJobWithReservation({
    job: makeJob({ reservedMicros: chargeMicros, payer, createdAt: clock.now() }),
    now: clock.now(),
  });
  await store.finishJob(job.id, ['queued'], { state: 'succeeded' }, chargeMicros);
}

const available = async () => (await store.ledger.balance(alice)).availableMicros;

describe('free allowances', () => {
  it('credit the welcome once, however many requests race for it, across two connections', async () => {
    const file = await temps.file();
    store = await temps.open({ clock, file });
    const second = await temps.open({ clock, file });
    const grants = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? store : second).ledger.grantAllowances(due({ welcomeMicros: 1_000_000 })),
      ),
    );
    expect(grants.filter((grant) => grant.welcomeMicros > 0)).toHaveLength(1);
    expect(await available()).toBe(1_000_000);
    const entries = await store.ledger.entries(alice);
    expect(entries).toMatchObject([
      { kind: 'grant', amountMicros: 1_000_000, note: ALLOWANCE_NOTES.welcome },
    ]);
    // Later days do not welcome again.
    clock.advance(3 * DAY_MS);
    expect((await store.ledger.grantAllowances(due({ welcomeMicros: 1_000_000 }))).welcomeMicros).toBe(0);
  });

  it('grant the daily allowance once a day, spent before the user’s own credits', async () => {
    await store.ledger.grant(alice, 1_000_000, 'bought');
    const daily = due({ dailyFreeMicros: 500_000 });

    // Day 1: granted once; 0.20 spent, all of it from the free allowance.
    expect((await store.ledger.grantAllowances(daily)).dailyFreeMicros).toBe(500_000);
    expect((await store.ledger.grantAllowances(daily)).dailyFreeMicros).toBe(0);
    await spend(200_000);
    expect(await store.ledger.dailyAllowance('alice', clock.now(), 0)).toEqual({
      grantedMicros: 500_000,
      leftMicros: 300_000,
    });
    expect(await available()).toBe(1_300_000);

    // Day 2: the unspent 0.30 expires, the bought 1.00 stays, a new 0.50 arrives.
    clock.advance(DAY_MS);
    expect(await store.ledger.dailyAllowance('alice', clock.now(), 0)).toEqual({
      grantedMicros: 0,
      leftMicros: 0,
    });
    expect(await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000, now: clock.now() }))).toEqual({
      welcomeMicros: 0,
      dailyFreeMicros: 500_000,
      expiredMicros: 300_000,
    });
    expect(await available()).toBe(1_500_000);

    // 0.80 spent: the free 0.50 first, then 0.30 of the user's own. Day 3 takes nothing back.
    await spend(800_000);
    clock.advance(DAY_MS);
    expect(await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000, now: clock.now() }))).toEqual({
      welcomeMicros: 0,
      dailyFreeMicros: 500_000,
      expiredMicros: 0,
    });
    expect(await available()).toBe(1_200_000);
    const notes = (await store.ledger.entries(alice)).filter((entry) => entry.kind === 'grant');
    expect(notes.map((entry) => [entry.note, entry.amountMicros])).toEqual([
      [ALLOWANCE_NOTES.dailyFree, 500_000],
      [ALLOWANCE_NOTES.dailyFree, 500_000],
      [ALLOWANCE_NOTES.expired, -300_000],
      [ALLOWANCE_NOTES.dailyFree, 500_000],
      ['bought', 1_000_000],
    ]);
  });

  it('do not count what a community paid against the user’s allowance', async () => {
    await store.ledger.grant(guild, 5_000_000);
    await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000 }));
    await spend(400_000, guild);
    expect((await store.ledger.dailyAllowance('alice', clock.now(), 0)).leftMicros).toBe(500_000);
    clock.advance(DAY_MS);
    const next = await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000, now: clock.now() }));
    expect(next.expiredMicros).toBe(500_000);
    expect(await available()).toBe(500_000);
  });

  it('never take back more than is available', async () => {
    await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000 }));
    // Held for a job still running: not available, so not taken back.
    await store.createJobWithReservation({
      job: makeJob({ reservedMicros: 400_000, createdAt: clock.now() - DAY_MS }),
      now: clock.now(),
    });
    clock.advance(DAY_MS);
    const next = await store.ledger.grantAllowances(due({ dailyFreeMicros: 500_000, now: clock.now() }));
    expect(next.expiredMicros).toBe(100_000);
    expect(await store.ledger.balance(alice)).toMatchObject({
      availableMicros: 500_000,
      reservedMicros: 400_000,
    });
  });

  it('refuse amounts that are not whole micro-dollars', async () => {
    await expect(store.ledger.grantAllowances(due({ welcomeMicros: 0.5 }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
