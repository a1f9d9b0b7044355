import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { solidPng, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_FAL_KEY, type FakeFalApi, startFakeFalApi } from './fake-fal-api.js';
import { GRANT_MICROS, settled, startPipeline, user } from './harness.js';

// fal through the real pipeline: createGenHub + generation.request, the fake queue on 127.0.0.1.

let fake: FakeFalApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeFalApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
  fake.server.reset();
  // Puts back the fake's own routes, which a test may have replaced.
  fake.plan({ runningPolls: 1, ending: 'succeeded' });
});

async function start(options: Parameters<typeof startPipeline>[1] = {}) {
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return started;
}

function requestPika(params: Record<string, unknown> = {}) {
  return genhub!.generation.request({
    userId: user.id,
    model: 'fal/pika:v2.2:text-to-video',
    task: 'text-to-video',
    params: { prompt: 'waves', ...params },
  });
}

const balance = () => genhub!.store.ledger.balance(user);
const refunded = async () =>
  expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
const frame = `data:image/png;base64,${Buffer.from(solidPng(8, 8, [30, 90, 160])).toString('base64')}`;

describe('fal/pika:v2.2:text-to-video through the pipeline', () => {
  it('queues at fal with the key header, stores an MP4 and charges the estimate', async () => {
    const { logs } = await start();
    fake.plan({ queuedPolls: 1, runningPolls: 1, ending: 'succeeded' });
    const done = await settled(genhub!, await requestPika({ resolution: '1080p' }));

    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    const [video] = done.outputs;
    expect(video?.mediaType).toBe('video/mp4');
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', video!.key));
    expect(stored.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // 1080p, 5 s: $0.45.
    expect(done.chargedMicros).toBe(450_000);

    const [sent] = fake.submits();
    expect(sent?.path).toBe('/fal-ai/pika/v2.2/text-to-video');
    expect(sent?.headers.authorization).toBe(`Key ${FAKE_FAL_KEY}`);
    expect(sent?.bodyJson).toEqual({
      prompt: 'waves',
      negative_prompt: '',
      aspect_ratio: '16:9',
      resolution: '1080p',
      duration: 5,
    });
    // Status goes to the app without its sub-path, with logs.
    expect(fake.statusCalls()[0]?.path).toMatch(/^\/fal-ai\/pika\/requests\/[\w-]+\/status$/);
    expect(fake.statusCalls()[0]?.query.logs).toBe('1');
    expect(JSON.stringify(logs)).not.toContain(FAKE_FAL_KEY);
  });

  it('reports the queue position and the percent from the logs as progress', async () => {
    await start();
    fake.plan({ queuedPolls: 2, runningPolls: 2, ending: 'succeeded' });
    const positions: number[] = [];
    const percents: number[] = [];
    const stop = genhub!.generation.events.subscribe((event) => {
      if (event.type !== 'progress') return;
      if (event.job.progress?.queuePosition !== undefined) positions.push(event.job.progress.queuePosition);
      if (event.job.progress?.percent !== undefined) percents.push(event.job.progress.percent);
    });
    const done = await settled(genhub!, await requestPika());
    stop();
    expect(done.state).toBe('succeeded');
    expect(positions).toContain(2);
    expect(percents).toContain(40);
  });

  it('refuses a bad parameter before any request, naming it', async () => {
    await start();
    await expect(requestPika({ duration: 7 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('duration'),
    });
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'fal/mochi-v1',
        task: 'text-to-video',
        params: { prompt: 'x'.repeat(2501) },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('prompt') });
    expect(fake.submits()).toHaveLength(0);
    await refunded();
  });

  it('a content checker refusal is CONTENT_REJECTED in fal words, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 1,
      ending: {
        error:
          'The content could not be processed because it contained material flagged by a content checker.',
        errorType: 'content_policy_violation',
      },
    });
    const done = await settled(genhub!, await requestPika());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'CONTENT_REJECTED', message: expect.stringContaining('content checker') },
    });
    await refunded();
  });

  it('a request that failed at fal is PROVIDER_UNAVAILABLE, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 0,
      ending: { error: 'Internal server error', errorType: 'internal_server_error' },
    });
    const done = await settled(genhub!, await requestPika());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  });

  it('a rate-limited submit waits for Retry-After, then goes through', async () => {
    await start();
    const plan = { runningPolls: 0, ending: 'succeeded' } as const;
    fake.plan(plan);
    fake.server.route('POST /fal-ai/pika/v2.2/text-to-video', () => {
      fake.plan(plan); // The next submit is accepted.
      return { status: 429, headers: { 'retry-after': '1' }, json: { detail: 'Rate limit exceeded' } };
    });
    const done = await settled(genhub!, await requestPika(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo('POST /fal-ai/pika/v2.2/text-to-video')).toHaveLength(2);
  });

  it('a server error at submit fails PROVIDER_UNAVAILABLE and is refunded', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    fake.server.route('POST /fal-ai/pika/v2.2/text-to-video', {
      status: 503,
      json: { detail: 'Service unavailable' },
    });
    const done = await settled(genhub!, await requestPika(), 30_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    await refunded();
  }, 40_000);

  it('cancelling the job cancels the fal request (PUT .../cancel)', async () => {
    await start();
    fake.plan({ queuedPolls: 10_000, runningPolls: 0, ending: 'succeeded' });
    const job = await requestPika();
    await waitFor(() => fake.statusCalls().length > 0);
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled.state).toBe('cancelled');
    await waitFor(() => fake.server.callsTo('PUT /:owner/:alias/requests/:id/cancel').length > 0);
    const [cancel] = fake.server.callsTo('PUT /:owner/:alias/requests/:id/cancel');
    expect(cancel?.path).toMatch(/^\/fal-ai\/pika\/requests\/[\w-]+\/cancel$/);
    await refunded();
  });

  it('a job caught by a restart is polled again, not submitted twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fal-restart-'));
    await start({ config: { dataDir } });
    fake.plan({ runningPolls: 10_000, ending: 'succeeded' });
    const job = await requestPika();
    await waitFor(() => fake.statusCalls().length > 0);
    await genhub!.close();
    // The request at fal finishes while GenHub is down.
    fake.finishNow(fake.statusCalls()[0]!.params.id!);
    await start({ config: { dataDir } });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(fake.submits()).toHaveLength(1);
  });
});

describe('the other bundled models', () => {
  it('Pika image-to-video uploads a data: image to fal storage and sends its link', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'fal/pika:v2.2:image-to-video',
      task: 'image-to-video',
      params: { prompt: 'it moves', images: [{ url: frame }] },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    const sent = fake.submits()[0]?.bodyJson as { image_url: string };
    expect(sent.image_url).toMatch(new RegExp(`^${fake.url}/files/[\\w-]+-input\\.png$`));
    const uploaded = fake.uploads.get(sent.image_url);
    expect(uploaded?.contentType).toBe('image/png');
    expect(Buffer.from(uploaded!.bytes).toString('base64')).toBe(frame.split(',')[1]);
    // The signed upload link never gets the key.
    expect(fake.server.callsTo('PUT /uploads/:id')[0]?.headers.authorization).toBeUndefined();
  });

  it('Pikaframes refuses a single keyframe before any request', async () => {
    await start();
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'fal/pika:v2.2:pikaframes',
        task: 'image-to-video',
        params: { images: [{ url: frame }] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('images') });
    expect(fake.submits()).toHaveLength(0);
  });
});

describe('an app the operator lists in GENHUB_FAL_APPS', () => {
  it('takes its parameters from the published OpenAPI schema and follows up without the sub-path', async () => {
    fake.serveApp(fluxSchema, fluxOpenApi);
    await start({
      env: { GENHUB_FAL_APPS: 'fal-ai/flux/dev', GENHUB_FAL_OPENAPI_URL: `${fake.url}/openapi?endpoint_id=` },
    });
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    await expect(
      genhub!.generation.request({
        userId: user.id,
        model: 'fal/flux:dev',
        task: 'text-to-image',
        params: { prompt: 'a fox', numInferenceSteps: 99 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('numInferenceSteps') });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'fal/flux:dev',
      task: 'text-to-image',
      params: { prompt: 'a fox', numInferenceSteps: 12 },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('image/png');
    expect(fake.submits()[0]?.bodyJson).toEqual({
      prompt: 'a fox',
      num_inference_steps: 12,
      enable_safety_checker: true,
    });
    expect(fake.statusCalls()[0]?.path).toMatch(/^\/fal-ai\/flux\/requests\//);
  });

  it('turns the safety checker off only at the mature level, and refuses a user turning it off', async () => {
    fake.serveApp(fluxSchema, fluxOpenApi);
    await start({
      env: { GENHUB_FAL_APPS: 'fal-ai/flux/dev', GENHUB_FAL_OPENAPI_URL: `${fake.url}/openapi?endpoint_id=` },
    });
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const input = { userId: user.id, model: 'fal/flux:dev', task: 'text-to-image' as const };
    await expect(
      genhub!.generation.request({ ...input, params: { prompt: 'a fox', enableSafetyChecker: false } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { param: 'enableSafetyChecker' } });
    const job = await genhub!.generation.request({
      ...input,
      params: { prompt: 'a fox' },
      safety: { level: 'mature' },
    });
    expect((await settled(genhub!, job)).state).toBe('succeeded');
    expect(fake.submits()).toHaveLength(1);
    expect(fake.submits()[0]?.bodyJson).toMatchObject({ enable_safety_checker: false });
  });

  it('an image answer whose every image the safety checker flagged is CONTENT_REJECTED, refunded', async () => {
    fake.serveApp(fluxSchema, fluxOpenApi);
    await start({
      env: { GENHUB_FAL_APPS: 'fal-ai/flux/dev', GENHUB_FAL_OPENAPI_URL: `${fake.url}/openapi?endpoint_id=` },
    });
    fake.plan({ runningPolls: 0, ending: 'flagged' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'fal/flux:dev',
      task: 'text-to-image',
      params: { prompt: 'a fox' },
    });
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    await refunded();
  });
});

describe('account errors', () => {
  it('a locked account (exhausted balance) is INSUFFICIENT_FUNDS, refunded', async () => {
    await start();
    fake.server.route('POST /fal-ai/pika/v2.2/text-to-video', {
      status: 403,
      json: {
        detail: 'User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.',
      },
    });
    await expect(settled(genhub!, await requestPika())).resolves.toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INSUFFICIENT_FUNDS' },
    });
    await refunded();
  });

  it('a wrong key is AUTH, and the key is in no log line', async () => {
    const { logs } = await start({ env: { GENHUB_FAL_API_KEY: 'not-the-fake-key-0123456789' } });
    const done = await settled(genhub!, await requestPika());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'AUTH' } });
    expect(JSON.stringify(logs)).not.toContain('not-the-fake-key-0123456789');
  });

  it('a listed app fal has no schema for is skipped; the bundled models stay', async () => {
    const { logs } = await start({
      env: {
        GENHUB_FAL_APPS: 'someone/unknown-app',
        GENHUB_FAL_OPENAPI_URL: `${fake.url}/openapi?endpoint_id=`,
      },
    });
    const ids = genhub!.registry.list().map((model) => model.id);
    expect(ids).toContain('fal/pika:v2.2:text-to-video');
    expect(ids).not.toContain('fal/someone:unknown-app');
    expect(JSON.stringify(logs)).toContain('fal app skipped');
  });
});

describe('polling a long fal request', () => {
  it('a 2-minute request takes at most 15 status calls and is seen within 10 s of being ready', async () => {
    const clock = virtualClock();
    const slow = await startFakeFalApi({ clock });
    try {
      const started = await startPipeline(slow, {
        clock,
        config: { jobs: { pollInitialMs: 2000, pollMaxMs: 10_000 } },
      });
      genhub = started.genhub;
      slow.plan({ runningPolls: 0, readyAfterMs: 120_000, ending: 'succeeded' });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'fal/pika:v2.2:text-to-video',
        task: 'text-to-video',
        params: { prompt: 'waves' },
      });
      const startedAt = clock.now();
      const done: JobRecord = await settled(genhub, job, 20_000);
      expect(done.state).toBe('succeeded');
      const request = slow.request(slow.statusCalls()[0]!.params.id!)!;
      expect(request.polls).toBeLessThanOrEqual(15);
      expect(done.finishedAt! - (request.submittedAt + 120_000)).toBeLessThanOrEqual(10_000);
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

const fluxInput = {
  type: 'object',
  properties: {
    prompt: { type: 'string', title: 'Prompt' },
    num_inference_steps: { type: 'integer', minimum: 1, maximum: 50, default: 28 },
    enable_safety_checker: { type: 'boolean', default: true, title: 'Enable Safety Checker' },
  },
  required: ['prompt'],
};
const fluxSchema = { appId: 'fal-ai/flux/dev', category: 'text-to-image', input: fluxInput };
/** The shape of fal's published OpenAPI document for an app, trimmed to what GenHub reads. */
const fluxOpenApi = {
  openapi: '3.0.4',
  info: {
    title: 'FLUX.1 [dev]',
    'x-fal-metadata': { endpointId: 'fal-ai/flux/dev', category: 'text-to-image' },
  },
  paths: {
    '/fal-ai/flux/dev': {
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/FluxDevInput' } } },
        },
      },
    },
  },
  components: { schemas: { FluxDevInput: fluxInput } },
};
