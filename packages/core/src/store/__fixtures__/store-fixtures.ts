import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ErrorCode } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { AccountRef, JobRecord } from '../../jobs/job.js';
import type { Store } from '../ledger.js';
import { createSqliteStore, type SqliteStoreOptions } from '../sqlite-store.js';
import { openRaw } from './raw-sqlite.js';

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

/** A folder of fresh database files for one test file; `cleanup` removes it and closes the stores. */
export class TempStores {
  #dir: string | undefined;
  #count = 0;
  readonly #open: Store[] = [];

  async file(): Promise<string> {
    this.#dir ??= await mkdtemp(join(tmpdir(), 'genhub-store-'));
    this.#count += 1;
    return join(this.#dir, `db-${this.#count}`, 'genhub.sqlite');
  }

  /** A fresh file holding a copy of `file` (a closed, migrated database: much faster than migrating). */
  async copy(file: string): Promise<string> {
    const target = await this.file();
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
    return target;
  }

  async open(options: Omit<SqliteStoreOptions, 'file'> & { file?: string } = {}): Promise<Store> {
    const file = options.file ?? (await this.file());
    const store = await createSqliteStore({ ...options, file });
    this.#open.push(store);
    return store;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((store) => store.close()));
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
  }
}

export const alice: AccountRef = { kind: 'user', id: 'alice' };
export const guild: AccountRef = { kind: 'community', id: 'guild-1' };

let sequence = 0;

/** A queued job for `alice` (paid by her) with sensible defaults. */
export function makeJob(overrides: Partial<JobRecord> = {}): JobRecord {
  sequence += 1;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000;
  return {
    id: `job-${sequence.toString().padStart(5, '0')}`,
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

/** Row counts and per-account entry sums, read over a separate read-only connection. */
export function inspect(file: string): {
  jobs: number;
  accounts: number;
  entries: number;
  entrySum(account: AccountRef): number;
} {
  const db = openRaw(file, { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const sums = db
      .prepare('select account_kind, account_id, sum(amount_micros) as s from ledger_entries group by 1, 2')
      .all() as { account_kind: string; account_id: string; s: number }[];
    const result = { jobs: count('jobs'), accounts: count('accounts'), entries: count('ledger_entries') };
    return {
      ...result,
      entrySum: (account) =>
        sums.find((r) => r.account_kind === account.kind && r.account_id === account.id)?.s ?? 0,
    };
  } finally {
    db.close();
  }
}
