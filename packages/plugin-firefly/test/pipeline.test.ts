import type { GenHub, JobRecord, Task } from '@genhub/core';
import { solidPng, virtualClock } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  type FakeFireflyApi,
  startFakeFireflyApi,
} from './fake-firefly-api.js';
import { rejection, settled, startPipeline, user } from './harness.js';

// Firefly through the real pipeline: createGenHub + generation.request, the fake Firefly and IMS on
// 127.0.0.1.

let fake: FakeFireflyApi | undefined;
let genhub: GenHub | undefined;

afterEach(async () => {
  await genhub?.close();
  await fake?.close();
  genhub = undefined;
  fake = undefined;
});

async function start(options: Parameters<typeof startPipeline>[1] & { fakeClock?: { now(): number } } = {}) {
  fake = await startFakeFireflyApi(options.fakeClock ?? options.clock);
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return { fake, ...started };
}

async function run(model: string, task: Task, params: Record<string, unknown>): Promise<JobRecord> {
  return settled(genhub!, await genhub!.generation.request({ userId: user.id, model, task, params }));
}

const image = ['firefly/image4_standard', 'text-to-image'] as const;
const png = {
  url: `data:image/png;base64,${Buffer.from(solidPng(8, 8, [1, 2, 3])).toString('base64')}`,
  mediaType: 'image/png',
};

describe('Firefly images and video through the pipeline', () => {
  it('generates images with one token for several jobs, sending the model, size and credentials', async () => {
    const { fake } = await start();
    fake.plan({ runningPolls: 1, ending: 'succeeded' });
    const first = await run(...image, { prompt: 'a red fox', aspectRatio: '16:9', quantity: 2 });
    const second = await run('firefly/image3', 'text-to-image', { prompt: 'a blue fox', aspectRatio: '3:4' });
    expect(first).toMatchObject({ state: 'succeeded', chargedMicros: 40_000 });
    expect(first.outputs.map((output) => output.mediaType)).toEqual(['image/png', 'image/png']);
    expect(second.state).toBe('succeeded');
    expect(fake.issuedTokens).toHaveLength(1);
    const [one, two] = fake.server.callsTo('POST /v3/images/generate-async');
    expect(one).toMatchObject({
      headers: {
        'x-model-version': 'image4_standard',
        'x-api-key': FAKE_CLIENT_ID,
        authorization: `Bearer ${fake.issuedTokens[0]}`,
      },
      bodyJson: { prompt: 'a red fox', numVariations: 2, size: { width: 2688, height: 1536 } },
    });
    expect(two).toMatchObject({
      headers: { 'x-model-version': 'image3' },
      bodyJson: { size: { width: 1792, height: 2304 } },
    });
  });

  it('uploads style and structure references and sends their upload ids', async () => {
    const { fake } = await start();
    const done = await run('firefly/image4_ultra', 'image-to-image', {
      prompt: 'same room at night',
      images: [png],
      styleImage: png,
      style: 'neon,dramatic_light',
      contentClass: 'photo',
    });
    expect(done.state).toBe('succeeded');
    const uploads = fake.server.callsTo('POST /v2/storage/image');
    expect(uploads.map((call) => call.headers['content-type'])).toEqual(['image/png', 'image/png']);
    expect(fake.server.callsTo('POST /v3/images/generate-async')[0]?.bodyJson).toMatchObject({
      contentClass: 'photo',
      style: {
        presets: ['neon', 'dramatic_light'],
        imageReference: { source: { uploadId: expect.any(String) } },
      },
      structure: { imageReference: { source: { uploadId: expect.any(String) } } },
    });
  });

  it('generates a video from a first frame, at the size of its aspect ratio and resolution', async () => {
    const { fake } = await start();
    const done = await run('firefly/video1_standard', 'image-to-video', {
      prompt: 'the boat sails away',
      firstFrame: png,
      aspectRatio: '1:1',
      resolution: '720p',
    });
    expect(done).toMatchObject({ state: 'succeeded', outputs: [{ mediaType: 'video/mp4' }] });
    expect(fake.server.callsTo('POST /v3/videos/generate')[0]).toMatchObject({
      headers: { 'x-model-version': 'video1_standard' },
      bodyJson: {
        sizes: [{ width: 720, height: 720 }],
        image: { conditions: [{ placement: { position: 0 }, source: { uploadId: expect.any(String) } }] },
      },
    });
  });

  it('reports an unsafe prompt as CONTENT_REJECTED in Firefly words, not charged', async () => {
    const { fake } = await start();
    fake.server.route('POST /v3/images/generate-async', {
      status: 400,
      json: { error_code: 'prompt_unsafe', message: 'The prompt contains unsafe content.' },
    });
    const done = await run(...image, { prompt: 'something unsafe' });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    expect(done.error?.details?.providerMessage).toContain('unsafe content');
  });

  it('reports a video refused with HTTP 451 as CONTENT_REJECTED', async () => {
    const { fake } = await start();
    fake.server.route('POST /v3/videos/generate', {
      status: 451,
      json: {
        error_code: 'reference_image_unsafe_error',
        message: 'Reference image contains unsafe content',
      },
    });
    const done = await run('firefly/video1_standard', 'image-to-video', { prompt: 'x', firstFrame: png });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
  });

  it.each([
    [
      'unsafe output',
      { error_code: 'output_media_unsafe', message: 'The output was flagged.' },
      'CONTENT_REJECTED',
    ],
    ['runtime error', { error_code: 'runtime_error', message: 'Generation failed.' }, 'PROVIDER_UNAVAILABLE'],
    ['timeout', 'timeout' as const, 'TIMEOUT'],
  ])('fails a job that ends in %s with %s, refunded', async (_name, ending, code) => {
    const { fake } = await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.plan({ runningPolls: 1, ending });
    const done = await run(...image, { prompt: 'a fox' });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code } });
  });

  it('reports a rate limit as RATE_LIMITED with its wait, and a server error as PROVIDER_UNAVAILABLE', async () => {
    const { fake } = await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.server.route('POST /v3/images/generate-async', {
      status: 429,
      headers: { 'retry-after': '30' },
      json: { error_code: 'backpressure_limited', message: 'Too many requests' },
    });
    expect(await run(...image, { prompt: 'a fox' })).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 30 },
    });
    fake.server.route('POST /v3/images/generate-async', {
      status: 500,
      json: { error_code: 'runtime_error', message: 'Internal error' },
    });
    expect(await run(...image, { prompt: 'a fox' })).toMatchObject({
      state: 'failed',
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
  });

  it('cancels a running job at Firefly', async () => {
    const { fake } = await start();
    fake.plan({ runningPolls: 10_000, ending: 'succeeded' });
    const queued = await genhub!.generation.request({
      userId: user.id,
      model: image[0],
      task: image[1],
      params: { prompt: 'a fox' },
    });
    await expect.poll(() => fake.server.callsTo('GET /v3/status/:jobId').length).toBeGreaterThan(0);
    const cancelled = await genhub!.generation.cancel(queued.id, user.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    expect(fake.server.callsTo('PUT /v3/cancel/:jobId')).toHaveLength(1);
  });

  it.each([
    ['quantity', { quantity: 5 }],
    ['style', { style: 'Not A Preset' }],
    ['contentClass', { contentClass: 'cartoon' }],
    ['prompt', { prompt: 'x'.repeat(1025) }],
  ])('refuses a bad %s before calling Firefly', async (param, params) => {
    const { fake } = await start();
    const error = await rejection(
      genhub!.generation.request({
        userId: user.id,
        model: image[0],
        task: image[1],
        params: { prompt: 'a fox', ...params },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { param } });
    expect(fake.server.callsTo('POST /v3/images/generate-async')).toHaveLength(0);
  });
});

describe('Firefly credentials', () => {
  it('renews the token before it expires', async () => {
    const clock = virtualClock();
    const { fake } = await start({ clock, config: { jobs: { pollInitialMs: 1000, pollMaxMs: 1000 } } });
    fake.tokenLifetimeSeconds = 600;
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    expect((await run(...image, { prompt: 'one' })).state).toBe('succeeded');
    clock.advance(4 * 60_000);
    expect((await run(...image, { prompt: 'two' })).state).toBe('succeeded');
    expect(fake.issuedTokens).toHaveLength(1);
    // Five minutes before the ten-minute token runs out, a new one is asked for.
    clock.advance(2 * 60_000);
    expect((await run(...image, { prompt: 'three' })).state).toBe('succeeded');
    expect(fake.issuedTokens).toHaveLength(2);
    const last = fake.server.callsTo('POST /v3/images/generate-async').at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${fake.issuedTokens[1]}`);
  });

  it('asks for a new token once when Firefly refuses the cached one', async () => {
    const { fake } = await start();
    expect((await run(...image, { prompt: 'one' })).state).toBe('succeeded');
    fake.revokeTokens();
    expect((await run(...image, { prompt: 'two' })).state).toBe('succeeded');
    expect(fake.issuedTokens).toHaveLength(2);
  });

  it('sends the client credentials form to IMS and reports a wrong secret as AUTH, never showing it', async () => {
    const { fake, logs } = await start({
      env: { GENHUB_FIREFLY_CLIENT_SECRET: 'p8e-wrong-secret-987654321' },
    });
    const done = await run(...image, { prompt: 'a fox' });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'AUTH' } });
    expect(JSON.stringify(done.error)).toContain('GENHUB_FIREFLY_CLIENT_SECRET');
    const form = new URLSearchParams(fake.server.callsTo('POST /ims/token/v3')[0]?.bodyText);
    expect(Object.fromEntries(form)).toMatchObject({
      grant_type: 'client_credentials',
      client_id: FAKE_CLIENT_ID,
    });
    expect(form.get('scope')).toContain('firefly_api');
    const seen = JSON.stringify([logs, done]);
    expect(seen).not.toContain('p8e-wrong-secret-987654321');
    expect(seen).not.toContain(FAKE_CLIENT_SECRET);
  });
});

describe('Firefly polling on a virtual clock', () => {
  it('polls a two-minute video at most 15 times and sees it within 10 s of being ready', async () => {
    const clock = virtualClock();
    const { fake } = await start({ clock, config: { jobs: { pollInitialMs: 2_000, pollMaxMs: 10_000 } } });
    fake.plan({ readyAfterMs: 120_000, ending: 'succeeded' });
    const done = await run('firefly/video1_standard', 'text-to-video', { prompt: 'a long take' });
    expect(done.state).toBe('succeeded');
    const polls = fake.server.callsTo('GET /v3/status/:jobId');
    // Core's schedule without a hint: 2 s after the submit, growing by half to 10 s apart.
    expect(polls.length).toBeLessThanOrEqual(15);
    const readyAt = fake.createdAt(polls[0]!.params.jobId!)! + 120_000;
    expect(done.finishedAt! - readyAt).toBeGreaterThanOrEqual(0);
    expect(done.finishedAt! - readyAt).toBeLessThanOrEqual(10_000);
  });
});
