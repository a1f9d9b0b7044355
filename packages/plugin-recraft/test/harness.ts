import type { GenHub, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { recraftPlugin } from '../src/index.js';
import { type FakeRecraftApi, RECRAFT_FAKE_KEY } from './fake-recraft-api.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;

/**
 * The real pipeline (testkit's startTestGenHub) with the Recraft plugin pointed at the fake and one
 * submit attempt (so a refusal shows at once).
 */
export function startPipeline(
  fake: FakeRecraftApi,
  apiKey = RECRAFT_FAKE_KEY,
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [recraftPlugin],
    env: { GENHUB_RECRAFT_API_KEY: apiKey, GENHUB_RECRAFT_BASE_URL: fake.baseUrl },
    trustedOrigins: [fake.origin],
    config: { jobs: { submitAttempts: 1 } },
  });
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}
