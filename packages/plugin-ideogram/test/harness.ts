import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type JobRecord,
  type MemoryLogLine,
  type Task,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { ideogramPlugin } from '../src/index.js';
import { FAKE_IDEOGRAM_KEY, type FakeIdeogramApi } from './fake-ideogram-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };

export interface Pipeline {
  genhub: GenHub;
  logs: readonly MemoryLogLine[];
  /** Requests a generation as user u1 and waits for its final record. */
  run(input: { model: string; task: Task; params: Record<string, unknown> }): Promise<JobRecord>;
}

/** The real pipeline (createGenHub) with the Ideogram plugin pointed at the fake, $10 granted to u1. */
export async function startPipeline(fake: FakeIdeogramApi): Promise<Pipeline> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'bflideo-ideogram-')),
      trustedOrigins: [fake.url],
      limits: { maxJobsInFlight: 1000, rate: { image: lifted } },
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    {
      plugins: [ideogramPlugin],
      env: { GENHUB_IDEOGRAM_API_KEY: FAKE_IDEOGRAM_KEY, GENHUB_IDEOGRAM_BASE_URL: fake.url },
      logger,
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 10_000_000);
  return {
    genhub,
    logs: lines,
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
