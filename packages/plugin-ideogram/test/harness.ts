import type { GenHub, JobRecord, MemoryLogLine, Task } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { ideogramPlugin } from '../src/index.js';
import { FAKE_IDEOGRAM_KEY, type FakeIdeogramApi } from './fake-ideogram-api.js';

export const user = testUser;

export interface Pipeline {
  genhub: GenHub;
  logs: readonly MemoryLogLine[];
  /** Requests a generation as user u1 and waits for its final record. */
  run(input: { model: string; task: Task; params: Record<string, unknown> }): Promise<JobRecord>;
}

/** The real pipeline (testkit's startTestGenHub) with the Ideogram plugin pointed at the fake. */
export async function startPipeline(fake: FakeIdeogramApi): Promise<Pipeline> {
  const { genhub, logs } = await startTestGenHub({
    plugins: [ideogramPlugin],
    env: { GENHUB_IDEOGRAM_API_KEY: FAKE_IDEOGRAM_KEY, GENHUB_IDEOGRAM_BASE_URL: fake.url },
    trustedOrigins: [fake.url],
  });
  return {
    genhub,
    logs,
    async run(input) {
      const job = await genhub.generation.request({ userId: user.id, ...input });
      return waitForJob(genhub, job, { timeoutMs: 10_000 });
    },
  };
}

/**
 * Why a request was refused: by the model's schema when it was made (thrown), or by the plugin
 * before it sent anything (the job's error). Undefined when the job succeeded.
 */
export async function refusal(
  genhub: GenHub,
  input: { model: string; task: Task; params: Record<string, unknown> },
): Promise<{ code: string; details?: Record<string, unknown> } | undefined> {
  let job: JobRecord;
  try {
    job = await genhub.generation.request({ userId: user.id, ...input });
  } catch (error) {
    return error as never;
  }
  return (await waitForJob(genhub, job, { timeoutMs: 10_000 })).error ?? undefined;
}
