import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  type Clock,
  createGenHub,
  createMemoryLogger,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { fireflyPlugin } from '../src/index.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeFireflyApi } from './fake-firefly-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };

/**
 * The real pipeline (createGenHub) with the Firefly plugin pointed at the fake Firefly and IMS, the
 * fake's files trusted by the SSRF guard, GenHub's own rate limits lifted, fast polling unless the
 * test sets its own, and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: FakeFireflyApi,
  options: { config?: GenHubConfigInput; env?: Readonly<Record<string, string>>; clock?: Clock } = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'elevenfire-firefly-')),
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: { image: lifted, 'text-to-video': lifted, 'image-to-video': lifted },
      },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: [fireflyPlugin],
      env: {
        GENHUB_FIREFLY_CLIENT_ID: FAKE_CLIENT_ID,
        GENHUB_FIREFLY_CLIENT_SECRET: FAKE_CLIENT_SECRET,
        GENHUB_FIREFLY_BASE_URL: fake.url,
        GENHUB_FIREFLY_TOKEN_URL: fake.tokenUrl,
        ...options.env,
      },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 10_000_000);
  return { genhub, logs: lines };
}

export function settled(genhub: GenHub, job: JobRecord): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs: 10_000 });
}

/** The error a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
