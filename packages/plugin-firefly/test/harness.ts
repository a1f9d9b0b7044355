import type { Clock, GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { fireflyPlugin } from '../src/index.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeFireflyApi } from './fake-firefly-api.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;

/**
 * The real pipeline (testkit's startTestGenHub) with the Firefly plugin pointed at the fake Firefly
 * and IMS; `env` adds to or overrides its settings.
 */
export function startPipeline(
  fake: FakeFireflyApi,
  options: { config?: GenHubConfigInput; env?: Readonly<Record<string, string>>; clock?: Clock } = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [fireflyPlugin],
    env: {
      GENHUB_FIREFLY_CLIENT_ID: FAKE_CLIENT_ID,
      GENHUB_FIREFLY_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      GENHUB_FIREFLY_BASE_URL: fake.url,
      GENHUB_FIREFLY_TOKEN_URL: fake.tokenUrl,
      ...options.env,
    },
    trustedOrigins: [fake.url],
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

export function settled(genhub: GenHub, job: JobRecord): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs: 10_000 });
}
