import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGenHub,
  createSqliteStore,
  type GenHub,
  GenHubError,
  type JobPatch,
  type Store,
  silentLogger,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';

const API_KEY = 'loopback-busy-store-key';
const user = { kind: 'user' as const, id: 'u1' };

/** What PostgreSQL's store throws when deadlocks outlast its own retries. */
const tooBusy = () =>
  new GenHubError('INTERNAL', 'The database stayed too busy to save the change after 50 tries; try again.', {
    retryable: true,
  });

/** The store, with the first `times` writes that `matches` picks failing as a too-busy database would. */
function busyStore(
  store: Store,
  times: number,
  matches: { finish?: JobPatch['state']; update?: JobPatch['state'] },
): Store {
  let left = times;
  const busy = (state: JobPatch['state'] | undefined, wanted: JobPatch['state'] | undefined) => {
    if (wanted === undefined || state !== wanted || left === 0) return false;
    left -= 1;
    return true;
  };
  return {
    ...store,
    jobs: {
      ...store.jobs,
      update: async (id, expected, patch) => {
        if (busy(patch.state, matches.update)) throw tooBusy();
        return store.jobs.update(id, expected, patch);
      },
    },
    finishJob: async (id, expected, patch, chargeMicros) => {
      if (busy(patch.state, matches.finish)) throw tooBusy();
      return store.finishJob(id, expected, patch, chargeMicros);
    },
  };
}

describe('a job whose store write fails for a passing reason', () => {
  let api: LoopbackApi | undefined;
  let genhub: GenHub | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await genhub?.close();
    await api?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(wrap: (store: Store) => Store): Promise<GenHub> {
    api = await startLoopbackApi({ apiKey: API_KEY });
    dataDir = mkdtempSync(join(tmpdir(), 'genhub-busy-store-'));
    const store = wrap(await createSqliteStore({ file: join(dataDir, 'genhub.db') }));
    genhub = await createGenHub(
      {
        dataDir,
        trustedOrigins: [api.url],
        providers: { loopback: { apiKey: API_KEY, baseUrl: api.url } },
        jobs: { pollInitialMs: 5, pollMaxMs: 20 },
      },
      { plugins: [loopbackPlugin], env: {}, logger: silentLogger, store },
    );
    await genhub.start();
    await genhub.store.ledger.grant(user, 1_000_000, 'test grant');
    return genhub;
  }

  const generate = (hub: GenHub) =>
    hub.generation.request({ userId: user.id, task: 'text-to-image', params: { prompt: 'a cat [polls:2]' } });

  it('is settled once its result is saved, not failed and refunded with its task done and paid', async () => {
    const hub = await start((store) => busyStore(store, 2, { finish: 'succeeded' }));
    const job = await waitForJob(hub, await generate(hub), { timeoutMs: 30_000 });

    expect(job.state).toBe('succeeded');
    expect(job.chargedMicros).toBe(40_000);
    expect(job.outputs).toHaveLength(1);
    expect(api!.tasksCreated()).toBe(1);
    const balance = await hub.store.ledger.balance(user);
    expect(balance).toMatchObject({ availableMicros: 1_000_000 - 40_000, reservedMicros: 0 });
    const kinds = (await hub.store.ledger.entries(user, 100))
      .filter((entry) => entry.jobId === job.id)
      .map((entry) => entry.kind);
    expect(kinds.sort()).toEqual(['reserve', 'settle']);
  }, 60_000);

  it('resumes from its stored state when the write after the submit fails, with one remote task', async () => {
    const hub = await start((store) => busyStore(store, 1, { update: 'running' }));
    const job = await waitForJob(hub, await generate(hub), { timeoutMs: 30_000 });

    expect(job.state).toBe('succeeded');
    // The submit was sent again with the same idempotency key: the provider made no second task.
    expect(api!.tasksCreated()).toBe(1);
    expect(await hub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 1_000_000 - 40_000,
      reservedMicros: 0,
    });
  }, 60_000);
});
