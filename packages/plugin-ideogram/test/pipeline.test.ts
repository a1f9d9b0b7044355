import type { GenHub } from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_IDEOGRAM_KEY, type FakeIdeogramApi, startFakeIdeogramApi } from './fake-ideogram-api.js';
import { type Pipeline, refusal, startPipeline } from './harness.js';

// Ideogram through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeIdeogramApi;
let pipeline: Pipeline | undefined;

beforeAll(async () => {
  fake = await startFakeIdeogramApi();
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

const generate = {
  model: 'ideogram/ideogram-v3',
  task: 'text-to-image',
  params: { prompt: 'a poster that says OPEN' },
} as const;

async function balance(genhub: GenHub): Promise<number> {
  return (await genhub.store.ledger.balance({ kind: 'user', id: 'u1' })).availableMicros;
}

describe('Ideogram 3.0 through the pipeline', () => {
  it('generates: a multipart form with the Api-Key, the images stored, the published price charged', async () => {
    const { run, logs } = await start();
    const job = await run({
      ...generate,
      params: {
        prompt: 'a poster that says OPEN',
        aspectRatio: '16:9',
        quantity: 2,
        style: 'ART_DECO',
        seed: 4,
      },
    });

    expect(job.state).toBe('succeeded');
    expect(job.outputs.map((output) => output.mediaType)).toEqual(['image/png', 'image/png']);
    expect(job.outputs[0]?.metadata).toMatchObject({ seed: 4, resolution: '1024x1024' });
    // Two images at DEFAULT speed: 2 x $0.06.
    expect(job.chargedMicros).toBe(120_000);
    const [post] = fake.posts('/v1/ideogram-v3/generate');
    expect(post?.headers['api-key']).toBe(FAKE_IDEOGRAM_KEY);
    expect(post?.multipart?.fields).toEqual({
      prompt: 'a poster that says OPEN',
      seed: '4',
      aspect_ratio: '16x9',
      rendering_speed: 'DEFAULT',
      num_images: '2',
      style_preset: 'ART_DECO',
    });
    expect(JSON.stringify(logs)).not.toContain(FAKE_IDEOGRAM_KEY);
  });

  it('snaps an aspect ratio Ideogram lacks to the nearest it has', async () => {
    const { run } = await start();
    const job = await run({ ...generate, params: { prompt: 'a banner', aspectRatio: '21:9' } });
    expect(job.state).toBe('succeeded');
    expect(fake.posts('/v1/ideogram-v3/generate')[0]?.multipart?.fields.aspect_ratio).toBe('2x1');
  });

  it('remixes an image: the file uploaded, fetched without the key', async () => {
    const { run } = await start();
    const job = await run({
      model: 'ideogram/ideogram-v3',
      task: 'image-to-image',
      params: { prompt: 'as a linocut', images: [{ url: fake.inputUrl('photo.png') }], imageWeight: 30 },
    });

    expect(job.state).toBe('succeeded');
    const [post] = fake.posts('/v1/ideogram-v3/remix');
    expect(post?.multipart?.files.image?.type).toBe('image/png');
    expect(post?.multipart?.fields).toMatchObject({ prompt: 'as a linocut', image_weight: '30' });
    const fetches = fake.server.callsTo('GET /inputs/:name');
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches.every((call) => call.headers['api-key'] === undefined)).toBe(true);
  });

  it.each([
    [
      'edit with a mask',
      'ideogram/ideogram-v3-edit',
      'image-to-image',
      '/v1/ideogram-v3/edit',
      (url: (name: string) => string) => ({
        prompt: 'a red scarf',
        images: [{ url: url('photo.png') }],
        mask: { url: url('mask.png') },
        styleCodes: ['0a1b2c3d'],
      }),
      ['image', 'mask'],
    ],
    [
      'reframe to a wider size',
      'ideogram/ideogram-v3-reframe',
      'image-to-image',
      '/v1/ideogram-v3/reframe',
      (url: (name: string) => string) => ({ images: [{ url: url('photo.png') }], aspectRatio: '16:9' }),
      ['image'],
    ],
    [
      'replace the background',
      'ideogram/ideogram-v3-replace-background',
      'image-to-image',
      '/v1/ideogram-v3/replace-background',
      (url: (name: string) => string) => ({ prompt: 'a beach', images: [{ url: url('photo.png') }] }),
      ['image'],
    ],
    [
      'upscale',
      'ideogram/upscale',
      'upscale',
      '/upscale',
      (url: (name: string) => string) => ({ images: [{ url: url('photo.png') }], detail: 90 }),
      ['image_file'],
    ],
  ] as const)('%s', async (_name, model, task, path, params, files) => {
    const { run } = await start();
    const job = await run({ model, task, params: params(fake.inputUrl) });

    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.outputs).toHaveLength(1);
    const [post] = fake.posts(path);
    expect(Object.keys(post?.multipart?.files ?? {})).toEqual(files);
    if (path === '/v1/ideogram-v3/reframe') expect(post?.multipart?.fields.resolution).toBe('1344x768');
    if (path === '/upscale') {
      expect(JSON.parse(post?.multipart?.fields.image_request ?? '{}')).toEqual({
        resemblance: 50,
        detail: 90,
        num_images: 1,
      });
    }
  });

  it('reports a prompt that fails the safety check (422) as CONTENT_REJECTED, not charged', async () => {
    const { run, genhub } = await start();
    fake.answer({ status: 422, json: { error: 'Prompt failed the safety check.' } });
    const job = await run(generate);

    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'CONTENT_REJECTED', retryable: false });
    expect(job.error?.details?.providerMessage).toContain('safety check');
    expect(await balance(genhub)).toBe(10_000_000);
  });

  it('refuses a result whose every image was flagged unsafe, and keeps the safe ones otherwise', async () => {
    const { run } = await start();
    fake.answer('allUnsafe');
    const refused = await run({ ...generate, params: { prompt: 'x', quantity: 2 } });
    expect(refused.error?.code).toBe('CONTENT_REJECTED');

    fake.answer('someUnsafe');
    const partial = await run({ ...generate, params: { prompt: 'x', quantity: 3 } });
    expect(partial.state).toBe('succeeded');
    expect(partial.outputs).toHaveLength(2);
    expect(partial.warnings).toContainEqual({
      type: 'other',
      message: 'Ideogram withheld 1 of 3 images as unsafe.',
    });
  });

  it('waits out a rate limit (429) as long as Ideogram asks, then sends again', async () => {
    const { run, logs } = await start();
    fake.refuseOnce({
      status: 429,
      headers: { 'retry-after': '1' },
      json: { error: 'Too many requests in flight.', reject_reason: 'inflight_limit' },
    });
    const job = await run(generate);

    expect(job.state).toBe('succeeded');
    expect(fake.posts('/v1/ideogram-v3/generate')).toHaveLength(2);
    expect(logs.find((line) => line.message === 'submit failed, retrying')?.fields).toMatchObject({
      code: 'RATE_LIMITED',
      waitMs: 1000,
    });
  });

  it('fails a server error (500) as PROVIDER_UNAVAILABLE without sending the paid request twice', async () => {
    const { run, genhub } = await start();
    fake.answer({ status: 500, json: { error: 'Internal server error.' } });
    const job = await run(generate);

    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.posts()).toHaveLength(1);
    expect(await balance(genhub)).toBe(10_000_000);
  });

  it('reports missing credits (402) as INSUFFICIENT_FUNDS', async () => {
    const { run } = await start();
    fake.answer({
      status: 402,
      json: { error: 'Insufficient credits.', reject_reason: 'insufficient_funds' },
    });
    expect((await run(generate)).error?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('refuses bad input before any request, naming the parameter', async () => {
    const { genhub } = await start();
    const image = [{ url: fake.inputUrl('photo.png') }];
    const cases: Array<
      [string, 'text-to-image' | 'image-to-image' | 'upscale', Record<string, unknown>, string]
    > = [
      ['ideogram/ideogram-v3', 'text-to-image', { prompt: 'x', quantity: 9 }, 'quantity'],
      ['ideogram/ideogram-v3', 'text-to-image', { prompt: 'x', renderingSpeed: 'FAST' }, 'renderingSpeed'],
      ['ideogram/ideogram-v3', 'text-to-image', { prompt: 'x', styleCodes: ['nothex!!'] }, 'styleCodes[0]'],
      [
        'ideogram/ideogram-v3',
        'text-to-image',
        { prompt: 'x', styleCodes: ['0a1b2c3d'], styleType: 'DESIGN' },
        'styleCodes',
      ],
      ['ideogram/ideogram-v3', 'image-to-image', { prompt: 'x' }, 'images'],
      ['ideogram/ideogram-v3', 'text-to-image', { prompt: 'x', seed: 2_147_483_648 }, 'seed'],
      ['ideogram/ideogram-v3-edit', 'image-to-image', { prompt: 'x', images: image }, 'mask'],
      ['ideogram/upscale', 'upscale', { images: image, resemblance: 0 }, 'resemblance'],
    ];
    for (const [model, task, params, param] of cases) {
      const refused = await refusal(genhub, { model, task, params });
      expect(refused, `${model} ${JSON.stringify(params)}`).toMatchObject({ code: 'INVALID_INPUT' });
      expect(refused?.details?.param, `${model} ${JSON.stringify(params)}`).toBe(param);
    }
    expect(fake.posts()).toHaveLength(0);
  });
});
