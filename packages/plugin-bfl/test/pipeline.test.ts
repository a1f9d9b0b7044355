import type { GenHub } from '@genhub/core';
import { type FakeServer, startFakeServer, virtualClock, waitForJob } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BFL_KEY, type FakeBflApi, startFakeBflApi } from './fake-bfl-api.js';
import { type Pipeline, refusal, startPipeline } from './harness.js';

// BFL through the real pipeline: createGenHub + generation.request, the fake BFL on 127.0.0.1.

let fake: FakeBflApi;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  fake = await startFakeBflApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(async () => {
  await pipeline?.genhub.close();
  pipeline = undefined;
});

async function start(): Promise<Pipeline> {
  pipeline = await startPipeline(fake);
  return pipeline;
}

const textToImage = {
  model: 'bfl/flux-2-pro',
  task: 'text-to-image',
  params: { prompt: 'a red fox' },
} as const;

describe('BFL generations through the pipeline', () => {
  it('generates an image: submits with x-key, polls the regional polling_url, stores the sample, charges the reported credits', async () => {
    const { run, logs } = await start();
    fake.plan({ pendingPolls: 2, ending: 'Ready' });
    const job = await run({ ...textToImage, params: { prompt: 'a red fox', aspectRatio: '16:9', seed: 11 } });

    expect(job.state).toBe('succeeded');
    expect(job.outputs.map((output) => output.mediaType)).toEqual(['image/jpeg']);
    expect(job.outputs[0]?.metadata).toMatchObject({ seed: 11 });
    // FLUX.2 [pro] answered `cost: 3` credits: $0.03.
    expect(job.chargedMicros).toBe(30_000);
    const [submit] = fake.submits('flux-2-pro');
    expect(submit?.headers['x-key']).toBe(FAKE_BFL_KEY);
    expect(submit?.bodyJson, JSON.stringify(submit?.bodyJson)).toEqual({
      prompt: 'a red fox',
      width: 1344,
      height: 768,
      seed: 11,
      safety_tolerance: 2,
      output_format: 'jpeg',
    });
    // Every poll went to the regional host named by polling_url, with the key.
    expect(fake.global.callsTo('GET /v1/get_result')).toHaveLength(0);
    const polls = fake.regional.callsTo('GET /v1/get_result');
    expect(polls).toHaveLength(3);
    expect(polls.every((call) => call.headers['x-key'] === FAKE_BFL_KEY)).toBe(true);
    expect(fake.regional.callsTo('GET /results/:id/:file')).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toContain(FAKE_BFL_KEY);
  });

  it('edits with several reference images as input_image, input_image_2, ...', async () => {
    const { run } = await start();
    fake.plan({ pendingPolls: 0, ending: 'Ready' });
    const images = ['a.png', 'b.png', 'c.png'].map((name) => ({
      url: `${fake.regional.url}/results/in/${name}`,
    }));
    const job = await run({
      model: 'bfl/flux-2-max',
      task: 'image-to-image',
      params: { prompt: 'the person from image 1 in the room of image 2', images, outputFormat: 'png' },
    });

    expect(job.state).toBe('succeeded');
    expect(job.outputs.map((output) => output.mediaType)).toEqual(['image/png']);
    const body = fake.submits('flux-2-max')[0]?.bodyJson as Record<string, unknown>;
    expect(Object.keys(body).filter((key) => key.startsWith('input_image'))).toEqual([
      'input_image',
      'input_image_2',
      'input_image_3',
    ]);
    expect(job.chargedMicros).toBe(70_000);
  });

  it.each([
    ['Request Moderated', 'CONTENT_REJECTED', false],
    ['Content Moderated', 'CONTENT_REJECTED', false],
    ['Error', 'PROVIDER_UNAVAILABLE', true],
    ['Task not found', 'PROVIDER_UNAVAILABLE', false],
  ] as const)('a task that ends as %s fails with %s and is refunded', async (ending, code, retryable) => {
    const { run, genhub } = await start();
    fake.plan({ pendingPolls: 1, ending });
    const job = await run(textToImage);

    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code, retryable, provider: 'bfl' });
    expect(job.chargedMicros ?? 0).toBe(0);
    expect(await balance(genhub)).toBe(10_000_000);
    if (code === 'CONTENT_REJECTED') {
      expect(job.error?.details?.providerMessage).toContain('Derivative Works');
    }
  });

  it('waits out a rate limit (429) for as long as BFL asks, then submits again', async () => {
    const { run, logs } = await start();
    fake.plan({ pendingPolls: 0, ending: 'Ready' });
    fake.refuseSubmit('flux-2-pro', {
      status: 429,
      headers: { 'retry-after': '1' },
      json: { detail: 'You have exceeded the number of active tasks.' },
    });
    const job = await run(textToImage);

    expect(job.state).toBe('succeeded');
    expect(fake.submits('flux-2-pro')).toHaveLength(2);
    expect(logs.find((line) => line.message === 'submit failed, retrying')?.fields).toMatchObject({
      code: 'RATE_LIMITED',
      waitMs: 1000,
    });
  });

  it('fails a server error (500) on submit as PROVIDER_UNAVAILABLE without sending the paid POST twice', async () => {
    const { run } = await start();
    fake.refuseSubmit('flux-2-pro', { status: 500, json: { detail: 'Internal Server Error' } });
    const job = await run(textToImage);

    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.submits('flux-2-pro')).toHaveLength(1);
    expect(job.chargedMicros ?? 0).toBe(0);
  });

  it('reports insufficient credits (402) as INSUFFICIENT_FUNDS', async () => {
    const { run } = await start();
    fake.refuseSubmit('flux-2-pro', { status: 402, json: { detail: 'Insufficient credits' } });
    const job = await run(textToImage);
    expect(job.error?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('refuses bad input before any request, naming the parameter', async () => {
    const { genhub } = await start();
    const cases: Array<[Record<string, unknown>, string, 'text-to-image' | 'image-to-image']> = [
      [{ prompt: 'x', safetyTolerance: 6 }, 'safetyTolerance', 'text-to-image'],
      [{ prompt: 'x', outputFormat: 'gif' }, 'outputFormat', 'text-to-image'],
      [
        { prompt: 'x', images: Array(9).fill({ url: `${fake.regional.url}/results/in/a.png` }) },
        'images',
        'image-to-image',
      ],
      [{ prompt: 'x', width: 4000, height: 4000 }, 'width', 'text-to-image'],
      [{ prompt: 'edit it' }, 'images', 'image-to-image'],
    ];
    for (const [params, param, task] of cases) {
      const input = { model: 'bfl/flux-2-pro', task, params };
      const refused = await refusal(genhub, input);
      expect(refused, JSON.stringify(params)).toMatchObject({ code: 'INVALID_INPUT' });
      expect(refused?.details?.param, JSON.stringify(params)).toBe(param);
    }
    expect(fake.submits()).toHaveLength(0);
  });

  it('reports the credits left as the balance', async () => {
    const { genhub } = await start();
    const provider = genhub.registry.provider('bfl');
    const balanceAnswer = await provider?.balance?.({ signal: AbortSignal.timeout(5000) });
    expect(balanceAnswer).toEqual({ credits: 1234.5, usd: 12.345 });
  });
});

describe('where the key goes', () => {
  let stranger: FakeServer;
  beforeAll(async () => {
    stranger = await startFakeServer();
  });
  afterAll(() => stranger.close());

  it('never sends the key to a polling_url off BFL hosts: it polls get_result at the base URL instead', async () => {
    const { run } = await start();
    fake.plan({ pendingPolls: 1, ending: 'Ready' });
    // `localhost` is another host than the base URL's 127.0.0.1.
    fake.pollOn(stranger.url.replace('127.0.0.1', 'localhost'));
    const job = await run(textToImage);

    expect(job.state).toBe('succeeded');
    expect(stranger.calls).toHaveLength(0);
    expect(fake.global.callsTo('GET /v1/get_result').map((call) => call.query.id)).toEqual([
      'task-1-flux-2-pro',
      'task-1-flux-2-pro',
    ]);
  });

  it('keeps the key out of a refused request’s error', async () => {
    const { run } = await start();
    fake.refuseSubmit('flux-2-pro', { status: 400, json: { detail: `bad key ${FAKE_BFL_KEY}` } });
    const job = await run(textToImage);
    expect(job.state).toBe('failed');
    expect(JSON.stringify(job.error)).not.toContain(FAKE_BFL_KEY);
  });
});

describe('polling a long task on GenHub’s schedule', () => {
  it('sees a 2-minute task within 10 s of being ready, in at most 15 status calls', async () => {
    const clock = virtualClock();
    const slow = await startFakeBflApi({ now: clock.now });
    try {
      const started = await startPipeline(slow, { clock });
      pipeline = started;
      slow.plan({ pendingPolls: 0, ending: 'Ready', readyAfterMs: 120_000 });
      const job = await started.genhub.generation.request({ userId: 'u1', ...textToImage });
      const readyAt = clock.now() + 120_000;
      const done = await waitForJob(started.genhub, job, { timeoutMs: 20_000 });

      expect(done.state).toBe('succeeded');
      // GenHub's schedule without a hint: 2 s after the submit, growing by half to 10 s apart.
      expect(slow.statusCalls().length).toBeLessThanOrEqual(15);
      expect((done.finishedAt ?? 0) - readyAt).toBeLessThanOrEqual(10_000);
    } finally {
      await pipeline?.genhub.close();
      pipeline = undefined;
      await slow.close();
    }
  });
});

async function balance(genhub: GenHub): Promise<number> {
  return (await genhub.store.ledger.balance({ kind: 'user', id: 'u1' })).availableMicros;
}
