import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { elevenLabsPlugin } from '../src/index.js';
import { FAKE_API_KEY, type FakeElevenLabsApi } from './fake-elevenlabs-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };

/**
 * The real pipeline (createGenHub) with the ElevenLabs plugin pointed at the fake, GenHub's own rate
 * limits lifted, and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: FakeElevenLabsApi,
  options: { config?: GenHubConfigInput; env?: Readonly<Record<string, string>> } = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'elevenfire-elevenlabs-')),
      limits: { maxJobsInFlight: 1000, rate: { speech: lifted, music: lifted } },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: [elevenLabsPlugin],
      env: { GENHUB_ELEVENLABS_API_KEY: FAKE_API_KEY, GENHUB_ELEVENLABS_BASE_URL: fake.url, ...options.env },
      logger,
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 10_000_000);
  return { genhub, logs: lines };
}

export function settled(genhub: GenHub, job: JobRecord): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs: 10_000 });
}

/** The error a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
