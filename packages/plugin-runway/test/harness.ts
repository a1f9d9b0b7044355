import type { Clock, GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { runwayPlugin } from '../src/index.js';
import { FAKE_RUNWAY_KEY, type FakeRunwayApi } from './fake-runway-api.js';

export const user = testUser;
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
}

/** The real pipeline (testkit's startTestGenHub) with the Runway plugin pointed at the fake. */
export function startPipeline(
  fake: FakeRunwayApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [runwayPlugin],
    env: { GENHUB_RUNWAY_API_KEY: FAKE_RUNWAY_KEY, GENHUB_RUNWAY_BASE_URL: fake.url },
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
