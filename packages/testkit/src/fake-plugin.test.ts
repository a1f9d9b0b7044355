import {
  GenHubError,
  type HttpClient,
  type Provider,
  silentLogger,
  systemClock,
  type Task,
} from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { colorFromSeed } from './fake-media.js';
import { fakeModels, fakePlugin } from './fake-plugin.js';

const noHttp = new Proxy({} as HttpClient, {
  get: () => {
    throw new Error('the fake plugin needs no HTTP');
  },
});

async function setup(
  raw: Record<string, unknown> = {},
  signal = new AbortController().signal,
): Promise<Provider> {
  return fakePlugin.setup(
    { http: noHttp, logger: silentLogger, clock: systemClock, signal },
    fakePlugin.config.parse({ apiKey: 'fake-key-123456', ...raw }),
  );
}

const call = { signal: new AbortController().signal };

/** Validates like core (with the model's schema) and submits. */
function submit(provider: Provider, model: string, task: Task, input: Record<string, unknown>) {
  const spec = fakeModels.find((candidate) => candidate.id === model)!;
  return provider.submit(
    { model, task, params: spec.params.parse(input) as Record<string, unknown> },
    { ...call, idempotencyKey: 'job-1' },
  );
}

async function refOf(pending: Promise<Awaited<ReturnType<Provider['submit']>>>) {
  const result = await pending;
  if (result.status !== 'pending') throw new Error(`expected pending, got ${result.status}`);
  return JSON.parse(JSON.stringify(result.ref)) as typeof result.ref;
}

async function thrown(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

describe('fakePlugin', () => {
  it('parses its configuration with defaults and coerces environment strings', () => {
    expect(fakePlugin.config.parse({})).toEqual({ latencyMs: 0, pollsBeforeDone: 0 });
    expect(fakePlugin.config.parse({ pollsBeforeDone: '3' })).toMatchObject({ pollsBeforeDone: 3 });
  });

  it('lists one model per output kind', async () => {
    const provider = await setup();
    const models = await provider.models(call);
    expect(models.map((model) => [model.id, model.output])).toEqual([
      ['fake/image', 'image'],
      ['fake/video', 'video'],
      ['fake/speech', 'audio'],
      ['fake/music', 'audio'],
      ['fake/sound', 'audio'],
      ['fake/vector', 'vector'],
      ['fake/3d', 'model3d'],
    ]);
    const video = models[1]!;
    expect(video.estimatePrice(video.params.parse({ prompt: 'x', duration: 3 }))).toEqual({ usd: 0.3 });
  });

  it('makes solid-colour PNGs from the seed, sized after the request, costing the estimate', async () => {
    const provider = await setup();
    const ref = await refOf(
      submit(provider, 'fake/image', 'text-to-image', {
        prompt: 'a cat',
        seed: 5,
        quantity: 2,
        width: 1344,
        height: 768,
      }),
    );
    const result = await provider.poll(ref, call);
    if (result.status !== 'succeeded') throw new Error(result.status);
    expect(result.cost).toEqual({ usd: 0.02 });
    expect(result.outputs).toHaveLength(2);
    for (const [index, output] of result.outputs.entries()) {
      if (output.kind !== 'bytes') throw new Error('expected bytes');
      expect(output.mediaType).toBe('image/png');
      const png = Buffer.from(output.data);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.toString('latin1', 12, 16)).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([21, 12]);
      expect(output.metadata).toMatchObject({ seed: 5 + index });
    }
    const [first, second] = result.outputs;
    expect(first).not.toEqual(second);
    expect(colorFromSeed(5)).not.toEqual(colorFromSeed(6));
  });

  it('speaks a non-silent WAV', async () => {
    const provider = await setup();
    const ref = await refOf(
      submit(provider, 'fake/speech', 'text-to-speech', { prompt: 'Hello', voice: 'echo' }),
    );
    const result = await provider.poll(ref, call);
    if (result.status !== 'succeeded' || result.outputs[0]?.kind !== 'bytes') throw new Error('no audio');
    const wav = Buffer.from(result.outputs[0].data);
    expect(result.outputs[0].mediaType).toBe('audio/wav');
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    const samples = Array.from({ length: (wav.length - 44) / 2 }, (_, i) => wav.readInt16LE(44 + i * 2));
    expect(samples.some((sample) => Math.abs(sample) > 1000)).toBe(true);
    expect(result.cost).toEqual({ usd: 0.001 });
  });

  it('draws an SVG with the prompt as its escaped title, and a hostile one when asked', async () => {
    const provider = await setup();
    const clean = await provider.poll(
      await refOf(submit(provider, 'fake/vector', 'text-to-vector', { prompt: 'fox & <hound>' })),
      call,
    );
    const hostile = await provider.poll(
      await refOf(submit(provider, 'fake/vector', 'text-to-vector', { prompt: 'x [hostile-svg]' })),
      call,
    );
    if (clean.status !== 'succeeded' || clean.outputs[0]?.kind !== 'bytes') throw new Error('no svg');
    if (hostile.status !== 'succeeded' || hostile.outputs[0]?.kind !== 'bytes') throw new Error('no svg');
    expect(clean.outputs[0].mediaType).toBe('image/svg+xml');
    expect(Buffer.from(clean.outputs[0].data).toString()).toContain('<title>fox &amp; &lt;hound&gt;</title>');
    expect(Buffer.from(hostile.outputs[0].data).toString()).toContain('<script>');
  });

  it('gives video and 3D placeholders with their media types', async () => {
    const provider = await setup();
    const video = await provider.poll(
      await refOf(submit(provider, 'fake/video', 'text-to-video', { prompt: 'sea' })),
      call,
    );
    const model = await provider.poll(
      await refOf(submit(provider, 'fake/3d', 'text-to-3d', { prompt: 'fox' })),
      call,
    );
    if (video.status !== 'succeeded' || model.status !== 'succeeded') throw new Error('expected success');
    expect(video.outputs.map((output) => output.mediaType)).toEqual(['video/mp4']);
    expect(model.outputs.map((output) => [output.mediaType, output.role])).toEqual([
      ['model/gltf-binary', undefined],
      ['image/png', 'preview'],
    ]);
  });

  it('throws the submit errors the prompt asks for', async () => {
    const provider = await setup();
    const limited = await thrown(
      submit(provider, 'fake/image', 'text-to-image', { prompt: 'x [rate-limit]' }),
    );
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7, retryable: true });
    const down = await thrown(submit(provider, 'fake/image', 'text-to-image', { prompt: '[unavailable] x' }));
    expect(down.code).toBe('PROVIDER_UNAVAILABLE');
    expect((await thrown(submit(provider, 'fake/image', 'text-to-image', { prompt: '[auth]' }))).code).toBe(
      'AUTH',
    );
    expect(
      (await thrown(submit(provider, 'fake/image', 'text-to-image', { prompt: '[no-funds]' }))).code,
    ).toBe('INSUFFICIENT_FUNDS');
  });

  it('rejects unknown models and image tasks without images', async () => {
    const provider = await setup();
    const missing = await thrown(
      provider.submit(
        { model: 'fake/nope', task: 'text-to-image', params: {} },
        { ...call, idempotencyKey: 'k' },
      ),
    );
    expect(missing.code).toBe('MODEL_NOT_FOUND');
    const noImage = await thrown(submit(provider, 'fake/image', 'image-to-image', { prompt: 'x' }));
    expect(noImage.code).toBe('INVALID_INPUT');
  });

  it('fails with CONTENT_REJECTED on poll for [fail]', async () => {
    const provider = await setup();
    const ref = await refOf(submit(provider, 'fake/image', 'text-to-image', { prompt: 'bad [fail]' }));
    const result = await provider.poll(ref, call);
    if (result.status !== 'failed') throw new Error(result.status);
    expect(result.error.code).toBe('CONTENT_REJECTED');
  });

  it('stays pending for [slow:N] with rising progress, then succeeds', async () => {
    const provider = await setup();
    const ref = await refOf(submit(provider, 'fake/music', 'text-to-music', { prompt: 'jazz [slow:3]' }));
    const statuses: Array<[string, number | undefined]> = [];
    for (let i = 0; i < 4; i += 1) {
      const result = await provider.poll(ref, call);
      statuses.push([result.status, result.status === 'pending' ? result.percent : undefined]);
    }
    expect(statuses).toEqual([
      ['pending', 25],
      ['pending', 50],
      ['pending', 75],
      ['succeeded', undefined],
    ]);
  });

  it('waits pollsBeforeDone polls when configured', async () => {
    const provider = await setup({ pollsBeforeDone: 2 });
    const ref = await refOf(submit(provider, 'fake/image', 'text-to-image', { prompt: 'x' }));
    expect((await provider.poll(ref, call)).status).toBe('pending');
    expect((await provider.poll(ref, call)).status).toBe('pending');
    expect((await provider.poll(ref, call)).status).toBe('succeeded');
  });

  it('hangs on [hang] until cancelled', async () => {
    const provider = await setup();
    const ref = await refOf(submit(provider, 'fake/video', 'text-to-video', { prompt: '[hang]' }));
    for (let i = 0; i < 10; i += 1) expect((await provider.poll(ref, call)).status).toBe('pending');
    await provider.cancel?.(ref, call);
    expect(await provider.poll(ref, call)).toEqual({ status: 'cancelled' });
  });

  it('finishes at once for [sync]', async () => {
    const provider = await setup();
    const result = await submit(provider, 'fake/image', 'text-to-image', { prompt: 'now [sync]' });
    expect(result.status).toBe('succeeded');
  });

  it('lets another process poll a task from its ref alone', async () => {
    const first = await setup({ pollsBeforeDone: 1 });
    const ref = await refOf(submit(first, 'fake/image', 'text-to-image', { prompt: 'persisted', seed: 9 }));
    expect((await first.poll(ref, call)).status).toBe('pending');
    const restarted = await setup({ pollsBeforeDone: 5 });
    const stored = JSON.parse(JSON.stringify(ref)) as typeof ref;
    expect((await restarted.poll(stored, call)).status).toBe('pending');
    const done = await restarted.poll(stored, call);
    if (done.status !== 'succeeded') throw new Error(done.status);
    expect(done.outputs[0]?.metadata).toMatchObject({ seed: 9 });
    const foreign = await thrown(restarted.poll({ id: 'x', data: { nope: true } }, call));
    expect(foreign.code).toBe('INTERNAL');
  });

  it('honours latency and aborts with CANCELLED', async () => {
    const provider = await setup({ latencyMs: 10_000 });
    const controller = new AbortController();
    const pending = provider.health!({ signal: controller.signal });
    controller.abort();
    expect((await thrown(pending)).code).toBe('CANCELLED');
  });

  it('reports balance and health', async () => {
    const provider = await setup();
    expect(await provider.health?.(call)).toEqual({ ok: true, message: 'The fake provider is always up.' });
    const before = await provider.balance!(call);
    await provider.poll(
      await refOf(submit(provider, 'fake/video', 'text-to-video', { prompt: 'x', duration: 2 })),
      call,
    );
    const after = await provider.balance!(call);
    expect(before.usd! - after.usd!).toBeCloseTo(0.2);
  });
});
