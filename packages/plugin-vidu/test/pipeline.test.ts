import type { GenHub } from '@genhub/core';
import { minimalJpeg, minimalMp4, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_VIDU_API_KEY, type FakeViduApi, startFakeViduApi } from './fake-vidu-api.js';
import { GRANT_MICROS, rejection, settled, startPipeline, user } from './harness.js';

// Vidu through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeViduApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeViduApi();
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

type Request = { model: string; task: 'text-to-video' | 'image-to-video'; params: Record<string, unknown> };
const textToVideo: Request = {
  model: 'vidu/viduq2',
  task: 'text-to-video',
  params: { prompt: 'waves at dusk' },
};

function request(what: Request = textToVideo) {
  return genhub!.generation.request({ userId: user.id, ...what });
}

async function expectRefunded() {
  expect(await genhub!.store.ledger.balance(user)).toMatchObject({
    availableMicros: GRANT_MICROS,
    reservedMicros: 0,
  });
}

const link = (name: string) => `${fake.url}/inputs/${name}.jpeg`;
function serveInputs() {
  fake.server.route('GET /inputs/:name', { headers: { 'content-type': 'image/jpeg' }, body: minimalJpeg() });
}

describe('a Vidu generation through the pipeline', () => {
  it('succeeds: sends the documented body with its Token, stores the video and cover, charges the credits Vidu reports', async () => {
    const { logs } = await start();
    fake.plan({ queueingPolls: 1, processingPolls: 1, ending: 'success', credits: 6 });
    const done = await settled(genhub!, await request());
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => [output.role, output.mediaType, output.bytes])).toEqual([
      ['primary', 'video/mp4', minimalMp4().byteLength],
      ['preview', 'image/jpeg', minimalJpeg().byteLength],
    ]);
    expect(done.chargedMicros).toBe(300_000);
    const [create] = fake.server.callsTo('POST /ent/v2/text2video');
    expect(create?.headers.authorization).toBe(`Token ${FAKE_VIDU_API_KEY}`);
    expect(create?.bodyJson).toEqual({
      model: 'viduq2',
      prompt: 'waves at dusk',
      duration: 5,
      movement_amplitude: 'auto',
      bgm: false,
      aspect_ratio: '16:9',
    });
    expect(fake.queries()).toHaveLength(3);
    expect(JSON.stringify(logs)).not.toContain(FAKE_VIDU_API_KEY);
  });

  it.each([
    ['a first frame to img2video', 'vidu/viduq2-turbo', { firstFrame: 'a' }, 'img2video', ['a']],
    [
      'a start and end frame to start-end2video',
      'vidu/viduq1',
      { firstFrame: 'a', lastFrame: 'b' },
      'start-end2video',
      ['a', 'b'],
    ],
    [
      'reference images to reference2video',
      'vidu/vidu2.0',
      { images: ['a', 'b', 'c'] },
      'reference2video',
      ['a', 'b', 'c'],
    ],
  ])('sends %s', async (_, model, inputs, route, sent) => {
    await start();
    serveInputs();
    fake.plan({ queueingPolls: 0, processingPolls: 0, ending: 'success' });
    const params: Record<string, unknown> = { prompt: 'they move' };
    for (const [key, value] of Object.entries(inputs)) {
      params[key] = Array.isArray(value) ? value.map((name) => ({ url: link(name) })) : { url: link(value) };
    }
    const done = await settled(genhub!, await request({ model, task: 'image-to-video', params }));
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo(`POST /ent/v2/${route}`)[0]?.bodyJson).toMatchObject({
      model: model.slice('vidu/'.length),
      images: sent.map(link),
    });
  });

  it.each([
    ['a prompt refusal', 400, 'TaskPromptPolicyViolation', 'prompt policy violation', 'CONTENT_REJECTED'],
    [
      'an input refused by the safety review',
      400,
      'AuditSubmitIllegal',
      'submit is illegal',
      'CONTENT_REJECTED',
    ],
    ['too few credits', 400, 'CreditInsufficient', 'insufficient credits', 'INSUFFICIENT_FUNDS'],
    ['a rate limit', 429, 'TooManyRequests', 'too many requests', 'RATE_LIMITED'],
    ['the concurrency quota', 429, 'QuotaExceeded', 'quota exceeded', 'RATE_LIMITED'],
    ['a server error', 500, 'InternalServiceFailure', 'internal service failure', 'PROVIDER_UNAVAILABLE'],
    ['a wrong key', 401, 'Unauthorized', 'unauthorized', 'AUTH'],
  ])('fails with %s, typed and refunded', async (_, status, reason, message, expected) => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.refuseCreates(status, reason, message);
    const done = await settled(genhub!, await request());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: expected } });
    await expectRefunded();
  });

  it.each([
    ['CreationPolicyViolation', 'CONTENT_REJECTED'],
    ['ImageDownloadFailure', 'INVALID_INPUT'],
    ['InternalServiceFailure', 'PROVIDER_UNAVAILABLE'],
  ])('reports a task failed with %s, refunded', async (errCode, expected) => {
    await start();
    fake.plan({ queueingPolls: 1, processingPolls: 1, ending: { errCode } });
    const done = await settled(genhub!, await request());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: expected, message: expect.stringContaining(errCode) },
    });
    await expectRefunded();
  });

  it('cancels a queued task at Vidu when the user cancels the job, refunded', async () => {
    await start();
    fake.plan({ queueingPolls: 10_000, processingPolls: 0, ending: 'success' });
    const job = await request();
    while (fake.queries().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    const taskId = fake.server.callsTo('GET /ent/v2/tasks/:id/creations')[0]?.params.id;
    await expect
      .poll(() => fake.server.callsTo('POST /ent/v2/tasks/:id/cancel').map((call) => call.bodyJson))
      .toEqual([{ id: taskId }]);
    await expectRefunded();
  });

  it.each([
    ['a prompt over 1500 characters', textToVideo.model, { prompt: 'x'.repeat(1501) }, 'prompt'],
    ['text alone to an image-only model', 'vidu/viduq2-pro', { prompt: 'waves' }, 'firstFrame'],
    [
      '1080p for an 8-second Vidu 2.0 video',
      'vidu/vidu2.0',
      { prompt: 'waves', firstFrame: { url: 'https://example.com/a.png' }, duration: 8, resolution: '1080p' },
      'resolution',
    ],
    ['an 11-second duration', textToVideo.model, { prompt: 'waves', duration: 11 }, 'duration'],
    [
      'eight reference images',
      'vidu/viduq1',
      { prompt: 'waves', images: Array.from({ length: 8 }, () => ({ url: 'https://example.com/a.png' })) },
      'images',
    ],
  ])('refuses %s before paying or calling Vidu, naming the parameter', async (_, model, params, param) => {
    await start();
    const error = await rejection(
      request({ model, task: model === textToVideo.model ? 'text-to-video' : 'image-to-video', params }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain(param);
    expect(fake.server.calls).toHaveLength(0);
    await expectRefunded();
  });
});

describe('Vidu polling on a virtual clock', () => {
  it('asks at most 15 times for a 2-minute task and sees the result within 10 s of it being ready', async () => {
    const clock = virtualClock();
    const timedFake = await startFakeViduApi(clock);
    try {
      genhub = (await startPipeline(timedFake, { clock })).genhub;
      timedFake.plan({ queueingPolls: 0, processingPolls: 0, readyAfterMs: 120_000, ending: 'success' });
      const job = await request();
      const submittedAt = clock.now();
      const done = await settled(genhub, job);
      expect(done.state).toBe('succeeded');
      expect(timedFake.queries().length).toBeLessThanOrEqual(15);
      expect(clock.now() - (submittedAt + 120_000)).toBeLessThanOrEqual(10_000);
    } finally {
      await timedFake.close();
    }
  });
});
