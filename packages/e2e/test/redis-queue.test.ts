import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGenHub,
  createMemoryLogger,
  createSqliteStore,
  type GenHub,
  type GenHubConfigInput,
  type JobEvent,
  TERMINAL_STATES,
} from '@genhub/core';
import { BullJobQueue } from '@genhub/core/redis';
import { rejection, testServiceUrl, waitForJob } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';

const redisUrl = testServiceUrl('redis');
const API_KEY = 'loopback-redis-key';

describe.runIf(redisUrl)('jobs on Redis: a bot process and a worker process', () => {
  let api: LoopbackApi;
  let dataDir: string;
  let hubs: GenHub[] = [];
  let prefix: string;

  beforeAll(async () => {
    api = await startLoopbackApi({ apiKey: API_KEY });
  });
  afterAll(async () => {
    await api.close();
  });
  afterEach(async () => {
    for (const hub of hubs.reverse()) await hub.close();
    hubs = [];
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A GenHub in one role, on the shared SQLite file and Redis, as `genhub start --role` builds it. */
  async function startHub(role: 'bot' | 'worker', config: GenHubConfigInput = {}): Promise<GenHub> {
    const { logger } = createMemoryLogger();
    const hub = await createGenHub(
      {
        dataDir,
        role,
        redis: { url: redisUrl, prefix, lockSeconds: 5 },
        linkSecret: 'a-link-secret-shared-by-the-processes',
        trustedOrigins: [api.url],
        jobs: { concurrency: 4, pollInitialMs: 50, pollMaxMs: 200 },
        limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
        ...config,
      },
      {
        plugins: [loopbackPlugin],
        env: {
          GENHUB_LOOPBACK_API_KEY: API_KEY,
          GENHUB_LOOPBACK_BASE_URL: api.url,
          GENHUB_LOOPBACK_IDEMPOTENT: 'false',
        },
        logger,
        store: await createSqliteStore({ file: join(dataDir, 'genhub.db') }),
      },
    );
    hubs.push(hub);
    await hub.start();
    return hub;
  }

  async function setUp(config: GenHubConfigInput = {}) {
    dataDir = mkdtempSync(join(tmpdir(), 'genhub-redis-queue-'));
    prefix = `genhub-test-${randomBytes(4).toString('hex')}`;
    const bot = await startHub('bot', config);
    await bot.store.ledger.grant({ kind: 'user', id: 'u1' }, 10_000_000);
    return bot;
  }

  it('runs in the worker what the bot requested, and the bot sees every event of it', async () => {
    const bot = await setUp();
    await startHub('worker');
    const seen: Array<{ event: JobEvent; origin: string }> = [];
    bot.generation.events.subscribe((event, origin) => seen.push({ event, origin }));

    const job = await bot.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'a slow one [polls:5]' },
    });
    const done = await waitForJob(bot, job, { timeoutMs: 30_000 });
    expect(done.state).toBe('succeeded');
    expect(done.outputs).toHaveLength(1);
    // Every move after the request came from the worker, over Redis.
    const states = seen.filter((s) => s.event.job.id === job.id && s.event.type !== 'progress');
    // A quick download settles straight from running; one over 250 ms is marked downloading first.
    expect(states.map((s) => s.event.job.state).filter((state) => state !== 'downloading')).toEqual([
      'queued',
      'submitting',
      'running',
      'succeeded',
    ]);
    expect(states.slice(1).every((s) => s.origin === 'elsewhere')).toBe(true);
    expect(seen.some((s) => s.event.type === 'progress')).toBe(true);
    const balance = await bot.store.ledger.balance({ kind: 'user', id: 'u1' });
    expect(balance).toMatchObject({ reservedMicros: 0, availableMicros: 10_000_000 - 40_000 });
  }, 60_000);

  it('keeps a job waiting for its next poll as a delayed job, not a busy worker', async () => {
    const bot = await setUp();
    await startHub('worker', { jobs: { concurrency: 1, pollInitialMs: 1500, pollMaxMs: 1500 } });
    const jobs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        bot.generation.request({
          userId: 'u1',
          task: 'text-to-image',
          params: { prompt: `long ${i} [polls:3]` },
        }),
      ),
    );
    // One worker slot, six jobs polling at once: they wait in Redis, not in the worker.
    const queue = new BullJobQueue({
      url: redisUrl!,
      prefix,
      concurrency: 1,
      lockSeconds: 5,
      logger: createMemoryLogger().logger,
    });
    let most = 0;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const stored = await Promise.all(jobs.map((job) => bot.generation.get(job.id)));
      const running = stored.filter((job) => job?.state === 'running').length;
      most = Math.max(most, running);
      if (running >= 3) {
        expect((await queue.counts()).delayed).toBeGreaterThanOrEqual(2);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await queue.stop();
    expect(most).toBeGreaterThanOrEqual(3);
    for (const job of jobs)
      expect((await waitForJob(bot, job, { timeoutMs: 60_000 })).state).toBe('succeeded');
  }, 90_000);

  it('cancels from the bot a job the worker is polling, and refunds it', async () => {
    const bot = await setUp();
    await startHub('worker');
    const job = await bot.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'never ends [polls:100000]' },
    });
    await waitForJob(bot, job, { states: new Set(['running']), timeoutMs: 30_000 });
    const cancelled = await bot.generation.cancel(job.id, 'u1');
    expect(cancelled.state).toBe('cancelled');
    const balance = await bot.store.ledger.balance({ kind: 'user', id: 'u1' });
    expect(balance).toMatchObject({ reservedMicros: 0, availableMicros: 10_000_000 });
  }, 60_000);

  it('shares rate limits and the in-flight cap between bot processes', async () => {
    const first = await setUp({
      limits: { maxJobsInFlight: 3, rate: { image: { max: 5, windowSeconds: 60 } } },
    });
    const second = await startHub('bot', {
      limits: { maxJobsInFlight: 3, rate: { image: { max: 5, windowSeconds: 60 } } },
    });
    const request = (hub: GenHub, i: number) =>
      hub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: `capped ${i}` } });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => request(i % 2 ? first : second, i)),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled');
    expect(accepted).toHaveLength(3);
    const refused = await rejection(request(first, 99));
    expect(refused.code).toBe('RATE_LIMITED');
    const active = await first.store.jobs.listByState(['queued']);
    expect(active.filter((job) => !TERMINAL_STATES.has(job.state))).toHaveLength(3);
  }, 60_000);
});
