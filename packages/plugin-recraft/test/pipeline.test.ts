import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord, Task } from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeRecraftApi,
  pngDataUri,
  RECRAFT_FAKE_KEY,
  startFakeRecraftApi,
} from './fake-recraft-api.js';
import { rejection, settled, startPipeline, user } from './harness.js';

// Recraft through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeRecraftApi;
let genhub: GenHub | undefined;
let logs: readonly { message: string }[] = [];

beforeAll(async () => {
  fake = await startFakeRecraftApi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  ({ genhub, logs } = await startPipeline(fake));
});
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

interface Kind {
  task: Task;
  model: string;
  params: () => Record<string, unknown>;
  /** The Recraft route that answers it. */
  route: string;
  stored: string;
  /** API units the fake reports, charged as thousandths of a dollar. */
  units: number;
}

const kinds: Kind[] = [
  {
    task: 'text-to-image',
    model: 'recraft/recraftv4_1',
    params: () => ({ prompt: 'a red fox', aspectRatio: '16:9' }),
    route: 'POST /v1/images/generations',
    stored: 'image/png',
    units: 35,
  },
  {
    task: 'text-to-vector',
    model: 'recraft/recraftv3_vector',
    params: () => ({ prompt: 'a paper plane logo', style: 'vector_illustration', substyle: 'line_art' }),
    route: 'POST /v1/images/generations',
    stored: 'image/svg+xml',
    units: 80,
  },
  {
    task: 'image-to-vector',
    model: 'recraft/vectorize',
    params: () => ({ images: [{ url: pngDataUri() }] }),
    route: 'POST /v1/images/vectorize',
    stored: 'image/svg+xml',
    units: 10,
  },
  {
    task: 'image-to-image',
    model: 'recraft/remove-background',
    params: () => ({ images: [{ url: pngDataUri() }] }),
    route: 'POST /v1/images/removeBackground',
    stored: 'image/png',
    units: 10,
  },
  {
    task: 'upscale',
    model: 'recraft/crisp-upscale',
    params: () => ({ images: [{ url: pngDataUri() }] }),
    route: 'POST /v1/images/crispUpscale',
    stored: 'image/png',
    units: 4,
  },
];

function request(kind: Pick<Kind, 'model' | 'task' | 'params'>): Promise<JobRecord> {
  return genhub!.generation.request({
    userId: user.id,
    model: kind.model,
    task: kind.task,
    params: kind.params(),
  });
}

const balance = () => genhub!.store.ledger.balance(user);

describe.each(kinds)('Recraft $task ($model) through the pipeline', (kind) => {
  it('succeeds: stores the file with its media type and charges the units Recraft reports', async () => {
    const done = await settled(genhub!, await request(kind));
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => output.mediaType)).toEqual([kind.stored]);
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', done.outputs[0]!.key));
    if (kind.stored === 'image/svg+xml') expect(stored.toString()).toContain('<svg');
    expect(done.chargedMicros).toBe(kind.units * 1000);
    const [call] = fake.server.callsTo(kind.route);
    expect(call?.headers.authorization).toBe(`Bearer ${RECRAFT_FAKE_KEY}`);
    expect(JSON.stringify(logs)).not.toContain(RECRAFT_FAKE_KEY);
  });

  it('fails CONTENT_REJECTED when Recraft refuses the content, refunded, in its own words', async () => {
    fake.failNext({ status: 400, json: { code: 'nsfw', message: 'Inappropriate content detected' } });
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    expect(JSON.stringify(done.error)).toContain('Inappropriate content detected');
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });

  it('fails RATE_LIMITED with the Retry-After Recraft sends, refunded', async () => {
    fake.failNext({ status: 429, headers: { 'retry-after': '3' }, body: 'Too many requests' });
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 3 },
    });
  });

  it('fails PROVIDER_UNAVAILABLE on a server error, refunded', async () => {
    fake.failNext({ status: 500, body: 'internal error' });
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });
});

describe('Recraft specifics through the pipeline', () => {
  it('sends V3 styles, colours and sizes as Recraft documents them', async () => {
    const done = await settled(
      genhub!,
      await request({
        task: 'text-to-image',
        model: 'recraft/recraftv3',
        params: () => ({
          prompt: 'a lighthouse',
          style: 'digital_illustration',
          substyle: 'hand_drawn',
          aspectRatio: '3:2',
          quantity: 2,
          colors: [[228, 87, 46]],
          backgroundColor: [255, 255, 255],
          artisticLevel: 2,
        }),
      }),
    );
    expect(done.state).toBe('succeeded');
    expect(done.outputs).toHaveLength(2);
    expect(fake.server.callsTo('POST /v1/images/generations')[0]?.bodyJson).toEqual({
      model: 'recraftv3',
      prompt: 'a lighthouse',
      n: 2,
      size: '3:2',
      style: 'digital_illustration',
      substyle: 'hand_drawn',
      response_format: 'url',
      controls: {
        colors: [{ rgb: [228, 87, 46] }],
        background_color: { rgb: [255, 255, 255] },
        artistic_level: 2,
      },
    });
  });

  it('sends a custom style by its id', async () => {
    const styleId = '229b2a75-05e4-4580-85f9-b47ee521a00d';
    const done = await settled(
      genhub!,
      await request({
        task: 'text-to-vector',
        model: 'recraft/recraftv4_vector',
        params: () => ({ prompt: 'a cat', styleId }),
      }),
    );
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo('POST /v1/images/generations')[0]?.bodyJson).toMatchObject({
      model: 'recraftv4_vector',
      style_id: styleId,
    });
  });

  it('refuses a substyle of another style before any request, naming the parameter', async () => {
    const error = await rejection(
      request({
        task: 'text-to-image',
        model: 'recraft/recraftv3',
        params: () => ({ prompt: 'a lighthouse', style: 'realistic_image', substyle: 'pixel_art' }),
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain('substyle');
    expect(fake.server.calls).toHaveLength(0);
  });

  it('refuses a V3 prompt over 1000 characters before any request', async () => {
    const error = await rejection(
      request({
        task: 'text-to-image',
        model: 'recraft/recraftv3',
        params: () => ({ prompt: 'x'.repeat(1001) }),
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain('prompt');
    expect(fake.server.calls).toHaveLength(0);
  });

  it('fails AUTH with the setting to fix when Recraft answers 401 request unauthorized', async () => {
    await genhub!.close();
    ({ genhub } = await startPipeline(fake, 'recraft-wrong-token-000000000000'));
    const done = await settled(genhub!, await request(kinds[0]!));
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'AUTH' } });
    expect(JSON.stringify(done.error)).not.toContain('recraft-wrong-token');
  });

  it('offers Vectorize and Remove background under a raster result, and the follow-up runs', async () => {
    const done = await settled(genhub!, await request(kinds[0]!));
    const followUps = done.outputs[0]?.metadata?.followUps as {
      label: string;
      model: string;
      task: Task;
      params: Record<string, unknown>;
    }[];
    expect(followUps.map((one) => one.label)).toEqual(['Vectorize', 'Remove background']);
    const vectorize = followUps[0]!;
    const next = await settled(
      genhub!,
      await genhub!.generation.request({
        userId: user.id,
        model: vectorize.model,
        task: vectorize.task,
        params: vectorize.params,
      }),
    );
    expect(next.state).toBe('succeeded');
    expect(next.outputs.map((output) => output.mediaType)).toEqual(['image/svg+xml']);
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', next.outputs[0]!.key)).toString();
    expect(stored).toContain('<svg');
  });
});
