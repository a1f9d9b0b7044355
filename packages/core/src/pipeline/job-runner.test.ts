import { createHash } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelSpec, type Provider, systemClock } from '@genhub/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PNG } from '../artifacts/__fixtures__/media-samples.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { GuardedFetcher } from '../artifacts/guarded-fetch.js';
import { createLocalArtifactStore } from '../artifacts/local-artifact-store.js';
import { createMemoryLogger } from '../logging/memory-logger.js';
import { Registry } from '../registry/registry.js';
import { alice, makeJob, TempStores } from '../store/__fixtures__/store-fixtures.js';
import type { Store } from '../store/ledger.js';
import { JobEvents } from './job-events.js';
import { JobRunner } from './job-runner.js';
import { jobsConfigSchema } from './pipeline-config.js';

const stores = new TempStores();
afterEach(() => stores.cleanup());

const model: ModelSpec = {
  id: 'fake/model',
  name: 'Fake',
  tasks: ['text-to-image'],
  output: 'image',
  params: z.object({ prompt: z.string() }).passthrough(),
  estimatePrice: () => ({ usd: 0.001 }),
};

/** A provider whose task is done at the first poll, with the image inline. */
const provider: Provider = {
  models: () => [model],
  submit: async () => ({ status: 'pending', ref: { id: 'task-1' } }),
  poll: async () => ({
    status: 'succeeded',
    outputs: [{ kind: 'bytes', data: PNG, mediaType: 'image/png' }],
  }),
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** One worker process's runner on the shared store and artifact folder. */
function worker(
  store: Store,
  artifacts: ArtifactStore,
  { fake = provider, stopSignal = new AbortController().signal, fenced = true } = {},
) {
  const registry = new Registry();
  registry.add('fake', fake, [model]);
  const { logger, lines } = createMemoryLogger({ level: 'warn' });
  const runner = new JobRunner({
    registry,
    store,
    artifacts,
    // Outputs come inline: nothing is fetched.
    fetcher: {} as GuardedFetcher,
    events: new JobEvents(),
    clock: systemClock,
    logger,
    config: jobsConfigSchema.parse({ pollInitialMs: 1, pollMaxMs: 5 }),
    stopSignal,
    fenced,
  });
  return { runner, lines };
}

describe('JobRunner with a queue shared by processes (fenced)', () => {
  it('fences off a stalled run whose job another run took over, so it cannot record files that run cleared', async () => {
    const store = await stores.open();
    const root = join(await stores.file(), '..', 'artifacts');
    const artifacts = createLocalArtifactStore({ root });
    await store.ledger.grant(alice, 1_000_000);
    const now = Date.now();
    const job = await store.createJobWithReservation({
      job: makeJob({ requestedModel: 'fake/model', route: ['fake/model'], createdAt: now }),
      now,
    });

    // Worker A writes its result file, then stalls before it records the result.
    const aWrote = deferred();
    const aWakes = deferred();
    const a = worker(store, {
      ...artifacts,
      async put(input) {
        const record = await artifacts.put(input);
        aWrote.resolve();
        await aWakes.promise;
        return record;
      },
    });
    const runA = a.runner.run(job.id);
    await aWrote.promise;

    // Worker B is handed the job (A's lock expired): it clears what A left and starts its own download.
    const bDownloads = deferred();
    const bGoesOn = deferred();
    const b = worker(store, {
      ...artifacts,
      async put(input) {
        bDownloads.resolve();
        await bGoesOn.promise;
        return artifacts.put(input);
      },
    });
    const runB = b.runner.run(job.id);
    await bDownloads.promise;

    // A wakes up and tries to record its result, whose file B cleared: the write matches nothing.
    aWakes.resolve();
    expect(await runA).toEqual({ kind: 'ended' });
    expect(await store.jobs.get(job.id)).toMatchObject({ state: 'running', outputs: [] });
    expect(a.lines.map((line) => line.message)).toContain(
      'the job was taken over by another run (or ended) meanwhile; leaving it',
    );

    // B finishes the job with its own file, charged once.
    bGoesOn.resolve();
    expect(await runB).toEqual({ kind: 'ended' });
    const final = await store.jobs.get(job.id);
    expect(final).toMatchObject({ state: 'succeeded', chargedMicros: 1000 });
    const [output] = final!.outputs;
    const path = join(root, output!.key);
    expect(existsSync(path)).toBe(true);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(output!.sha256);
    expect(await store.ledger.balance(alice)).toMatchObject({ availableMicros: 999_000, reservedMicros: 0 });
  });
});

/**
 * What a signal holds for others: its abort listeners, plus the signals `AbortSignal.any` made from it
 * (a Node-internal set, read here because that is where such links pile up unseen).
 */
function linksHeldBy(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find(
    (symbol) => symbol.description === 'kDependantSignals',
  );
  const made =
    dependants === undefined ? undefined : (Reflect.get(signal, dependants) as Set<unknown> | undefined);
  return getEventListeners(signal, 'abort').length + (made?.size ?? 0);
}

describe('JobRunner waits between polls', () => {
  it('leaves nothing on the process-long stop signal once a job that polled many times ends', async () => {
    const store = await stores.open();
    const artifacts = createLocalArtifactStore({ root: join(await stores.file(), '..', 'artifacts') });
    await store.ledger.grant(alice, 1_000_000);
    const now = Date.now();
    const job = await store.createJobWithReservation({
      job: makeJob({ requestedModel: 'fake/model', route: ['fake/model'], createdAt: now }),
      now,
    });
    let polls = 0;
    const slow: Provider = {
      ...provider,
      poll: async (ref, options) => (++polls < 20 ? { status: 'pending' } : provider.poll(ref, options)),
    };
    const stop = new AbortController();
    const { runner } = worker(store, artifacts, { fake: slow, stopSignal: stop.signal, fenced: false });

    expect(await runner.run(job.id)).toEqual({ kind: 'ended' });
    expect(polls).toBe(20);
    expect(await store.jobs.get(job.id)).toMatchObject({ state: 'succeeded' });
    // Each of the 19 waits followed the stop signal while it ran, and let go of it after.
    expect(linksHeldBy(stop.signal)).toBe(0);
  });
});
