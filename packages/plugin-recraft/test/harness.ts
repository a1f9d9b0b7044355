import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type JobRecord,
  type MemoryLogLine,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { recraftPlugin } from '../src/index.js';
import { type FakeRecraftApi, RECRAFT_FAKE_KEY } from './fake-recraft-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };

/**
 * The real pipeline (createGenHub) with the Recraft plugin pointed at the fake, the fake's files
 * trusted by the download guard, GenHub's own rate limits lifted, one submit attempt (so a refusal
 * shows at once), and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: FakeRecraftApi,
  apiKey = RECRAFT_FAKE_KEY,
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'recraftoai-recraft-')),
      trustedOrigins: [fake.origin],
      limits: { maxJobsInFlight: 1000, rate: { image: lifted } },
      jobs: { pollInitialMs: 5, pollMaxMs: 20, submitAttempts: 1 },
    },
    {
      plugins: [recraftPlugin],
      env: { GENHUB_RECRAFT_API_KEY: apiKey, GENHUB_RECRAFT_BASE_URL: fake.baseUrl },
      logger,
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 10_000_000);
  return { genhub, logs: lines };
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** The error a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
