import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenHubError } from '@genhub/provider';
import type { AccountRef, JobRecord } from '../../jobs/job.js';
import type { Store } from '../ledger.js';
import { createSqliteStore, type SqliteStoreOptions } from '../sqlite-store.js';

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
