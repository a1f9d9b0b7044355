import {
  type Clock,
  DefaultPipelineConfig,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
} from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { klingPlugin } from '../src/index.js';
import { FAKE_ACCESS_KEY, FAKE_SECRET_KEY, type FakeKlingApi } from './fake-kling-api.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;
/** What `user` is granted, in micro-dollars. */
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
}

/**
 * The real pipeline (testkit's startTestGenHub) with the Kling plugin pointed at the fake through its
 * GENHUB_KLING_* settings. Polls are fast unless a test gives its own clock (and keeps core's schedule).
 */
export function startPipeline(
  fake: FakeKlingApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const { pollInitialMs, pollMaxMs } = DefaultPipelineConfig.jobs;
  const corePolls = options.clock === undefined ? {} : { pollInitialMs, pollMaxMs };
  return startTestGenHub({
    plugins: [klingPlugin],
    env: {
      GENHUB_KLING_ACCESS_KEY: FAKE_ACCESS_KEY,
      GENHUB_KLING_SECRET_KEY: FAKE_SECRET_KEY,
      GENHUB_KLING_BASE_URL: fake.url,
    },
    trustedOrigins: [fake.url],
    config: { ...options.config, jobs: { ...corePolls, ...options.config?.jobs } },
    grantMicros: GRANT_MICROS,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 20_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}
