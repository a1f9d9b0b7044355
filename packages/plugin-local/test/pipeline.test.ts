import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { solidPng, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLocalWorker, startFakeLocalWorker } from './fake-local-worker.js';
import { GRANT_MICROS, settled, startPipeline, user, WORKER_TOKEN, waitFor } from './harness.js';

// The local workers through the real pipeline: createGenHub + generation.request, the reference
// worker on 127.0.0.1 playing all five workers.

let fake: FakeLocalWorker;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeLocalWorker({ token: WORKER_TOKEN });
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

/** A photo served by the worker's host over plain http, as a chat attachment might be. */
function inputImage() {
  fake.server.route('GET /inputs/photo.png', {
    headers: { 'content-type': 'image/png' },
    body: solidPng(16, 9, [30, 90, 160]),
  });
  return { url: `${fake.url}/inputs/photo.png` };
}

function requestImage(params: Record<string, unknown> = {}) {
  return genhub!.generation.request({
    userId: user.id,
    model: 'local/qwen-image',
    task: 'text-to-image',
    params: { prompt: 'a red fox in fresh snow', ...params },
  });
}

const stored = (job: JobRecord, index = 0) =>
  readFileSync(join(genhub!.config.dataDir, 'artifacts', job.outputs[index]!.key));
const balance = () => genhub!.store.ledger.balance(user);
const refunded = async () =>
  expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });

describe('local/qwen-image through the pipeline (worker protocol)', () => {
  it('submits a job with the size for the ratio, stores the PNG the worker serves, charges nothing', async () => {
    const { logs } = await start();
    fake.plan({ queuedPolls: 1, runningPolls: 1, ending: 'succeeded' });
    const done = await settled(genhub!, await requestImage({ aspectRatio: '16:9', seed: 42 }));

    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('image/png');
    expect(stored(done).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(done.chargedMicros).toBe(0);
    await refunded();

    const [sent] = fake.submissions();
    expect(sent?.headers.authorization).toBe(`Bearer ${WORKER_TOKEN}`);
    expect(sent?.headers['idempotency-key']).toContain(done.id);
    expect(sent?.bodyJson).toEqual({
      task: 'text-to-image',
      model: 'qwen-image',
      prompt: 'a red fox in fresh snow',
      width: 1664,
      height: 928,
      seed: 42,
    });
    expect(JSON.stringify(logs)).not.toContain(WORKER_TOKEN);
  });

  it('reports queue position and progress in the job progress events', async () => {
    await start();
    fake.plan({ queuedPolls: 2, runningPolls: 2, ending: 'succeeded' });
    const seen: Array<{ percent?: number; queuePosition?: number }> = [];
    const stop = genhub!.generation.events.subscribe((event) => {
      if (event.type === 'progress' && event.job.progress) seen.push({ ...event.job.progress });
    });
    const done = await settled(genhub!, await requestImage());
    stop();
    expect(done.state).toBe('succeeded');
    expect(seen).toContainEqual(expect.objectContaining({ queuePosition: 2 }));
    expect(seen).toContainEqual(expect.objectContaining({ percent: 50 }));
  });

  it('refuses bad parameters before any request, naming them', async () => {
    await start();
    await expect(requestImage({ prompt: 'x'.repeat(2001) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('prompt'),
    });
    await expect(requestImage({ steps: 500 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('steps'),
    });
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'local/sam2',
        task: 'image-to-mask',
        params: { images: [inputImage()], box: [0.8, 0.2, 0.1, 0.9] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('box') });
    expect(fake.submissions()).toHaveLength(0);
    await refunded();
  });

  it('a job the safety checker refused is a content refusal in the worker words, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 1,
      ending: { code: 'content_rejected', message: 'The safety checker flagged the prompt.' },
    });
    const done = await settled(genhub!, await requestImage());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'CONTENT_REJECTED', message: expect.stringContaining('safety checker flagged') },
    });
    await refunded();
  });

  it('a job that ran out of GPU memory fails PROVIDER_UNAVAILABLE, refunded', async () => {
    await start();
    fake.plan({ ending: { code: 'out_of_memory', message: 'CUDA out of memory.' } });
    const done = await settled(genhub!, await requestImage());
    expect(done).toMatchObject({ state: 'failed', error: { code: 'PROVIDER_UNAVAILABLE' } });
    await refunded();
  });

  it('a job the worker cancelled ends the job cancelled', async () => {
    await start();
    fake.plan({ runningPolls: 1, ending: 'cancelled' });
    const done = await settled(genhub!, await requestImage());
    expect(done).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    await refunded();
  });

  it('a busy worker (429) is waited for, then the job goes through', async () => {
    await start();
    fake.plan({ busySubmits: 1, runningPolls: 0, ending: 'succeeded' });
    const done = await settled(genhub!, await requestImage(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.submissions()).toHaveLength(2);
  });

  it('a server error at submit fails PROVIDER_UNAVAILABLE and is refunded', async () => {
    await start();
    fake.server.route('POST /v1/jobs', {
      status: 500,
      json: { error: { code: 'internal', message: 'The worker crashed.' } },
    });
    const done = await settled(genhub!, await requestImage(), 20_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('cancelling the job cancels the worker job (DELETE /v1/jobs/{id})', async () => {
    await start();
    fake.plan({ runningPolls: 10_000, ending: 'succeeded' });
    const job = await requestImage();
    await waitFor(() => fake.server.callsTo('GET /v1/jobs/:id').length > 0);
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled.state).toBe('cancelled');
    await waitFor(() => fake.server.callsTo('DELETE /v1/jobs/:id').length > 0);
    expect([...fake.jobs.values()].at(-1)?.cancelled).toBe(true);
    await refunded();
  });

  it('a restart mid-job polls the same worker job instead of submitting again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'localgpu-restart-'));
    await start({ config: { dataDir } });
    fake.plan({ runningPolls: 10_000, ending: 'succeeded' });
    const job = await requestImage();
    await waitFor(() => fake.server.callsTo('GET /v1/jobs/:id').length > 0);
    await genhub!.close();
    const running = [...fake.jobs.values()].at(-1)!;
    running.plan = { ending: 'succeeded' };
    await start({ config: { dataDir } });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(fake.submissions()).toHaveLength(1);
  });
});

describe('the other workers through the pipeline', () => {
  it('local/sam2 sends the image and points and stores the mask PNG', async () => {
    await start();
    fake.plan({ runningPolls: 1, ending: 'succeeded', outputs: 'b64' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'local/sam2',
      task: 'image-to-mask',
      params: { images: [inputImage()], points: [{ x: 0.4, y: 0.6 }], box: [0.1, 0.1, 0.9, 0.9] },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('image/png');
    expect(fake.submissions()[0]?.bodyJson).toMatchObject({
      task: 'image-to-mask',
      model: 'sam2',
      image: expect.stringMatching(/^(data:image\/png;base64,|http)/),
      points: [{ x: 0.4, y: 0.6, label: 1 }],
      box: [0.1, 0.1, 0.9, 0.9],
    });
  });

  it('local/hunyuan-video image-to-video sends the first frame and stores an MP4', async () => {
    await start();
    fake.plan({ runningPolls: 2, ending: 'succeeded' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'local/hunyuan-video',
      task: 'image-to-video',
      params: { prompt: 'the tide comes in', images: [inputImage()], aspectRatio: '9:16', duration: 3 },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('video/mp4');
    expect(stored(done).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(fake.submissions()[0]?.bodyJson).toMatchObject({
      task: 'image-to-video',
      width: 720,
      height: 1280,
      duration: 3,
      fps: 24,
    });
  });

  it('local/hunyuan-video refuses image-to-video without a first frame, naming images', async () => {
    await start();
    const job = await genhub!.generation
      .request({
        userId: user.id,
        model: 'local/hunyuan-video',
        task: 'image-to-video',
        params: { prompt: 'the tide comes in' },
      })
      .catch((error: unknown) => error);
    const error = job instanceof Error ? job : (await settled(genhub!, job as JobRecord)).error;
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/image/i) });
    expect(fake.submissions()).toHaveLength(0);
  });

  it('local/svg-turbo stores an SVG', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'local/svg-turbo',
      task: 'text-to-vector',
      params: { prompt: 'a paper plane icon' },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('image/svg+xml');
  });

  it('a 2-minute video takes at most 15 status calls and is seen within 10 s of being ready', async () => {
    const clock = virtualClock();
    const slow = await startFakeLocalWorker({ clock });
    try {
      const started = await startPipeline(slow, {
        clock,
        env: { GENHUB_LOCAL_HUNYUAN_VIDEO_URL: slow.url },
        config: { jobs: { pollInitialMs: 2000, pollMaxMs: 10_000 } },
      });
      genhub = started.genhub;
      slow.plan({ readyAfterMs: 120_000, ending: 'succeeded' });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'local/hunyuan-video',
        task: 'text-to-video',
        params: { prompt: 'waves' },
      });
      const startedAt = clock.now();
      const done = await settled(genhub, job, 20_000);
      expect(done.state).toBe('succeeded');
      const [worked] = slow.jobs.values();
      expect(slow.pollsOf(worked!.id)).toBeLessThanOrEqual(15);
      const readyAt = worked!.createdAt + 120_000;
      expect(done.finishedAt! - readyAt).toBeLessThanOrEqual(10_000);
      expect(done.finishedAt! - startedAt).toBeGreaterThanOrEqual(120_000);
    } finally {
      await genhub?.close();
      genhub = undefined;
      await slow.close();
    }
  });
});

describe('cancelling a job the worker has already finished', () => {
  it('is no error: the worker answers 409 job_ended and there is nothing to stop', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const done = await settled(genhub!, await requestImage());
    const provider = genhub!.registry.provider('local')!;
    await expect(
      provider.cancel!(done.remoteRef as { id: string; data: { worker: string } }, {
        signal: AbortSignal.timeout(5000),
      }),
    ).resolves.toBeUndefined();
    expect(fake.server.calls.at(-1)).toMatchObject({ method: 'DELETE' });
  });
});
