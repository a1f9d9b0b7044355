import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { followUpsOf } from '@genhub/core';
import { virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_PATH, FAKE_LUMA_KEY, type FakeLumaApi, startFakeLumaApi } from './fake-luma-api.js';
import { GRANT_MICROS, settled, startPipeline, user } from './harness.js';

// Luma through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeLumaApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeLumaApi();
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

const VIDEO_ROUTE = `POST ${API_PATH}/generations/video`;

function requestRay(params: Record<string, unknown> = {}, model = 'luma/ray-2', task = 'text-to-video') {
  return genhub!.generation.request({
    userId: user.id,
    model,
    task: task as 'text-to-video',
    params: { prompt: 'a paper boat drifts down a rainy street', ...params },
  });
}

const balance = () => genhub!.store.ledger.balance(user);
const refunded = async () =>
  expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });

describe('luma/ray-2 text-to-video through the pipeline', () => {
  it('sends the documented body with the key, stores an MP4, charges the estimate, offers its follow-ups', async () => {
    const { logs } = await start();
    fake.plan({ queuedPolls: 1, dreamingPolls: 2, ending: 'completed' });
    const done = await settled(genhub!, await requestRay({ aspectRatio: '9:16', loop: true }));

    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    const [video] = done.outputs;
    expect(video?.mediaType).toBe('video/mp4');
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', video!.key));
    expect(stored.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // 1280x720 x 24 fps x 5 s = 110.6 million pixels at $0.0064: $0.7078.
    expect(done.chargedMicros).toBe(707_800);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS - 707_800, reservedMicros: 0 });

    const [sent] = fake.creations();
    expect(sent?.path).toBe(`${API_PATH}/generations/video`);
    expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_LUMA_KEY}`);
    expect(sent?.bodyJson).toEqual({
      generation_type: 'video',
      model: 'ray-2',
      prompt: 'a paper boat drifts down a rainy street',
      aspect_ratio: '9:16',
      resolution: '720p',
      duration: '5s',
      loop: true,
    });
    const generationId = [...fake.generations.keys()].at(-1)!;
    const base = {
      prompt: 'a paper boat drifts down a rainy street',
      aspectRatio: '9:16',
      resolution: '720p',
      duration: 5,
    };
    expect(followUpsOf(video?.metadata)).toEqual([
      {
        label: 'Extend',
        task: 'video-to-video',
        model: 'luma/ray-2',
        params: { ...base, startGeneration: generationId },
      },
      {
        label: 'Extend back',
        task: 'video-to-video',
        model: 'luma/ray-2',
        params: { ...base, endGeneration: generationId },
      },
      {
        label: 'Loop back',
        task: 'video-to-video',
        model: 'luma/ray-2',
        params: { ...base, startGeneration: generationId, endGeneration: generationId },
      },
      {
        label: 'Upscale',
        task: 'video-to-video',
        model: 'luma/upscale_video',
        params: { generation: generationId, resolution: '1080p' },
      },
      {
        label: 'Add audio',
        task: 'video-to-video',
        model: 'luma/add_audio',
        params: { generation: generationId, prompt: base.prompt },
      },
    ]);
    expect(JSON.stringify(logs)).not.toContain(FAKE_LUMA_KEY);
  });

  it('the Extend, Loop back and Upscale buttons make new generations from the finished one', async () => {
    await start();
    fake.plan({ dreamingPolls: 0, ending: 'completed' });
    const first = await settled(genhub!, await requestRay({}, 'luma/ray-flash-2'));
    const firstId = [...fake.generations.keys()].at(-1)!;
    const [extend, , loopBack, upscale] = followUpsOf(first.outputs[0]?.metadata);

    for (const followUp of [extend!, loopBack!, upscale!]) {
      const job = await genhub!.generation.request({
        userId: user.id,
        model: followUp.model,
        task: followUp.task,
        params: followUp.params,
      });
      expect((await settled(genhub!, job)).state).toBe('succeeded');
    }
    const [, extended, looped, upscaled] = fake.creations();
    expect(upscaled).toMatchObject({
      path: `${API_PATH}/generations/${firstId}/upscale`,
      bodyJson: { generation_type: 'upscale_video', resolution: '1080p' },
    });
    expect(extended?.bodyJson).toMatchObject({
      model: 'ray-flash-2',
      keyframes: { frame0: { type: 'generation', id: firstId } },
    });
    expect(looped?.bodyJson).toMatchObject({
      loop: false,
      keyframes: { frame0: { type: 'generation', id: firstId }, frame1: { type: 'generation', id: firstId } },
    });
  });

  it('refuses bad parameters before any request, naming them', async () => {
    await start();
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ duration: 7 }, 'duration'],
      [{ prompt: 'ab' }, 'prompt'],
      [{ prompt: 'x'.repeat(5001) }, 'prompt'],
      [{ resolution: '2k' }, 'resolution'],
      [{ loop: true, endGeneration: 'a1b2' }, 'loop'],
    ];
    for (const [params, name] of refusals) {
      await expect(requestRay(params)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(name),
      });
    }
    // Luma takes images only as HTTPS links: a file (data: URI) is refused, naming the frame.
    await expect(
      requestRay(
        { firstFrame: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        'luma/ray-2',
        'image-to-video',
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('firstFrame') });
    expect(fake.creations()).toHaveLength(0);
    await refunded();
  });

  it('a moderation failure is a content refusal in Luma words, refunded', async () => {
    await start();
    fake.plan({ dreamingPolls: 1, ending: { failure_reason: 'Advanced prompt moderation failed' } });
    const done = await settled(genhub!, await requestRay());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: {
        code: 'CONTENT_REJECTED',
        message: expect.stringContaining('Advanced prompt moderation failed'),
      },
    });
    await refunded();
  });

  it('a prompt with blacklisted words is a content refusal too', async () => {
    await start();
    fake.plan({ dreamingPolls: 0, ending: { failure_reason: 'Contains blacklisted words' } });
    const done = await settled(genhub!, await requestRay());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    await refunded();
  });

  it('a job that failed at Luma is the provider being unavailable, refunded', async () => {
    await start();
    fake.plan({ dreamingPolls: 1, ending: { failure_reason: 'Job failed' } });
    const done = await settled(genhub!, await requestRay());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('a refused request (400) is INVALID_INPUT in Luma words, refunded', async () => {
    await start();
    fake.server.route(VIDEO_ROUTE, { status: 400, json: { detail: 'Unknown request type' } });
    const done = await settled(genhub!, await requestRay());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Unknown request type') },
    });
    await refunded();
  });

  it('a rate-limited submit waits for Retry-After, then goes through', async () => {
    await start();
    const plan = { dreamingPolls: 0, ending: 'completed' } as const;
    fake.plan(plan);
    fake.server.route(VIDEO_ROUTE, () => {
      fake.plan(plan); // The next submit is accepted.
      return { status: 429, headers: { 'retry-after': '1' }, json: { detail: 'Too many requests' } };
    });
    const done = await settled(genhub!, await requestRay(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo(VIDEO_ROUTE)).toHaveLength(2);
  });

  it('a server error at submit fails PROVIDER_UNAVAILABLE and is refunded', async () => {
    await start();
    fake.server.route(VIDEO_ROUTE, { status: 503, json: { detail: 'Service unavailable' } });
    const done = await settled(genhub!, await requestRay(), 20_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('a wrong key is AUTH, refunded', async () => {
    await start();
    fake.server.route(VIDEO_ROUTE, { status: 401, json: { detail: 'Invalid API key is provided' } });
    const done = await settled(genhub!, await requestRay());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'AUTH' } });
    await refunded();
  });

  it('cancelling the job deletes the Luma generation (DELETE /generations/{id})', async () => {
    await start();
    fake.plan({ dreamingPolls: 10_000, ending: 'completed' });
    const job = await requestRay();
    await waitFor(() => fake.server.callsTo(`GET ${API_PATH}/generations/:id`).length > 0);
    const generationId = [...fake.generations.keys()].at(-1)!;
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled.state).toBe('cancelled');
    await waitFor(() => fake.server.callsTo(`DELETE ${API_PATH}/generations/:id`).length > 0);
    expect(fake.generations.has(generationId)).toBe(false);
    await refunded();
  });

  it('reports the credit balance (cents) in credits and dollars', async () => {
    await start();
    const provider = genhub!.registry.provider('luma');
    expect(await provider?.balance?.({ signal: AbortSignal.timeout(5000) })).toEqual({
      credits: 123_456,
      usd: 1234.56,
    });
  });
});

describe('luma/photon-1 text-to-image through the pipeline', () => {
  it('stores the image in the asked format, charged by its pixels', async () => {
    await start();
    fake.plan({ dreamingPolls: 1, ending: 'completed' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'luma/photon-1',
      task: 'text-to-image',
      params: { prompt: 'a lighthouse at dusk', aspectRatio: '1:1' },
    });
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 15_100 });
    expect(done.outputs[0]?.mediaType).toBe('image/jpeg');
    expect(fake.creations()[0]).toMatchObject({
      path: `${API_PATH}/generations/image`,
      bodyJson: { generation_type: 'image', model: 'photon-1', aspect_ratio: '1:1', format: 'jpg' },
    });
  });

  it('image-to-image without any reference is refused naming images, before any request', async () => {
    await start();
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'luma/photon-1',
      task: 'image-to-image',
      params: { prompt: 'make it blue' },
    });
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('images') },
    });
    expect(fake.creations()).toHaveLength(0);
    await refunded();
  });
});

describe('polling a long Luma generation', () => {
  it('a 2-minute generation takes at most 15 status calls and is seen within 10 s of being ready', async () => {
    const clock = virtualClock();
    const slow = await startFakeLumaApi({ clock });
    try {
      const started = await startPipeline(slow, {
        clock,
        config: { jobs: { pollInitialMs: 2000, pollMaxMs: 10_000 } },
      });
      genhub = started.genhub;
      slow.plan({ readyAfterMs: 120_000, ending: 'completed' });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'luma/ray-2',
        task: 'text-to-video',
        params: { prompt: 'a slow sunrise over the sea' },
      });
      const startedAt = clock.now();
      const done: JobRecord = await settled(genhub, job, 20_000);
      expect(done.state).toBe('succeeded');
      const generationId = [...slow.generations.keys()][0]!;
      expect(slow.pollsOf(generationId)).toBeLessThanOrEqual(15);
      const readyAt = slow.generations.get(generationId)!.createdAt + 120_000;
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
