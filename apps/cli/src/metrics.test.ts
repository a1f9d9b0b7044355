import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGenHub,
  type GenerationService,
  type GenHub,
  type JobEvent,
  JobEvents,
  silentLogger,
} from '@genhub/core';
import { fakePlugin, waitForJob } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

let genhub: GenHub | undefined;
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

describe('createMetrics', () => {
  it('counts jobs refunded after a lost submit answer, for which the provider may have billed a task', async () => {
    genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-metrics-')), jobs: { pollInitialMs: 5, pollMaxMs: 10 } },
      {
        plugins: [fakePlugin],
        env: { GENHUB_FAKE_API_KEY: 'fake-key-for-metrics-0001' },
        logger: silentLogger,
      },
    );
    await genhub.start();
    await genhub.store.ledger.grant({ kind: 'user', id: 'u1' }, 1_000_000);
    const metrics = createMetrics(genhub.generation);
    // The fake answers 503 to this submit: the request may have reached it, and it cannot be asked.
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'a kite [unavailable]' },
    });
    const done = await waitForJob(genhub, job, { timeoutMs: 10_000 });
    expect(done.state).toBe('failed');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/genhub_jobs_maybe_billed_total\{model="fake\/[^"]+",role="all"\} 1/);
    metrics.close();
  });
});

describe('createMetrics with a role', () => {
  it('labels every series with the role, and counts only the jobs of this process', async () => {
    genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-metrics-')), jobs: { pollInitialMs: 5, pollMaxMs: 10 } },
      {
        plugins: [fakePlugin],
        env: { GENHUB_FAKE_API_KEY: 'fake-key-for-metrics-0001' },
        logger: silentLogger,
      },
    );
    // Events from another process arrive through the transport, as Redis carries them.
    let fromElsewhere: (event: JobEvent) => void = () => {};
    const events = new JobEvents({
      publish: () => {},
      listen: (deliver) => {
        fromElsewhere = deliver;
      },
      close: async () => {},
    });
    const metrics = createMetrics({ events } as unknown as GenerationService, 'bot');
    await genhub.store.ledger.grant({ kind: 'user', id: 'u1' }, 1_000_000);
    await genhub.start();
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'a kite' },
    });
    const done = await waitForJob(genhub, job, { timeoutMs: 10_000 });
    events.emit({ type: 'state', job: { ...done, state: 'queued' } });
    expect(await metrics.registry.metrics()).toMatch(
      /genhub_jobs\{state="queued",model="fake\/image",role="bot"\} 1/,
    );
    // A worker elsewhere runs and finishes it: it leaves this process's gauge and is counted there.
    fromElsewhere({ type: 'state', job: { ...done, state: 'running' } });
    fromElsewhere({ type: 'succeeded', job: done });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/genhub_jobs\{state="queued",model="fake\/image",role="bot"\} 0/);
    expect(text).not.toMatch(/genhub_jobs_finished_total\{/);
    metrics.close();
  });
});
