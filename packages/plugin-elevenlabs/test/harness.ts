import type { GenHub, GenHubConfigInput, JobRecord, MemoryLogLine } from '@genhub/core';
import { startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { elevenLabsPlugin } from '../src/index.js';
import { FAKE_API_KEY, type FakeElevenLabsApi } from './fake-elevenlabs-api.js';

export const user = testUser;

/**
 * The real pipeline (testkit's startTestGenHub) with the ElevenLabs plugin pointed at the fake;
 * `env` adds to or overrides its settings.
 */
export function startPipeline(
  fake: FakeElevenLabsApi,
  options: { config?: GenHubConfigInput; env?: Readonly<Record<string, string>> } = {},
): Promise<{ genhub: GenHub; logs: readonly MemoryLogLine[] }> {
  return startTestGenHub({
    plugins: [elevenLabsPlugin],
    env: { GENHUB_ELEVENLABS_API_KEY: FAKE_API_KEY, GENHUB_ELEVENLABS_BASE_URL: fake.url, ...options.env },
    ...(options.config ? { config: options.config } : {}),
  });
}

export function settled(genhub: GenHub, job: JobRecord): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs: 10_000 });
}

/** The error a promise rejects with (a GenHubError, or the ConfigError of a GenHub that will not start). */
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
