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
import { comfyuiPlugin } from '../src/index.js';
import { FAKE_COMFYUI_TOKEN, type FakeComfyuiApi } from './fake-comfyui-api.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };
export const GRANT_MICROS = 10_000_000;

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
  env?: Readonly<Record<string, string>>;
  dataDir?: string;
}

/**
 * The real pipeline (createGenHub) with the ComfyUI plugin pointed at the fake. The fake's origin is
 * NOT listed in `trustedOrigins`: the plugin declares its own server trusted. GenHub's rate limits
 * lifted, fast polling unless the test sets its own, and $10 granted to `u1`.
 */
export async function startPipeline(
  fake: FakeComfyuiApi,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'comfyui-pipeline-')),
      limits: {
        maxJobsInFlight: 1000,
        rate: { image: lifted, 'text-to-video': lifted, 'image-to-video': lifted, '3d': lifted },
      },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: [comfyuiPlugin],
      env: { GENHUB_COMFYUI_BASE_URL: fake.url, GENHUB_COMFYUI_TOKEN: FAKE_COMFYUI_TOKEN, ...options.env },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, GRANT_MICROS);
  return { genhub, logs: lines };
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
