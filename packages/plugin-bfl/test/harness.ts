import {
  type Clock,
  DefaultPipelineConfig,
  type GenHub,
  type JobRecord,
  type MemoryLogLine,
  type Task,
} from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { bflPlugin } from '../src/index.js';
import { FAKE_BFL_KEY, type FakeBflApi } from './fake-bfl-api.js';

export const user = testUser;

export interface Pipeline {
  genhub: GenHub;
  logs: readonly MemoryLogLine[];
  /** Requests a generation as user u1 and waits for its final record. */
  run(input: { model: string; task: Task; params: Record<string, unknown> }): Promise<JobRecord>;
}

/**
 * The real pipeline (testkit's startTestGenHub) with the BFL plugin pointed at the fake, both fake
 * hosts trusted. Polls are fast unless a clock is given, which keeps GenHub's default poll schedule.
 */
export async function startPipeline(fake: FakeBflApi, options: { clock?: Clock } = {}): Promise<Pipeline> {
  const { pollInitialMs, pollMaxMs } = DefaultPipelineConfig.jobs;
  const { genhub, logs } = await startTestGenHub({
    plugins: [bflPlugin],
    env: { GENHUB_BFL_API_KEY: FAKE_BFL_KEY, GENHUB_BFL_BASE_URL: fake.url },
    trustedOrigins: [fake.global.url, fake.regional.url],
    ...(options.clock ? { clock: options.clock, config: { jobs: { pollInitialMs, pollMaxMs } } } : {}),
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
