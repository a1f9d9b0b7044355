import type { Clock, GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { googlePlugin } from '../src/google-plugin.js';
import type { FakeGoogleApi } from './fake-google-api.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;

/** Dollars granted to `u1`, in micro-dollars. */
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
}

/** The real pipeline (testkit's startTestGenHub) with the Google plugin pointed at the fake. */
export function startPipeline(
  fake: FakeGoogleApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [googlePlugin],
    env: { GENHUB_GOOGLE_API_KEY: fake.apiKey, GENHUB_GOOGLE_BASE_URL: fake.url },
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
