// The GenHub every process of the scale bench opens: the requesting process and each worker process
// build it from the same description, so they share one configuration.
import {
  createGenHub,
  type GenHub,
  type GenHubConfigInput,
  type ProcessRole,
  silentLogger,
} from '@genhub/core';
import { createPostgresStore } from '@genhub/store-postgres';
import { loopbackPlugin } from '../../src/index.js';

/** Where a run's processes meet: the loopback API, a data folder, and for the distributed runs PostgreSQL and Redis. */
export interface ScaleSetup {
  dataDir: string;
  apiUrl: string;
  apiKey: string;
  /** PostgreSQL and Redis; without them, the embedded default (SQLite, in-process queue). */
  distributed?: {
    databaseUrl: string;
    /** A schema of the run's own, so runs never see each other's jobs. */
    schema: string;
    redisUrl: string;
    /** A Redis key prefix of the run's own. */
    redisPrefix: string;
  };
}

/** How long a worker owns a job without renewing its lock: the smallest the configuration allows. */
const LOCK_SECONDS = 5;

function scaleConfig(setup: ScaleSetup, role: ProcessRole): GenHubConfigInput {
  const { distributed } = setup;
  return {
    dataDir: setup.dataDir,
    role,
    logLevel: 'silent',
    // Shared, so a result link made by one process opens in another.
    linkSecret: 'a-link-secret-shared-by-the-scale-bench-processes',
    trustedOrigins: [setup.apiUrl],
    providers: { loopback: { apiKey: setup.apiKey, baseUrl: setup.apiUrl } },
    limits: { maxJobsInFlight: 100_000, rate: { image: { max: 1_000_000, windowSeconds: 60 } } },
    // `jobs.concurrency` stays the default: the figures are those of an installation left as shipped.
    jobs: { pollInitialMs: 20, pollMaxMs: 50 },
    ...(distributed
      ? {
          database: { url: distributed.databaseUrl, schema: distributed.schema },
          redis: { url: distributed.redisUrl, prefix: distributed.redisPrefix, lockSeconds: LOCK_SECONDS },
        }
      : {}),
  };
}

/** Opens (not starts) one process's GenHub; PostgreSQL is opened as the `genhub` command does. */
export async function openScaleGenHub(setup: ScaleSetup, role: ProcessRole): Promise<GenHub> {
  const config = scaleConfig(setup, role);
  const store = setup.distributed
    ? await createPostgresStore({ url: setup.distributed.databaseUrl, schema: setup.distributed.schema })
    : undefined;
  let genhub: GenHub;
  try {
    genhub = await createGenHub(config, {
      plugins: [loopbackPlugin],
      env: {},
      logger: silentLogger,
      ...(store ? { store } : {}),
    });
  } catch (error) {
    await store?.close();
    throw error;
  }
  const loopback = genhub.plugins.find((plugin) => plugin.id === 'loopback');
  if (loopback?.state !== 'ready') {
    await genhub.close(); // closes the store too
    throw new Error(`the loopback plugin is ${loopback?.state}: ${loopback?.message}`);
  }
  return genhub;
}
