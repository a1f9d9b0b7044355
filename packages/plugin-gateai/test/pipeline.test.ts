import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord, Task } from '@genhub/core';
import { solidPng } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isGateAiProvider } from '../src/gateai-provider.js';
import { type GateAiFake, startGateAiFake } from './fake/index.js';
import { OffsetClock, rejection, settled, startPipeline, user, whenRunning } from './harness.js';

// GateAI through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: GateAiFake;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startGateAiFake({ apiKey: 'sk-gateai-pipeline-key-0042' });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

async function start(options: Parameters<typeof startPipeline>[1] = {}) {
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return started;
}

interface Kind {
  name: string;
  model: string;
  task: Task;
  params: () => Record<string, unknown>;
  /** Media types of the stored outputs by role. */
  stored: Record<'primary' | 'preview', string[]>;
  /** What GateAI's generate body carries (beyond the model and type). */
  sent: (fake: GateAiFake) => Record<string, unknown>;
  /** The fake's price of the request, in micro-dollars. */
  costMicros: number;
}

const kinds: Kind[] = [
  {
    name: 'image',
    model: 'gateai/gpt-image-2',
    task: 'text-to-image',
    params: () => ({ prompt: 'a red fox', aspectRatio: '16:9', quantity: 2 }),
    stored: { primary: ['image/png', 'image/png'], preview: [] },
    sent: () => ({
      model: 'gpt-image-2',
      type: 'image',
      params: expect.objectContaining({
        prompt: 'a red fox',
        width: 1376,
        height: 768,
        quantity: 2,
        quality: 'low',
      }),
    }),
    costMicros: 6_000,
  },
  {
    name: 'video',
    model: 'gateai/seedance-2.0',
    task: 'text-to-video',
    params: () => ({ prompt: 'waves at dusk', duration: 4 }),
    stored: { primary: ['video/mp4'], preview: [] },
    sent: () => ({
      model: 'seedance-2.0',
      type: 'video',
      params: expect.objectContaining({
        prompt: 'waves at dusk',
        duration: 4,
        width: 1280,
        height: 720,
        seed: -1,
      }),
    }),
    costMicros: 490_000,
  },
  {
    name: '3D',
    model: 'gateai/rodin-v2',
    task: 'image-to-3d',
    // A plain-http link (the fake's own file server): GateAI only takes HTTPS or data:, so it is uploaded.
    params: () => ({ images: [{ url: `${fake.url}/files/input/chair.png` }], quality: 'low' }),
    stored: { primary: ['model/gltf-binary'], preview: ['image/jpeg'] },
    sent: (f) => ({
      model: 'rodin-v2',
      type: '3d',
      params: expect.objectContaining({ images: [f.uploads[0]?.id], quality: 'low' }),
    }),
    costMicros: 160_000,
  },
];

async function request(kind: Kind): Promise<JobRecord> {
  return genhub!.generation.request({
    userId: user.id,
    model: kind.model,
    task: kind.task,
    params: kind.params(),
  });
}

async function balance() {
  return genhub!.store.ledger.balance(user);
}

describe.each(kinds)('a GateAI $name generation through the pipeline', (kind) => {
  it('succeeds: sends what the document shows, stores the files, charges the reported cost', async () => {
    const { logs } = await start();
    fake.nextTask({ polls: 0 });
    const done = await settled(genhub!, await request(kind));
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    const byRole = (role: 'primary' | 'preview') =>
      done.outputs.filter((o) => o.role === role).map((o) => o.mediaType);
    expect(byRole('primary')).toEqual(kind.stored.primary);
    expect(byRole('preview')).toEqual(kind.stored.preview);
    for (const output of done.outputs) {
      expect(readFileSync(join(genhub!.config.dataDir, 'artifacts', output.key)).byteLength).toBe(
        output.bytes,
      );
    }
    expect(done.chargedMicros).toBe(kind.costMicros);
    expect(await balance()).toMatchObject({
      availableMicros: 10_000_000 - kind.costMicros,
      reservedMicros: 0,
    });

    const [generate] = fake.callsTo('POST /api/generate');
    expect(generate?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(generate?.bodyJson).toEqual(kind.sent(fake));
    const taskId = (done.remoteRef as { id: string }).id;
    expect(fake.callsTo('GET /get/:id').map((call) => call.path)).toEqual([`/get/${taskId}`]);
    expect(JSON.stringify(logs)).not.toContain(fake.apiKey);
  });

  it('polls through PROCESSING to FINISHED', async () => {
    await start();
    fake.nextTask({ polls: 3 });
    const done = await settled(genhub!, await request(kind));
    expect(done.state).toBe('succeeded');
    expect(fake.callsTo('GET /get/:id')).toHaveLength(4);
  });

  it('polls through PROCESSING to a failure, refunded', async () => {
    await start();
    fake.nextTask({ polls: 2, outcome: 'failed', error: 'Upstream provider error' });
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('Upstream provider error') },
    });
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });

  it('fails with TIMEOUT when GateAI hits its 40-minute hard limit, refunded', async () => {
    await start();
    fake.nextTask({ polls: 1, outcome: 'timeout' });
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'TIMEOUT' } });
  });

  it('times out at the 40-minute deadline while GateAI is still PROCESSING, refunded', async () => {
    const clock = new OffsetClock();
    await start({ clock });
    fake.nextTask({ polls: 10_000 });
    whenRunning(genhub!, () => {
      clock.offsetMs += 41 * 60_000;
    });
    const job = await request(kind);
    expect(job.deadlineAt - job.createdAt).toBe(40 * 60_000);
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'timed_out', chargedMicros: 0, error: { code: 'TIMEOUT' } });
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });

  it('fails RATE_LIMITED when GateAI refuses a 6th request within 30 s, refunded', async () => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.fillRateWindow();
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 30 },
    });
    expect(fake.tasks).toHaveLength(0);
  });
});

describe('GateAI specifics through the pipeline', () => {
  it('waits out a Retry-After and submits again', async () => {
    await start();
    fake.failNextGenerate({
      status: 429,
      headers: { 'retry-after': '1' },
      json: { error: 'Too many concurrent requests: max 5 in flight per key', code: 'RATE_LIMITED' },
    });
    fake.nextTask({ polls: 0 });
    const done = await settled(genhub!, await request(kinds[0]!));
    expect(done.state).toBe('succeeded');
    expect(fake.callsTo('POST /api/generate')).toHaveLength(2);
  });

  it('passes budget downgrades on as adjusted warnings and settles to the downgraded cost', async () => {
    await start();
    fake.setBudget({ used: 99 });
    fake.nextTask({ polls: 0 });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'gateai/seedance-2.0',
      task: 'text-to-video',
      params: { prompt: 'a long take', duration: 15 },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.warnings).toContainEqual({
      type: 'adjusted',
      param: 'duration',
      from: 15,
      to: 8,
      reason: "GateAI changed it to fit the key's daily budget",
    });
    expect(done.reservedMicros).toBe(1_850_000);
    expect(done.chargedMicros).toBe(980_000);
  });

  it('charges nothing for a task GateAI finished after its 20-minute refund point', async () => {
    const clock = new OffsetClock();
    await start({ clock });
    fake.nextTask({ polls: 2 });
    whenRunning(genhub!, () => {
      clock.offsetMs += 21 * 60_000;
    });
    const done = await settled(genhub!, await request(kinds[1]!));
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 0 });
    expect(done.warnings).toContainEqual({ type: 'other', message: expect.stringContaining('20 minutes') });
  });

  it('sends a data: first frame inline, as GateAI takes it', async () => {
    await start();
    fake.nextTask({ polls: 0 });
    const frame = `data:image/png;base64,${Buffer.from(solidPng(4, 4, [9, 9, 9])).toString('base64')}`;
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'gateai/hailuo-2_3-fast',
      task: 'image-to-video',
      params: { prompt: 'it comes alive', firstFrame: { url: frame }, duration: 10 },
    });
    expect((await settled(genhub!, job)).state).toBe('succeeded');
    expect(fake.callsTo('POST /api/upload')).toHaveLength(0);
    expect(fake.callsTo('POST /api/generate')[0]?.bodyJson).toMatchObject({
      model: 'hailuo-2_3-fast',
      type: 'video',
      params: { start_frame: frame, durationSeconds: 10, resolution: '1080p' },
    });
  });

  it('uploads a plain-http input as multipart "file" and sends its id in images', async () => {
    await start();
    fake.nextTask({ polls: 0 });
    const done = await settled(genhub!, await request(kinds[2]!));
    expect(done.state).toBe('succeeded');
    const [upload] = fake.callsTo('POST /api/upload');
    expect(upload?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(upload?.multipart?.files.file).toMatchObject({ filename: 'chair.png', type: 'image/png' });
    const sent = fake.callsTo('POST /api/generate')[0]?.bodyJson as { params: Record<string, unknown> };
    expect(sent.params.images).toEqual([fake.uploads[0]!.id]);
    expect(sent.params).not.toHaveProperty('image_urls');
  });

  it('refuses a prompt over 1500 characters before paying or calling GateAI', async () => {
    await start();
    const error = await rejection(
      genhub!.generation.request({
        userId: user.id,
        model: 'gateai/gpt-image-2',
        task: 'text-to-image',
        params: { prompt: 'x'.repeat(1501) },
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(fake.callsTo('POST /api/generate')).toHaveLength(0);
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000 });
  });

  it('falls back to the bundled catalogue when discovery is down, and says so', async () => {
    fake.setDiscovery('down');
    const { logs } = await start();
    expect(genhub!.plugins).toEqual([expect.objectContaining({ id: 'gateai', state: 'ready', models: 53 })]);
    const provider = genhub!.registry.provider('gateai');
    expect(isGateAiProvider(provider) && provider.catalogue).toMatchObject({ source: 'bundled', models: 53 });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('bundled') }),
    );
    expect(genhub!.registry.find('gateai/kling-3.0')?.model.description).toContain('bundled copy');
    const health = await provider?.health?.({ signal: AbortSignal.timeout(5_000) });
    expect(health).toMatchObject({ ok: true, message: expect.stringContaining('bundled from GateAI') });

    fake.nextTask({ polls: 0 });
    expect((await settled(genhub!, await request(kinds[0]!))).state).toBe('succeeded');
  });
});
