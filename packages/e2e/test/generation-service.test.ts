import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  currentModel,
  definePlugin,
  type GenHub,
  GenHubError,
  type ModelSpec,
  vocabulary,
} from '@genhub/core';
import { fakePlugin, solidPng } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejection, settled, startGenHub, user } from './harness.js';

const PNG_SIGNATURE = '89504e470d0a1a0a';
let genhub: GenHub | undefined;

afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

/** A file server for input images: an HTML page, a real PNG and a 30 MB file. */
let files: Server;
let filesUrl: string;
beforeAll(async () => {
  const big = Buffer.alloc(30 * 1024 * 1024, 1);
  files = createServer((req, res) => {
    if (req.url === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>hi</body></html>');
    } else if (req.url === '/cat.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(solidPng(4, 4, [1, 2, 3]));
    } else {
      res.writeHead(200, { 'content-type': 'image/png' }).end(big);
    }
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

describe('a generation through the pipeline', () => {
  it('runs, stores the file, reports progress and charges the actual cost', async () => {
    genhub = await startGenHub();
    await genhub.store.ledger.grant(user, 1_000_000);
    const events: string[] = [];
    genhub.generation.events.subscribe((event) => events.push(`${event.type}:${event.job.state}`));
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'a fox [slow:2]', seed: 7, width: 1000, height: 1000 },
    });
    expect(job.state).toBe('queued');
    expect(job.warnings).toContainEqual(
      expect.objectContaining({ type: 'adjusted', param: 'width', to: 1024 }),
    );
    const done = await settled(genhub, job);
    expect(done.state).toBe('succeeded');
    expect(events).toEqual(
      expect.arrayContaining([
        'state:queued',
        'state:submitting',
        'state:running',
        'progress:running',
        'succeeded:succeeded',
      ]),
    );
    const file = readFileSync(join(genhub.config.dataDir, 'artifacts', done.outputs[0]!.key));
    expect(file.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(done.chargedMicros).toBe(10_000);
    expect(await genhub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 990_000,
      reservedMicros: 0,
    });
  });

  it('quotes the price of a request without reserving or queueing anything', async () => {
    genhub = await startGenHub();
    const before = await genhub.store.ledger.balance(user);
    const quote = await genhub.generation.quote({
      task: 'text-to-image',
      params: { prompt: 'a fox', width: 1000, height: 1000 },
    });
    expect(quote.priceMicros).toBeGreaterThan(0);
    expect(quote.params.width).toBe(1024);
    const job = await genhub.store.ledger.grant(user, quote.priceMicros).then(() =>
      genhub!.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: 'a fox', width: 1000, height: 1000 },
      }),
    );
    expect(job.reservedMicros).toBe(quote.priceMicros);
    expect(before.availableMicros).toBe(0);
    await expect(
      genhub.generation.quote({ task: 'text-to-image', model: 'nope/none', params: {} }),
    ).rejects.toThrow(GenHubError);
    await settled(genhub, job);
  });

  it('refunds a job the provider fails, and one the user cancels', async () => {
    genhub = await startGenHub();
    await genhub.store.ledger.grant(user, 1_000_000);
    const failed = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'x [slow:1] [fail]' },
    });
    expect(await settled(genhub, failed)).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'CONTENT_REJECTED' },
    });
    const hanging = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'y [hang]' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelled = await genhub.generation.cancel(hanging.id, 'u1');
    expect(cancelled).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 1_000_000,
      reservedMicros: 0,
    });
  });

  it('cancels a job waiting in line; when its turn comes it is not sent to the provider', async () => {
    genhub = await startGenHub({ jobs: { concurrency: 1 } });
    await genhub.store.ledger.grant(user, 1_000_000);
    const states: string[] = [];
    const running = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'first [hang]' },
    });
    const waiting = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'second' },
    });
    genhub.generation.events.subscribeJob(waiting.id, (event) => states.push(event.job.state));
    expect(genhub.generation.queuePosition(waiting.id)).toBe(1);
    expect(await genhub.generation.cancel(waiting.id, 'u1')).toMatchObject({ state: 'cancelled' });
    // Its turn: the runner starts from the record the request wrote, which still says queued.
    expect(await genhub.generation.cancel(running.id, 'u1')).toMatchObject({ state: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(genhub.generation.queueSize()).toEqual({ waiting: 0, running: 0 });
    expect(states).toEqual(['cancelled']);
    expect(await genhub.store.jobs.get(waiting.id)).toMatchObject({ state: 'cancelled', remoteRef: null });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 1_000_000,
      reservedMicros: 0,
    });
  });

  it('times out a job past its deadline and refunds it', async () => {
    genhub = await startGenHub({ jobs: { deadlineMinutes: 0.005 } });
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'z [hang]' },
    });
    expect(await settled(genhub, job)).toMatchObject({
      state: 'timed_out',
      chargedMicros: 0,
      error: { code: 'TIMEOUT' },
    });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({ availableMicros: 1_000_000 });
  });

  it('fails a job the provider keeps rate-limiting, refunded', async () => {
    genhub = await startGenHub({ jobs: { submitAttempts: 1 } });
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'r [rate-limit]' },
    });
    expect(await settled(genhub, job)).toMatchObject({ state: 'failed', error: { code: 'RATE_LIMITED' } });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({ availableMicros: 1_000_000 });
  });
});

describe('bad input ends in one typed error and leaves the ledger unchanged', () => {
  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['an unknown model', () => ({ model: 'fake/imagen', params: { prompt: 'a' } }), 'MODEL_NOT_FOUND'],
    ['a missing prompt', () => ({ params: {} }), 'INVALID_INPUT'],
    ['a prompt over the limit', () => ({ params: { prompt: 'a'.repeat(1001) } }), 'INVALID_INPUT'],
    ['a size outside the range', () => ({ params: { prompt: 'a', width: 5000 } }), 'INVALID_INPUT'],
    [
      'a web page as the input image',
      () => ({ task: 'image-to-image', params: { prompt: 'a', images: [{ url: `${filesUrl}/page.html` }] } }),
      'INVALID_INPUT',
    ],
    [
      'an oversized input image',
      () => ({ task: 'image-to-image', params: { prompt: 'a', images: [{ url: `${filesUrl}/big.png` }] } }),
      'INVALID_INPUT',
    ],
    [
      'an input image on a private address',
      () => ({
        task: 'image-to-image',
        params: { prompt: 'a', images: [{ url: 'http://10.0.0.5/cat.png' }] },
      }),
      'INVALID_INPUT',
    ],
  ];

  it.each(cases)('%s', async (_name, input, code) => {
    genhub = await startGenHub({ trustedOrigins: [filesUrl] });
    await genhub.store.ledger.grant(user, 1_000_000);
    const error = await rejection(
      genhub.generation.request({ userId: 'u1', task: 'text-to-image', ...input() } as never),
    );
    expect(GenHubError.isInstance(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(await genhub.store.ledger.balance(user)).toEqual({
      account: user,
      availableMicros: 1_000_000,
      reservedMicros: 0,
    });
    expect((await genhub.generation.usage({ userId: 'u1' })).items).toEqual([]);
  });

  it('suggests the model meant', async () => {
    genhub = await startGenHub();
    const error = await rejection(
      genhub.generation.request({
        userId: 'u1',
        model: 'fake/imagen',
        task: 'text-to-image',
        params: { prompt: 'a' },
      }),
    );
    expect(error.suggestions).toContain('fake/image');
  });

  it('accepts a real image from a trusted origin', async () => {
    genhub = await startGenHub({ trustedOrigins: [filesUrl] });
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'image-to-image',
      params: { prompt: 'a', images: [{ url: `${filesUrl}/cat.png` }] },
    });
    expect((await settled(genhub, job)).state).toBe('succeeded');
  });

  it('fails an oversized result and refunds it', async () => {
    genhub = await startGenHub({ jobs: { maxOutputMegabytes: 0.00001 } });
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'big' },
    });
    const done = await settled(genhub, job);
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'INVALID_INPUT' } });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 1_000_000,
      reservedMicros: 0,
    });
  });
});

describe('credits and limits', () => {
  it('admits exactly 10 of 100 concurrent requests against a balance that covers 10', async () => {
    genhub = await startGenHub();
    await genhub.store.ledger.grant(user, 100_000);
    const gh = genhub;
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        gh.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: `p${i} [hang]` } }),
      ),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toHaveLength(10);
    expect(new Set(refused.map((r) => (r.reason as GenHubError).code))).toEqual(
      new Set(['INSUFFICIENT_FUNDS']),
    );
    expect(await gh.store.ledger.balance(user)).toMatchObject({
      availableMicros: 0,
      reservedMicros: 100_000,
    });
  });

  it('holds the in-flight cap under concurrent requests', async () => {
    genhub = await startGenHub({
      limits: { maxJobsInFlight: 3, rate: { image: { max: 100, windowSeconds: 60 } } },
    });
    await genhub.store.ledger.grant(user, 1_000_000);
    const gh = genhub;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        gh.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: `c${i} [hang]` } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await gh.store.ledger.balance(user)).toMatchObject({ reservedMicros: 30_000 });
  });

  it('limits requests per minute by task class and jobs in flight, saying how long to wait', async () => {
    genhub = await startGenHub({
      limits: { maxJobsInFlight: 3, rate: { image: { max: 5, windowSeconds: 60 } } },
    });
    await genhub.store.ledger.grant(user, 1_000_000);
    for (let i = 0; i < 3; i++) {
      await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: `h${i} [hang]` },
      });
    }
    const inFlight = await rejection(
      genhub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: 'one more' } }),
    );
    expect(inFlight).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'in-flight' } });
    for (const job of (await genhub.generation.usage({ userId: 'u1' })).items)
      await genhub.generation.cancel(job.id, 'u1');
    await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'four [sync]' },
    });
    await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'five [sync]' },
    });
    const rate = await rejection(
      genhub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: 'six' } }),
    );
    expect(rate.code).toBe('RATE_LIMITED');
    expect(rate.retryAfterSeconds).toBeGreaterThan(50);
    const speech = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-speech',
      params: { prompt: 'hello [sync]' },
    });
    expect(speech.state).toBe('queued');
  });

  it('keeps to a daily budget', async () => {
    genhub = await startGenHub({ billing: { dailyBudgetUsd: 0.02 } });
    await genhub.store.ledger.grant(user, 1_000_000);
    await genhub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: 'a [sync]' } });
    await genhub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: 'b [sync]' } });
    const error = await rejection(
      genhub.generation.request({ userId: 'u1', task: 'text-to-image', params: { prompt: 'c' } }),
    );
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { reason: 'daily-budget' } });
  });

  it('pages usage history by user and task, newest first', async () => {
    genhub = await startGenHub();
    await genhub.store.ledger.grant(user, 1_000_000);
    for (let i = 0; i < 5; i++)
      await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: `i${i} [sync]` },
      });
    await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-speech',
      params: { prompt: 'hello [sync]' },
    });
    const first = await genhub.generation.usage({ userId: 'u1', task: 'text-to-image', limit: 3 });
    const second = await genhub.generation.usage({
      userId: 'u1',
      task: 'text-to-image',
      limit: 3,
      cursor: first.nextCursor,
    });
    expect(first.items.map((j) => j.params.prompt)).toEqual(['i4 [sync]', 'i3 [sync]', 'i2 [sync]']);
    expect(second.items.map((j) => j.params.prompt)).toEqual(['i1 [sync]', 'i0 [sync]']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('failover', () => {
  const model = (id: string, fallbacks: string[] = []): ModelSpec => ({
    id,
    name: id,
    tasks: ['text-to-video'],
    output: 'video',
    params: z.object({ prompt: vocabulary.prompt }),
    estimatePrice: () => ({ usd: 0.5 }),
    fallbacks,
  });
  const received: Array<Readonly<Record<string, unknown>>> = [];
  const down = definePlugin({
    id: 'alpha',
    name: 'Alpha',
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [
        {
          ...model('alpha/seedance-2.0', ['beta/seedance-2.0']),
          params: z.object({ prompt: vocabulary.prompt, mode: z.enum(['FAST', 'ULTRA']).default('FAST') }),
        },
      ],
      submit: async () => {
        throw new GenHubError('PROVIDER_UNAVAILABLE', 'Alpha is down (503).', { beforeAcceptance: true });
      },
      poll: async () => ({ status: 'pending' }),
    }),
  });
  const up = definePlugin({
    id: 'beta',
    name: 'Beta',
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [model('beta/seedance-2.0')],
      submit: async (request) => {
        received.push(request.params);
        return {
          status: 'succeeded',
          outputs: [{ kind: 'bytes', data: solidPng(2, 2, [9, 9, 9]), mediaType: 'image/png' }],
          cost: { usd: 0.45 },
        };
      },
      poll: async () => ({ status: 'pending' }),
    }),
  });

  it('moves a job to the fallback when the provider fails before accepting it, and records where it ran', async () => {
    genhub = await startGenHub({ limits: { rate: { 'text-to-video': { max: 10, windowSeconds: 60 } } } }, [
      down,
      up,
      fakePlugin,
    ]);
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: 'u1',
      model: 'alpha/seedance-2.0',
      task: 'text-to-video',
      params: { prompt: 'a cat' },
    });
    const done = await settled(genhub, job);
    expect(done.state).toBe('succeeded');
    expect(currentModel(done)).toBe('beta/seedance-2.0');
    expect(done.route).toEqual(['alpha/seedance-2.0', 'beta/seedance-2.0']);
    expect(done.warnings).toContainEqual({
      type: 'other',
      message: expect.stringContaining('moved to beta/seedance-2.0'),
    });
    expect(done.chargedMicros).toBe(450_000);
    // Beta has no `mode`: the parameters were validated again for it, and the drop reported.
    expect(received.at(-1)).toEqual({ prompt: 'a cat' });
    expect(done.warnings).toContainEqual(expect.objectContaining({ type: 'unsupported', feature: 'mode' }));
  });
});
