import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord, Task } from '@genhub/core';
import { solidPng } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogleApi, startFakeGoogleApi } from './fake-google-api.js';
import { GRANT_MICROS, rejection, settled, startPipeline, user } from './harness.js';

// Veo through the real pipeline: createGenHub + generation.request, the fake Gemini API on 127.0.0.1.

let fake: FakeGoogleApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeGoogleApi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.server.reset();
  fake.plan({ runningPolls: 1, ending: 'succeeded' });
});
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

async function start(options: Parameters<typeof startPipeline>[1] = {}) {
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return started;
}

const png = () => `data:image/png;base64,${Buffer.from(solidPng(32, 18, [200, 80, 20])).toString('base64')}`;

function request(model: string, task: Task, params: Record<string, unknown>): Promise<JobRecord> {
  return genhub!.generation.request({ userId: user.id, model, task, params });
}

const textToVideo = () =>
  request('google/veo-3.1-fast-generate-preview', 'text-to-video', { prompt: 'waves at dusk', duration: 8 });

const balance = () => genhub!.store.ledger.balance(user);
const predictCalls = () => fake.server.callsTo('POST /v1beta/models/:modelAction');
const operationPolls = () => fake.server.callsTo('GET /v1beta/models/:model/operations/:id');

describe('a Veo generation through the pipeline', () => {
  it('text-to-video: sends the documented body with the key header, stores the video, charges the estimate', async () => {
    const { logs } = await start();
    const done = await settled(genhub!, await textToVideo());
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => output.mediaType)).toEqual(['video/mp4']);
    const [output] = done.outputs;
    expect(readFileSync(join(genhub!.config.dataDir, 'artifacts', output!.key)).byteLength).toBe(
      output!.bytes,
    );
    // Veo 3.1 Fast, 8 s at 720p: $0.10 a second.
    expect(done.chargedMicros).toBe(800_000);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS - 800_000, reservedMicros: 0 });

    const [predict] = predictCalls();
    expect(predict?.path).toBe('/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning');
    expect(predict?.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(predict?.bodyJson).toEqual({
      instances: [{ prompt: 'waves at dusk' }],
      parameters: {
        aspectRatio: '16:9',
        durationSeconds: 8,
        resolution: '720p',
        personGeneration: 'allow_all',
        sampleCount: 1,
      },
    });
    expect(operationPolls().length).toBeGreaterThanOrEqual(2);
    // The video came from the Files API with the key header (core drops it on a redirect to another
    // origin: packages/core's guarded-fetch test), never with the key in the link.
    const [download] = fake.server.callsTo('GET /v1beta/files/:fileAction');
    expect(download?.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(download?.query.key).toBeUndefined();
    expect(fake.server.callsTo('GET /storage/:file')).toHaveLength(1);
    // The key is in no log line and nowhere in the stored job.
    expect(JSON.stringify(logs)).not.toContain(fake.apiKey);
    expect(JSON.stringify(done)).not.toContain(fake.apiKey);
  });

  it('image-to-video with first and last frame: sends both inline, people limited to adults', async () => {
    await start();
    const done = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'image-to-video', {
        prompt: 'the sun sets',
        firstFrame: { url: png() },
        lastFrame: { url: png() },
        duration: 4,
      }),
    );
    expect(done.state).toBe('succeeded');
    const body = predictCalls()[0]?.bodyJson as {
      instances: Array<Record<string, unknown>>;
      parameters: Record<string, unknown>;
    };
    expect(body.instances[0]).toMatchObject({
      image: { mimeType: 'image/png', bytesBase64Encoded: expect.any(String) },
      lastFrame: { mimeType: 'image/png', bytesBase64Encoded: expect.any(String) },
    });
    expect(body.parameters).toMatchObject({ personGeneration: 'allow_adult', durationSeconds: 4 });
    // Veo 3.1, 4 s at 720p: $0.40 a second.
    expect(done.chargedMicros).toBe(1_600_000);
  });

  it('reference images: sends them as assets', async () => {
    await start();
    const done = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'text-to-video', {
        prompt: 'this mug on a beach',
        images: [{ url: png() }, { url: png() }],
      }),
    );
    expect(done.state).toBe('succeeded');
    const body = predictCalls()[0]?.bodyJson as { instances: Array<{ referenceImages: unknown[] }> };
    expect(body.instances[0]?.referenceImages).toEqual([
      { image: expect.objectContaining({ mimeType: 'image/png' }), referenceType: 'asset' },
      { image: expect.objectContaining({ mimeType: 'image/png' }), referenceType: 'asset' },
    ]);
  });

  it('refuses bad input before any request, naming the parameter', async () => {
    await start();
    const cases: Array<[string, Task, Record<string, unknown>, string]> = [
      ['google/veo-3.1-generate-preview', 'text-to-video', { prompt: 'x', duration: 5 }, 'duration'],
      [
        'google/veo-3.1-generate-preview',
        'text-to-video',
        { prompt: 'x', resolution: '4k', duration: 4 },
        'duration',
      ],
      ['google/veo-3.0-generate-001', 'text-to-video', { prompt: 'x', resolution: '4k' }, 'resolution'],
      ['google/veo-3.1-generate-preview', 'text-to-video', { prompt: 'x', quantity: 2 }, 'quantity'],
      [
        'google/veo-3.1-generate-preview',
        'text-to-video',
        { prompt: 'x', personGeneration: 'allow_adult' },
        'personGeneration',
      ],
      [
        'google/veo-3.1-generate-preview',
        'image-to-video',
        { prompt: 'x', lastFrame: { url: png() } },
        'lastFrame',
      ],
      ['google/veo-2.0-generate-001', 'text-to-video', { prompt: 'x', quantity: 3 }, 'quantity'],
      ['google/veo-3.1-generate-preview', 'text-to-video', { prompt: 'x'.repeat(4001) }, 'prompt'],
    ];
    for (const [model, task, params, param] of cases) {
      const job = request(model, task, params).then(async (job) => {
        throw new Error(`accepted ${param}: ${JSON.stringify(await settled(genhub!, job)).slice(0, 400)}`);
      });
      const error = await rejection(job);
      expect(error.code, `${model} ${JSON.stringify(params).slice(0, 80)}`).toBe('INVALID_INPUT');
      expect(JSON.stringify(error), param).toContain(param);
    }
    expect(predictCalls()).toHaveLength(0);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
  });

  it('image-to-video without a first frame is refused, naming firstFrame, and refunded', async () => {
    await start();
    const done = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'image-to-video', { prompt: 'x' }),
    );
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('INVALID_INPUT');
    expect(done.error?.details).toMatchObject({ param: 'firstFrame' });
    expect(predictCalls()).toHaveLength(0);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
  });
});

describe('images by task: frames for image-to-video, references for text-to-video', () => {
  it('image-to-video with images (as chat sends an attachment): the first and last frame', async () => {
    await start();
    const done = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'image-to-video', {
        prompt: 'the kite rises',
        images: [{ url: png() }, { url: png() }],
        aspectRatio: '9:16',
        duration: 6,
      }),
    );
    expect(done.error).toBeNull();
    const body = predictCalls()[0]?.bodyJson as { instances: Array<Record<string, unknown>> };
    expect(body.instances[0]).toMatchObject({
      image: expect.objectContaining({ mimeType: 'image/png' }),
      lastFrame: expect.objectContaining({ mimeType: 'image/png' }),
    });
    expect(body.instances[0]).not.toHaveProperty('referenceImages');
  });

  it.each([
    [{ duration: 6 }, 'duration'],
    [{ aspectRatio: '9:16' }, 'aspectRatio'],
    [{ firstFrame: { url: png() } }, 'images'],
  ])(
    'reference images with %j are refused before any request, naming %s, and refunded',
    async (extra, param) => {
      await start();
      const done = await settled(
        genhub!,
        await request('google/veo-3.1-generate-preview', 'text-to-video', {
          prompt: 'this mug on a beach',
          images: [{ url: png() }],
          ...extra,
        }),
      );
      expect(done.state).toBe('failed');
      expect(done.error?.code).toBe('INVALID_INPUT');
      expect(done.error?.details).toMatchObject({ param });
      expect(predictCalls()).toHaveLength(0);
      expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
    },
  );
});

describe('Veo failures through the pipeline are typed, told in one sentence and refunded', () => {
  async function failedWith(code: string) {
    const done = await settled(genhub!, await textToVideo());
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe(code);
    expect(done.chargedMicros ?? 0).toBe(0);
    expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
    return done;
  }

  it('a prompt refused at submit (400, usage guidelines) is CONTENT_REJECTED', async () => {
    await start();
    fake.server.route('POST /v1beta/models/:modelAction', {
      status: 400,
      json: {
        error: {
          code: 400,
          message:
            'The prompt could not be submitted. This prompt contains words that violate the usage guidelines.',
          status: 'INVALID_ARGUMENT',
        },
      },
    });
    const done = await failedWith('CONTENT_REJECTED');
    expect(done.error?.details?.providerMessage).toMatch(/usage guidelines/);
  });

  it('an operation whose videos the safety filters removed is CONTENT_REJECTED', async () => {
    await start();
    fake.plan({ runningPolls: 1, ending: 'filtered' });
    const done = await failedWith('CONTENT_REJECTED');
    expect(done.error?.details?.providerMessage).toMatch(/usage guidelines/);
  });

  it('a rate limit (429 RESOURCE_EXHAUSTED) is RATE_LIMITED with the RetryInfo wait', async () => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.server.route('POST /v1beta/models/:modelAction', {
      status: 429,
      json: {
        error: {
          code: 429,
          message: 'Resource has been exhausted (e.g. check quota).',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '31s' }],
        },
      },
    });
    const done = await failedWith('RATE_LIMITED');
    expect(done.error?.retryAfterSeconds).toBe(31);
  });

  it('a server error at submit (500 INTERNAL) is PROVIDER_UNAVAILABLE', async () => {
    await start();
    fake.server.route('POST /v1beta/models/:modelAction', {
      status: 500,
      json: { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } },
    });
    await failedWith('PROVIDER_UNAVAILABLE');
  });

  it('a wrong key (400 API_KEY_INVALID) is AUTH, naming the setting, the key never shown', async () => {
    const { logs } = await start();
    fake.server.route('POST /v1beta/models/:modelAction', {
      status: 400,
      json: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
        },
      },
    });
    const done = await failedWith('AUTH');
    expect(done.error?.details).toMatchObject({ setting: 'GENHUB_GOOGLE_API_KEY' });
    expect(JSON.stringify(logs)).not.toContain(fake.apiKey);
  });

  const endings: Array<[string, string, { code: number; message: string }]> = [
    ['an internal error (13)', 'PROVIDER_UNAVAILABLE', { code: 13, message: 'Internal error encountered.' }],
    ['an invalid argument (3)', 'INVALID_INPUT', { code: 3, message: 'The input image could not be read.' }],
    ['a deadline exceeded (4)', 'TIMEOUT', { code: 4, message: 'Deadline exceeded.' }],
    ['a quota exhausted (8)', 'RATE_LIMITED', { code: 8, message: 'Quota exceeded for video generation.' }],
    [
      'a safety block',
      'CONTENT_REJECTED',
      { code: 3, message: 'Video generation failed due to Responsible AI practices.' },
    ],
  ];
  it.each(endings)('an operation ending in %s fails as %s', async (_name, code, ending) => {
    await start();
    fake.plan({ runningPolls: 1, ending });
    const done = await failedWith(code);
    expect(done.error?.details?.providerMessage).toBe(ending.message);
  });

  it('an operation the API no longer knows (404) fails, refunded', async () => {
    await start({ config: { jobs: { pollFailureMinutes: 0.01 } } });
    fake.server.route('GET /v1beta/models/:model/operations/:id', {
      status: 404,
      json: { error: { code: 404, message: 'Operation not found.', status: 'NOT_FOUND' } },
    });
    await failedWith('PROVIDER_UNAVAILABLE');
  });
});

describe('the Extend follow-up of a Veo 3.1 video', () => {
  it('offers Extend on a 720p video and extends it by 7 s with the link the API gave (no key)', async () => {
    await start();
    const first = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'text-to-video', {
        prompt: 'a kite over the sea',
        aspectRatio: '9:16',
      }),
    );
    expect(first.state).toBe('succeeded');
    const followUps = first.outputs[0]?.metadata?.followUps as Array<{
      label: string;
      task: Task;
      model: string;
      params: Record<string, unknown>;
    }>;
    expect(followUps).toHaveLength(1);
    const [extend] = followUps;
    expect(extend).toMatchObject({
      label: 'Extend 7 s',
      task: 'video-to-video',
      model: 'google/veo-3.1-generate-preview',
      params: {
        prompt: 'a kite over the sea',
        aspectRatio: '9:16',
        extendVideo: expect.stringContaining('/v1beta/files/'),
      },
    });
    expect(JSON.stringify(extend)).not.toContain(fake.apiKey);

    const second = await settled(genhub!, await request(extend!.model, extend!.task, extend!.params));
    expect(second.error).toBeNull();
    expect(second.state).toBe('succeeded');
    const body = predictCalls()[1]?.bodyJson as {
      instances: Array<Record<string, unknown>>;
      parameters: Record<string, unknown>;
    };
    expect(body.instances[0]).toEqual({
      prompt: 'a kite over the sea',
      video: { uri: extend!.params.extendVideo },
    });
    expect(body.parameters).toMatchObject({
      resolution: '720p',
      durationSeconds: 8,
      aspectRatio: '9:16',
      personGeneration: 'allow_all',
    });
    // Veo 3.1 at 720p: 7 new seconds at $0.40.
    expect(second.chargedMicros).toBe(2_800_000);
  });

  it('offers no Extend on a 1080p video, nor on models that cannot extend', async () => {
    await start();
    const hd = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'text-to-video', {
        prompt: 'a kite',
        resolution: '1080p',
      }),
    );
    const lite = await settled(
      genhub!,
      await request('google/veo-3.1-lite-generate-preview', 'text-to-video', { prompt: 'a kite' }),
    );
    expect(hd.outputs[0]?.metadata?.followUps).toBeUndefined();
    expect(lite.outputs[0]?.metadata?.followUps).toBeUndefined();
  });

  it('refuses to extend a video from another host, naming extendVideo, before any request', async () => {
    await start();
    const done = await settled(
      genhub!,
      await request('google/veo-3.1-generate-preview', 'video-to-video', {
        prompt: 'more',
        extendVideo: 'https://example.com/v1beta/files/abc:download?alt=media',
      }),
    );
    expect(done.state).toBe('failed');
    expect(done.error?.details).toMatchObject({ param: 'extendVideo' });
    expect(predictCalls()).toHaveLength(0);
  });
});
