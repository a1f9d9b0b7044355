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
import { viduPlugin } from '../src/index.js';
import { FAKE_VIDU_API_KEY, type FakeViduApi } from './fake-vidu-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };
/** What `user` is granted, in micro-dollars. */
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
}

/**
 * The real pipeline (createGenHub) with the Vidu plugin pointed at the fake through its GENHUB_VIDU_*
 * settings, the fake's files trusted by the download guard, GenHub's own rate limits lifted, and $10
 * granted to `u1`. Polls are fast unless a test gives its own clock (and keeps core's schedule).
 */
export async function startPipeline(
  fake: FakeViduApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const fastPolls = options.clock === undefined ? { pollInitialMs: 5, pollMaxMs: 20 } : {};
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'klingvidu-vidu-')),
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: { 'text-to-video': lifted, 'image-to-video': lifted },
      },
      ...options.config,
      jobs: { ...fastPolls, ...options.config?.jobs },
    },
    {
      plugins: [viduPlugin],
      env: { GENHUB_VIDU_API_KEY: FAKE_VIDU_API_KEY, GENHUB_VIDU_BASE_URL: fake.url },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, GRANT_MICROS);
  return { genhub, logs: lines };
}

export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 20_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** The error a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
