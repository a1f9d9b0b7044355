import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  type GenHub,
  type GenHubConfigInput,
  type JobRecord,
  type JobState,
  silentLogger,
  TERMINAL_STATES,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import type { AiNativeFake } from '../../test/fake/index.js';
import { ainativePlugin } from '../ainative-plugin.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };
/** $100, in micro-dollars. */
export const GRANT_MICROS = 100_000_000;

const LIFTED = { max: 10_000, windowSeconds: 60 };

/**
 * The real GenHub pipeline with only the AINative plugin, configured through its environment
 * variables to talk to the fake, which is trusted for downloads. Limits are lifted and a failed
 * submit is not retried unless the test says otherwise; the user has $100.
 */
export async function startGenHub(fake: AiNativeFake, config: GenHubConfigInput = {}): Promise<GenHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genhub-ainative-'));
  const genhub = await createGenHub(
    {
      dataDir,
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: { image: LIFTED, speech: LIFTED, 'image-to-video': LIFTED, 'text-to-video': LIFTED },
      },
      ...config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, submitAttempts: 1, ...config.jobs },
    },
    {
      plugins: [ainativePlugin],
      env: { GENHUB_AINATIVE_API_KEY: fake.apiKey, GENHUB_AINATIVE_BASE_URL: fake.baseUrl },
      logger: silentLogger,
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, GRANT_MICROS);
  const close = genhub.close.bind(genhub);
  return Object.assign(genhub, {
    async close() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Resolves with the job's record once it is in one of `states` (terminal states by default). */
export function reached(
  genhub: GenHub,
  job: JobRecord,
  states: ReadonlySet<JobState> = TERMINAL_STATES,
  timeoutMs = 10_000,
): Promise<JobRecord> {
  return waitForJob(genhub, job, { states, timeoutMs });
}
