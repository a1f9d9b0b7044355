import type { Clock, GenHub, GenHubConfigInput, JobRecord } from '@genhub/core';
import { startTestGenHub, type TestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { falPlugin } from '../src/index.js';
import { FAKE_FAL_KEY, type FakeFalApi } from './fake-fal-api.js';

export const user = testUser;
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
export function startPipeline(fake: FakeFalApi, options: PipelineOptions = {}): Promise<TestGenHub> {
  return startTestGenHub({
    plugins: [falPlugin],
    env: {
      GENHUB_FAL_API_KEY: FAKE_FAL_KEY,
      GENHUB_FAL_BASE_URL: fake.url,
      GENHUB_FAL_STORAGE_URL: fake.url,
      ...options.env,
    },
    trustedOrigins: [fake.url],
    grantMicros: GRANT_MICROS,
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}
