import {
  type Clock,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type MemoryLogLine,
  systemClock,
} from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { gateaiPlugin } from '../src/gateai-plugin.js';
import type { GateAiFake } from './fake/index.js';

export { rejection } from '@genhub/testkit';

export const user = testUser;

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
 * The real pipeline (testkit's startTestGenHub) with the GateAI plugin pointed at the fake; `env` adds
 * to or overrides its settings.
 */
export function startPipeline(
  fake: GateAiFake,
  options: PipelineOptions = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [gateaiPlugin],
    env: { GENHUB_GATEAI_API_KEY: fake.apiKey, GENHUB_GATEAI_BASE_URL: fake.url, ...options.env },
    trustedOrigins: [fake.url],
    ...(options.config ? { config: options.config } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
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
