import type { Clock, GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { lumaPlugin } from '../src/index.js';
import { FAKE_LUMA_KEY, type FakeLumaApi } from './fake-luma-api.js';

export const user = testUser;
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
}

/** The real pipeline (testkit's startTestGenHub) with the Luma plugin pointed at the fake. */
export function startPipeline(
  fake: FakeLumaApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [lumaPlugin],
    env: { GENHUB_LUMA_API_KEY: FAKE_LUMA_KEY, GENHUB_LUMA_BASE_URL: fake.baseUrl },
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
