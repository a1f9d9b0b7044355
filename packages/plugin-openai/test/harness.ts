import type { GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { openaiPlugin } from '../src/index.js';
import { type FakeOpenAiApi, OPENAI_FAKE_KEY } from './fake-openai-api.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;

/**
 * The real pipeline (testkit's startTestGenHub) with the OpenAI plugin pointed at the fake and one
 * submit attempt (so a refusal shows at once).
 */
export function startPipeline(
  fake: FakeOpenAiApi,
  apiKey = OPENAI_FAKE_KEY,
  config: GenHubConfigInput = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [openaiPlugin],
    env: { GENHUB_OPENAI_API_KEY: apiKey, GENHUB_OPENAI_BASE_URL: fake.baseUrl },
    trustedOrigins: [fake.origin],
    config: { ...config, jobs: { submitAttempts: 1 } },
  });
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}
