import type { Clock, GenHub, GenHubConfigInput, JobRecord } from '@genhub/core';
import { startTestGenHub, type TestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { localPlugin } from '../src/index.js';
import type { FakeLocalWorker } from './fake-local-worker.js';

export const user = testUser;
export const GRANT_MICROS = 10_000_000;
export const WORKER_TOKEN = 'worker-token-fedcba9876543210';

export interface PipelineOptions {
  config?: GenHubConfigInput;
  clock?: Clock;
  /** `GENHUB_LOCAL_*` settings; every worker at the fake, with the token, unless given. */
  env?: Record<string, string>;
}

/** Every worker's URL setting pointed at one reference worker. */
export function allWorkersAt(url: string): Record<string, string> {
  return {
    GENHUB_LOCAL_QWEN_IMAGE_URL: url,
    GENHUB_LOCAL_HUNYUAN_IMAGE_URL: url,
    GENHUB_LOCAL_SAM2_URL: url,
    GENHUB_LOCAL_HUNYUAN_VIDEO_URL: url,
    GENHUB_LOCAL_SVG_TURBO_URL: url,
    GENHUB_LOCAL_TOKEN: WORKER_TOKEN,
  };
}

/**
 * The real pipeline (createGenHub) with the local plugin pointed at the reference worker, the
 * worker's origin trusted because the plugin declares it (no GENHUB_TRUSTED_ORIGINS), GenHub's
 * own rate limits lifted, fast polling unless the test sets its own, and $10 granted to `u1`.
 */
export function startPipeline(fake: FakeLocalWorker, options: PipelineOptions = {}): Promise<TestGenHub> {
  return startTestGenHub({
    plugins: [localPlugin],
    env: options.env ?? allWorkersAt(fake.url),
    grantMicros: GRANT_MICROS,
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** Waits until `condition` holds, checking every 10 ms. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
