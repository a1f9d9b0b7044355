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
  systemClock,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { gateaiPlugin } from '../src/gateai-plugin.js';
import type { GateAiFake } from './fake/index.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };

/** Real time plus an offset a test can move forward (the 20- and 40-minute rules). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }
}

export interface PipelineOptions {
  config?: GenHubConfigInput;
  env?: Readonly<Record<string, string>>;
  clock?: Clock;
}

/**
 * The real pipeline (createGenHub) with the GateAI plugin pointed at the fake, the fake's files
 * trusted by the SSRF guard, GenHub's own rate limits lifted, fast polling, and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: GateAiFake,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-gateai-')),
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: { image: lifted, 'text-to-video': lifted, 'image-to-video': lifted, '3d': lifted },
      },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: [gateaiPlugin],
      env: { GENHUB_GATEAI_API_KEY: fake.apiKey, GENHUB_GATEAI_BASE_URL: fake.url, ...options.env },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 10_000_000);
  return { genhub, logs: lines };
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** Calls `action` once, the first time the job is seen running at GateAI. */
export function whenRunning(genhub: GenHub, action: () => void): () => void {
  let done = false;
  const stop = genhub.generation.events.subscribe((event) => {
    if (!done && event.job.state === 'running') {
      done = true;
      action();
    }
  });
  return stop;
}

/** The error a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection');
}
