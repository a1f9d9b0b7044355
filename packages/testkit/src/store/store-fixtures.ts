import { type AccountRef, type ErrorCode, GenHubError, type JobRecord } from '@genhub/core';
import type { StoreHarness } from './store-harness.js';

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const alice: AccountRef = { kind: 'user', id: 'alice' };
export const guild: AccountRef = { kind: 'community', id: 'guild-1' };

let sequence = 0;

/** A queued job for `alice` (paid by her) with sensible defaults and a unique id. */
export function makeJob(overrides: Partial<JobRecord> = {}): JobRecord {
  sequence += 1;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000;
  return {
    id: `job-${process.pid}-${sequence.toString().padStart(5, '0')}`,
    userId: 'alice',
    communityId: null,
    payer: alice,
    requestedModel: 'fake/model',
    route: ['fake/model', 'fake/other'],
    routeIndex: 0,
    task: 'text-to-image',
    params: { prompt: 'a cat', size: { width: 512, height: 512 }, seed: null },
    warnings: [],
    state: 'queued',
    idempotencyKey: `key-${sequence}`,
    remoteRef: null,
    progress: null,
    reservedMicros: 1000,
    chargedMicros: null,
    outputs: [],
    error: null,
    origin: { chat: 'c1', message: 'm1' },
    createdAt,
    updatedAt: createdAt,
    submittedAt: null,
    finishedAt: null,
    deadlineAt: createdAt + 600_000,
    ...overrides,
  };
}

/** The rejection's GenHubError code, or 'none' if it resolved. */
export async function errorCode(promise: Promise<unknown>): Promise<ErrorCode | 'none' | 'other'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return GenHubError.isInstance(error) ? error.code : 'other';
  }
}

/** The rejection itself (a GenHubError), for looking at its details. */
export async function caught(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Row counts and per-account entry sums, read past the store. */
export async function inspect(
  harness: StoreHarness,
  database: string,
): Promise<{ jobs: number; accounts: number; entries: number; entrySum(account: AccountRef): number }> {
  const count = async (table: string) =>
    Number((await harness.sql(database, `select count(*) as n from ${table}`))[0]?.n);
  const sums = await harness.sql(
    database,
    'select account_kind, account_id, sum(amount_micros) as s from ledger_entries group by account_kind, account_id',
  );
  const result = {
    jobs: await count('jobs'),
    accounts: await count('accounts'),
    entries: await count('ledger_entries'),
  };
  return {
    ...result,
    entrySum: (account) =>
      Number(sums.find((r) => r.account_kind === account.kind && r.account_id === account.id)?.s ?? 0),
  };
}
