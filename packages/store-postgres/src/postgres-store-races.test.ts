import { type AccountRef, GenHubError, type JobRecord, type Store } from '@genhub/core';
import { testServiceUrl } from '@genhub/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresStoreHarness } from './__fixtures__/postgres-harness.js';

const url = testServiceUrl('postgres');

// Races that only a store whose transactions overlap can lose: PostgreSQL at READ COMMITTED, where
// the daily budget rests on the advisory lock and a duplicate job on the primary key.
const PRICE = 1000;
const NOW = Date.parse('2025-03-10T12:00:00Z');
const alice: AccountRef = { kind: 'user', id: 'alice' };
const guild: AccountRef = { kind: 'community', id: 'guild-1' };

let sequence = 0;
/** A queued job of alice's, paid by `payer`. */
function newJob(payer: AccountRef): JobRecord {
  sequence += 1;
  return {
    id: `race-${process.pid}-${sequence}`,
    userId: 'alice',
    communityId: payer.kind === 'community' ? payer.id : null,
    payer,
    requestedModel: 'fake/model',
    route: ['fake/model'],
    routeIndex: 0,
    task: 'text-to-image',
    params: { prompt: 'a cat', size: { width: 512, height: 512 }, seed: null },
    warnings: [],
    state: 'queued',
    idempotencyKey: `race-key-${sequence}`,
    remoteRef: null,
    progress: null,
    reservedMicros: PRICE,
    chargedMicros: null,
    outputs: [],
    error: null,
    origin: { chat: 'c1', message: 'm1' },
    createdAt: NOW,
    updatedAt: NOW,
    submittedAt: null,
    finishedAt: null,
    deadlineAt: NOW + 600_000,
  };
}

/** The rejections' `details.reason`s and how many calls succeeded. */
async function outcomes(attempts: Promise<unknown>[]) {
  const settled = await Promise.allSettled(attempts);
  const reasons = settled.flatMap((result) =>
    result.status === 'rejected'
      ? [GenHubError.isInstance(result.reason) ? String(result.reason.details.reason) : 'other']
      : [],
  );
  return { ok: settled.length - reasons.length, reasons };
}

describe.runIf(url)('PostgreSQL store under racing writers', () => {
  const harness = postgresStoreHarness(url ?? '');
  afterAll(() => harness.cleanup());

  async function twoStores(): Promise<[Store, Store]> {
    const database = await harness.createDatabase();
    return [await harness.open({ database }), await harness.open({ database })];
  }

  it('keeps a user within the daily budget when jobs paid from two accounts race on two stores', async () => {
    const [a, b] = await twoStores();
    await a.ledger.grant(alice, 100 * PRICE);
    await a.ledger.grant(guild, 100 * PRICE);
    const budget = { limitMicros: 10 * PRICE, resetHourUtc: 0 };

    // No row lock orders these: half are held on alice's account, half on the community's.
    const result = await outcomes(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).createJobWithReservation({
          job: newJob(i % 4 < 2 ? alice : guild),
          dailyBudget: budget,
          now: NOW,
        }),
      ),
    );

    expect(result.ok).toBe(10);
    expect(result.reasons).toEqual(Array.from({ length: 30 }, () => 'daily-budget'));
    expect(await b.ledger.spentToday('alice', budget, NOW)).toBe(10 * PRICE);
    const held =
      (await b.ledger.balance(alice)).reservedMicros + (await b.ledger.balance(guild)).reservedMicros;
    expect(held).toBe(10 * PRICE);
  }, 120_000);

  it('reserves a job once when the same job is created on two stores at once', async () => {
    const [a, b] = await twoStores();
    await a.ledger.grant(alice, 100 * PRICE);
    const job = newJob(alice);

    const result = await outcomes(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).createJobWithReservation({ job, now: NOW })),
    );

    expect(result).toEqual({ ok: 1, reasons: Array.from({ length: 9 }, () => 'duplicate-job') });
    expect(await b.ledger.balance(alice)).toMatchObject({
      availableMicros: 99 * PRICE,
      reservedMicros: PRICE,
    });
    expect((await b.ledger.entries(alice)).map((entry) => entry.kind)).toEqual(['reserve', 'grant']);
  }, 120_000);
});
