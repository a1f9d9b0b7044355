import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { followUpsOf } from '@genhub/core';
import { solidPng, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_RUNWAY_KEY, type FakeRunwayApi, startFakeRunwayApi } from './fake-runway-api.js';
import { GRANT_MICROS, settled, startPipeline, user } from './harness.js';

// Runway through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeRunwayApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeRunwayApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
  fake.server.reset();
});

async function start(options: Parameters<typeof startPipeline>[1] = {}) {
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return started;
}

/** A first frame served by the fake over plain http, as a chat attachment might be. */
function inputImage() {
  fake.server.route('GET /inputs/frame.png', {
    headers: { 'content-type': 'image/png' },
    body: solidPng(16, 9, [30, 90, 160]),
  });
  return { url: `${fake.url}/inputs/frame.png` };
}

function requestTurbo(params: Record<string, unknown> = {}) {
  return genhub!.generation.request({
    userId: user.id,
    model: 'runway/gen4_turbo',
    task: 'image-to-video',
    params: { prompt: 'the tide comes in', images: [inputImage()], duration: 5, ...params },
  });
}

const balance = () => genhub!.store.ledger.balance(user);
const refunded = async () =>
  expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });

describe('runway/gen4_turbo image-to-video through the pipeline', () => {
  it('sends the image inline with the version header, stores an MP4, charges the estimate, offers Upscale', async () => {
    const { logs } = await start();
    fake.plan({ pendingPolls: 1, runningPolls: 2, ending: 'succeeded' });
    const done = await settled(genhub!, await requestTurbo({ aspectRatio: '9:16' }));

    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    const [video] = done.outputs;
    expect(video?.mediaType).toBe('video/mp4');
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', video!.key));
    expect(stored.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // 5 credits a second for 5 seconds: $0.25.
    expect(done.chargedMicros).toBe(250_000);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS - 250_000, reservedMicros: 0 });

    const [sent] = fake.generations();
    expect(sent?.path).toBe('/v1/image_to_video');
    expect(sent?.headers['x-runway-version']).toBe('2024-11-06');
    expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_RUNWAY_KEY}`);
    expect(sent?.bodyJson).toEqual({
      model: 'gen4_turbo',
      promptImage: expect.stringMatching(/^data:image\/png;base64,/),
      promptText: 'the tide comes in',
      ratio: '720:1280',
      duration: 5,
      // The standard safety level's value, sent as Runway documents it.
      contentModeration: { publicFigureThreshold: 'auto' },
    });
    expect(followUpsOf(video?.metadata)).toEqual([
      {
        label: 'Upscale',
        task: 'video-to-video',
        model: 'runway/magnific_video_upscaler_creative',
        params: { referenceVideo: { url: expect.stringContaining('/files/') } },
      },
    ]);
    expect(JSON.stringify(logs)).not.toContain(FAKE_RUNWAY_KEY);
  });

  it('reports Runway progress in the job progress events', async () => {
    await start();
    fake.plan({ runningPolls: 3, ending: 'succeeded' });
    const seen: number[] = [];
    const stop = genhub!.generation.events.subscribe((event) => {
      if (event.type === 'progress' && event.job.progress?.percent !== undefined)
        seen.push(event.job.progress.percent);
    });
    const done = await settled(genhub!, await requestTurbo());
    stop();
    expect(done.state).toBe('succeeded');
    expect(seen).toContain(50);
  });

  it('refuses a bad parameter before any request, naming it', async () => {
    await start();
    await expect(requestTurbo({ duration: 12 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('duration'),
    });
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'runway/gen4_turbo',
        task: 'image-to-video',
        params: { prompt: 'x'.repeat(1001), images: [inputImage()] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('prompt') });
    expect(fake.generations()).toHaveLength(0);
    await refunded();
  });

  it('a SAFETY failure is a content refusal in Runway words, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 1,
      ending: {
        failureCode: 'SAFETY.INPUT.IMAGE',
        failure: 'The input image was flagged by content moderation.',
      },
    });
    const done = await settled(genhub!, await requestTurbo());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'CONTENT_REJECTED', message: expect.stringContaining('flagged by content moderation') },
    });
    await refunded();
  });

  it('an INTERNAL failure is the provider being unavailable, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 0,
      ending: { failureCode: 'INTERNAL.BAD_OUTPUT.CODE01', failure: 'An internal error occurred.' },
    });
    const done = await settled(genhub!, await requestTurbo());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('a task Runway cancelled ends the job cancelled, refunded', async () => {
    await start();
    fake.plan({ runningPolls: 1, ending: 'cancelled' });
    const done = await settled(genhub!, await requestTurbo());
    expect(done).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    await refunded();
  });

  it('a rate-limited submit waits for Retry-After, then goes through', async () => {
    await start();
    const plan = { runningPolls: 0, ending: 'succeeded' } as const;
    fake.plan(plan);
    fake.server.route('POST /v1/image_to_video', () => {
      fake.plan(plan); // The next submit is accepted.
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        json: { error: 'You have exceeded the rate limit.' },
      };
    });
    const done = await settled(genhub!, await requestTurbo(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo('POST /v1/image_to_video')).toHaveLength(2);
  });

  it('a server error at submit fails PROVIDER_UNAVAILABLE and is refunded', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    fake.server.route('POST /v1/image_to_video', {
      status: 503,
      json: { error: 'Runway is shedding load.' },
    });
    const done = await settled(genhub!, await requestTurbo(), 20_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('an image Runway cannot use (400) is INVALID_INPUT in its words, refunded', async () => {
    await start();
    fake.server.route('POST /v1/image_to_video', {
      status: 400,
      json: { error: 'Invalid asset for promptImage: Unsupported asset type.' },
    });
    const done = await settled(genhub!, await requestTurbo());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Unsupported asset type') },
    });
    await refunded();
  });

  it('cancelling the job cancels the Runway task (DELETE /v1/tasks/{id})', async () => {
    await start();
    fake.plan({ runningPolls: 10_000, ending: 'succeeded' });
    const job = await requestTurbo();
    await waitFor(() => fake.server.callsTo('GET /v1/tasks/:id').length > 0);
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled.state).toBe('cancelled');
    await waitFor(() => fake.server.callsTo('DELETE /v1/tasks/:id').length > 0);
    const taskId = (job.remoteRef as { id: string } | null)?.id ?? [...fake.tasks.keys()].at(-1)!;
    expect(fake.tasks.get(taskId)?.cancelled).toBe(true);
    await refunded();
  });

  it('reports the organisation credit balance', async () => {
    await start();
    const provider = genhub!.registry.provider('runway');
    expect(await provider?.balance?.({ signal: AbortSignal.timeout(5000) })).toEqual({
      credits: 1234,
      usd: 12.34,
    });
  });
});

describe('runway/gen4.5 and runway/gen4_image through the pipeline', () => {
  it('text-to-video goes to /v1/text_to_video with a 720p ratio', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'runway/gen4.5',
      task: 'text-to-video',
      params: { prompt: 'a paper boat in the rain', aspectRatio: '16:9', duration: 8 },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.chargedMicros).toBe(960_000);
    expect(fake.generations()[0]).toMatchObject({
      path: '/v1/text_to_video',
      bodyJson: { model: 'gen4.5', promptText: 'a paper boat in the rain', ratio: '1280:720', duration: 8 },
    });
  });

  it('text-to-video refuses a square ratio before any request', async () => {
    await start();
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'runway/gen4.5',
        task: 'text-to-video',
        params: { prompt: 'a paper boat', width: 960, height: 960 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('width') });
    expect(fake.generations()).toHaveLength(0);
  });

  it('text-to-image stores a PNG', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'runway/gen4_image',
      task: 'text-to-image',
      params: { prompt: 'a lighthouse', aspectRatio: '1:1' },
    });
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 80_000 });
    expect(done.outputs[0]?.mediaType).toBe('image/png');
    expect(fake.generations()[0]?.bodyJson).toMatchObject({ model: 'gen4_image', ratio: '1080:1080' });
  });
});

describe('polling a long Runway task', () => {
  it('a 2-minute task takes at most 15 status calls and is seen within 10 s of being ready', async () => {
    const clock = virtualClock();
    const slow = await startFakeRunwayApi({ clock });
    try {
      const started = await startPipeline(slow, {
        clock,
        config: { jobs: { pollInitialMs: 2000, pollMaxMs: 10_000 } },
      });
      genhub = started.genhub;
      slow.plan({ readyAfterMs: 120_000, ending: 'succeeded' });
      slow.server.route('GET /inputs/frame.png', {
        headers: { 'content-type': 'image/png' },
        body: solidPng(4, 4, [1, 2, 3]),
      });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'runway/gen4_turbo',
        task: 'image-to-video',
        params: { images: [{ url: `${slow.url}/inputs/frame.png` }] },
      });
      const startedAt = clock.now();
      const done: JobRecord = await settled(genhub, job, 20_000);
      expect(done.state).toBe('succeeded');
      const taskId = [...slow.tasks.keys()][0]!;
      expect(slow.pollsOf(taskId)).toBeLessThanOrEqual(15);
      const readyAt = slow.tasks.get(taskId)!.createdAt + 120_000;
      expect(done.finishedAt! - readyAt).toBeLessThanOrEqual(10_000);
      expect(done.finishedAt! - startedAt).toBeGreaterThanOrEqual(120_000);
    } finally {
      await genhub?.close();
      genhub = undefined;
      await slow.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
