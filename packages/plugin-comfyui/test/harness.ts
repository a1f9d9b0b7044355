import type { Clock, GenHub, GenHubConfigInput, JobRecord } from '@genhub/core';
import { startTestGenHub, type TestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { comfyuiPlugin } from '../src/index.js';
import { FAKE_COMFYUI_TOKEN, type FakeComfyuiApi } from './fake-comfyui-api.js';

export const user = testUser;
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
export function startPipeline(fake: FakeComfyuiApi, options: PipelineOptions = {}): Promise<TestGenHub> {
  return startTestGenHub({
    plugins: [comfyuiPlugin],
    env: { GENHUB_COMFYUI_BASE_URL: fake.url, GENHUB_COMFYUI_TOKEN: FAKE_COMFYUI_TOKEN, ...options.env },
    config: { ...options.config, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) },
    grantMicros: GRANT_MICROS,
    ...(options.clock ? { clock: options.clock } : {}),
  });
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
