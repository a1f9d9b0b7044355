import type { GenHub, JobRecord } from '@genhub/core';
import { followUpsOf } from '@genhub/provider';
import { minimalMp4, solidPng, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ACCESS_KEY, FAKE_SECRET_KEY, type FakeKlingApi, startFakeKlingApi } from './fake-kling-api.js';
import { GRANT_MICROS, rejection, settled, startPipeline, user } from './harness.js';

// Kling through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeKlingApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeKlingApi();
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

const textToVideo = {
  model: 'kling/kling-v2-6',
  task: 'text-to-video',
  params: { prompt: 'waves at dusk' },
} as const;

function request(what: { model: string; task: string; params: Record<string, unknown> } = textToVideo) {
  return genhub!.generation.request({ userId: user.id, ...(what as typeof textToVideo) });
}

async function expectRefunded() {
  expect(await genhub!.store.ledger.balance(user)).toMatchObject({
    availableMicros: GRANT_MICROS,
    reservedMicros: 0,
  });
}

describe('a Kling generation through the pipeline', () => {
  it('succeeds: sends the documented body with a JWT, stores the video, charges the units Kling reports', async () => {
    const { logs } = await start();
    fake.plan({ runningPolls: 2, ending: 'succeed', units: 2.5 });
    const done = await settled(genhub!, await request());
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => [output.mediaType, output.bytes])).toEqual([
      ['video/mp4', minimalMp4().byteLength],
    ]);
    expect(done.chargedMicros).toBe(350_000);

    const [create] = fake.server.callsTo('POST /v1/videos/text2video');
    expect(create?.bodyJson).toEqual({
      model_name: 'kling-v2-6',
      prompt: 'waves at dusk',
      mode: 'pro',
      duration: '5',
      sound: 'off',
      aspect_ratio: '16:9',
    });
    expect(create?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fake.queries()).toHaveLength(3);
    // Kling 2.6 videos cannot be extended: no button.
    expect(followUpsOf(done.outputs[0]?.metadata)).toEqual([]);
    const logged = JSON.stringify(logs);
    for (const secret of [FAKE_SECRET_KEY, FAKE_ACCESS_KEY, ...fake.tokens])
      expect(logged).not.toContain(secret);
  });

  it('sends first and last frames as Kling takes them (a link as is, a data: URI as bare base64) and offers Extend', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeed' });
    // The last frame is a link on the test's own host (Kling fetches links itself).
    fake.server.route('GET /inputs/:name', {
      headers: { 'content-type': 'image/png' },
      body: solidPng(4, 4, [1, 2, 3]),
    });
    const base64 = Buffer.from(solidPng(4, 4, [9, 9, 9])).toString('base64');
    const done = await settled(
      genhub!,
      await request({
        model: 'kling/kling-v1-6',
        task: 'image-to-video',
        params: {
          prompt: 'it comes alive',
          firstFrame: { url: `data:image/png;base64,${base64}` },
          lastFrame: { url: `${fake.url}/inputs/last.png` },
          mode: 'pro',
        },
      }),
    );
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo('POST /v1/videos/image2video')[0]?.bodyJson).toMatchObject({
      model_name: 'kling-v1-6',
      image: base64,
      image_tail: `${fake.url}/inputs/last.png`,
    });
    const [extend] = followUpsOf(done.outputs[0]?.metadata);
    expect(extend).toMatchObject({ label: 'Extend', task: 'video-to-video', model: 'kling/video-extend' });

    // Pressing the button extends the video at /v1/videos/video-extend and queries it there.
    const extended = await settled(
      genhub!,
      await request({ model: extend!.model, task: extend!.task, params: extend!.params }),
    );
    expect(extended.state).toBe('succeeded');
    const taskId = (extended.remoteRef as { id: string }).id;
    expect(fake.server.callsTo('POST /v1/videos/video-extend')[0]?.bodyJson).toEqual({
      video_id: extend!.params.videoId,
    });
    expect(fake.queries().at(-1)?.path).toBe(`/v1/videos/video-extend/${taskId}`);
    expect(followUpsOf(extended.outputs[0]?.metadata)).toHaveLength(1);
  });

  it.each([
    ['a content refusal (1301)', 400, 1301, 'Trigger the content security policy', 'CONTENT_REJECTED'],
    ['a rate limit (1302)', 429, 1302, 'The API request is too fast', 'RATE_LIMITED'],
    ['too many tasks at once (1303)', 429, 1303, 'parallel task over resource pack limit', 'RATE_LIMITED'],
    ['an empty resource pack (1102)', 429, 1102, 'Resource pack depleted', 'INSUFFICIENT_FUNDS'],
    ['a server error (5000)', 500, 5000, 'Server internal error', 'PROVIDER_UNAVAILABLE'],
    ['a bad parameter (1201)', 400, 1201, 'Parameter error', 'INVALID_INPUT'],
  ])('fails with %s typed and refunded', async (_, status, code, message, expected) => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.refuseCreates(status, code, message);
    const done = await settled(genhub!, await request());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: expected } });
    await expectRefunded();
  });

  it.each([
    ['refused by the risk control system', 'Failure to pass the risk control system', 'CONTENT_REJECTED'],
    ['failed inside Kling', 'Generation timeout', 'PROVIDER_UNAVAILABLE'],
  ])('reports a task %s, refunded', async (_, words, expected) => {
    await start();
    fake.plan({ runningPolls: 2, ending: { failed: words } });
    const done = await settled(genhub!, await request());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: expected, message: expect.stringContaining(words) },
    });
    await expectRefunded();
  });

  it.each([
    ['a prompt over 2500 characters', { prompt: 'x'.repeat(2501) }, 'prompt'],
    ['native audio in std mode', { prompt: 'a drum solo', audio: true, mode: 'std' }, 'audio'],
    ['a 7-second duration', { prompt: 'a drum solo', duration: 7 }, 'duration'],
  ])('refuses %s before paying or calling Kling, naming the parameter', async (_, params, param) => {
    await start();
    const error = await rejection(request({ ...textToVideo, params }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain(param);
    expect(fake.server.calls).toHaveLength(0);
    await expectRefunded();
  });
});

describe('Kling polling and tokens on a virtual clock', () => {
  it('asks at most 15 times for a 2-minute task and sees the result within 10 s of it being ready', async () => {
    const clock = virtualClock();
    const timedFake = await startFakeKlingApi(clock);
    try {
      genhub = (await startPipeline(timedFake, { clock })).genhub;
      timedFake.plan({ runningPolls: 0, readyAfterMs: 120_000, ending: 'succeed' });
      const job = await request();
      const submittedAt = clock.now();
      const done: JobRecord = await settled(genhub, job);
      expect(done.state).toBe('succeeded');
      expect(timedFake.queries().length).toBeLessThanOrEqual(15);
      expect(clock.now() - (submittedAt + 120_000)).toBeLessThanOrEqual(10_000);
    } finally {
      await timedFake.close();
    }
  });

  it('renews the token before it expires: a 35-minute task is queried with a new token, never refused', async () => {
    const clock = virtualClock();
    const timedFake = await startFakeKlingApi(clock);
    try {
      genhub = (await startPipeline(timedFake, { clock })).genhub;
      timedFake.plan({ runningPolls: 0, readyAfterMs: 35 * 60_000, ending: 'succeed' });
      const done = await settled(genhub, await request(), 60_000);
      expect(done.state).toBe('succeeded');
      expect(new Set(timedFake.tokens).size).toBeGreaterThanOrEqual(2);
      expect(timedFake.server.calls.filter((call) => call.path.startsWith('/v1/'))).toHaveLength(
        timedFake.tokens.length,
      );
    } finally {
      await timedFake.close();
    }
  });
});
