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
  GenHubError,
  type MemoryLogLine,
  type ProviderPlugin,
  TASK_CLASSES,
} from '@genhub/core';

/** The user a test GenHub grants credits to. */
export const testUser: AccountRef = { kind: 'user', id: 'u1' };

export interface TestGenHubOptions {
  plugins: readonly ProviderPlugin[];
  /** The plugins' settings, as `GENHUB_<ID>_<KEY>` variables (a fake's key and URL). */
  env?: Readonly<Record<string, string>>;
  /** The fakes' origins, whose files the SSRF guard lets GenHub download. */
  trustedOrigins?: readonly string[];
  /** Anything else; `jobs` is merged over fast polling (5 ms growing to 20 ms). */
  config?: GenHubConfigInput;
  clock?: Clock;
  /** Credits granted to `testUser`: $10 unless given. */
  grantMicros?: number;
}

export interface TestGenHub {
  genhub: GenHub;
  /** Every line logged, for tests that look for a warning or for a leaked key. */
  logs: readonly MemoryLogLine[];
}

/**
 * The real pipeline (createGenHub) for a plugin's tests: a temp data folder, the fakes trusted,
 * GenHub's own rate limits lifted, fast polling unless the test sets its own (a virtual clock
 * test keeps the defaults by passing `config.jobs`), started, with credits granted to `testUser`.
 */
export async function startTestGenHub(options: TestGenHubOptions): Promise<TestGenHub> {
  const lifted = { max: 1000, windowSeconds: 60 };
  const { logger, lines } = createMemoryLogger();
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-test-')),
      trustedOrigins: [...(options.trustedOrigins ?? [])],
      limits: {
        maxJobsInFlight: 1000,
        rate: Object.fromEntries(TASK_CLASSES.map((taskClass) => [taskClass, lifted])),
      },
      ...options.config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20, ...options.config?.jobs },
    },
    {
      plugins: options.plugins,
      env: { ...options.env },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  await genhub.start();
  await genhub.store.ledger.grant(testUser, options.grantMicros ?? 10_000_000);
  return { genhub, logs: lines };
}

/** The GenHubError a promise rejects with (a request refused before any job was made). */
export async function rejection(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
