import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type ProviderPlugin,
  silentLogger,
} from '@genhub/core';
import { fakePlugin, waitForJob } from '@genhub/testkit';

export const user: AccountRef = { kind: 'user', id: 'u1' };

/** GenHub on a temp folder with the fake provider, limits lifted unless the test sets them. */
export async function startGenHub(
  config: GenHubConfigInput = {},
  plugins: readonly ProviderPlugin[] = [fakePlugin],
): Promise<GenHub> {
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-e2e-')),
      limits: { maxJobsInFlight: 1000, rate: { image: { max: 1000, windowSeconds: 60 } } },
      ...config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...config.jobs },
    },
    { plugins, env: { GENHUB_FAKE_API_KEY: 'fake-secret-key-1234' }, logger: silentLogger },
  );
  await genhub.start();
  return genhub;
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 15_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** The error a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<{
  code: string;
  message: string;
  retryAfterSeconds?: number;
  details: Record<string, unknown>;
  suggestions: readonly string[];
}> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
