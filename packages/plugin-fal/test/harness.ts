import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  type Clock,
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { falPlugin } from '../src/index.js';
import { FAKE_FAL_KEY, type FakeFalApi } from './fake-fal-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
  /** More GENHUB_FAL_* settings. */
  env?: Record<string, string>;
}

/**
 * The real pipeline (createGenHub) with the fal plugin pointed at the fake, the fake's files
 * trusted by the SSRF guard, GenHub's own rate limits lifted, fast polling unless the test sets its
 * own, and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: FakeFalApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'fal-pipeline-')),
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: { image: lifted, 'text-to-video': lifted, 'image-to-video': lifted, '3d': lifted },
      },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: [falPlugin],
      env: {
        GENHUB_FAL_API_KEY: FAKE_FAL_KEY,
        GENHUB_FAL_BASE_URL: fake.url,
        GENHUB_FAL_STORAGE_URL: fake.url,
        ...options.env,
      },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, GRANT_MICROS);
  return { genhub, logs: lines };
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}
