import {
  type Clock,
  type GenerationRequest,
  GenHubError,
  type PollResult,
  systemClock,
  validateParams,
} from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GateAiFake, startGateAiFake } from '../test/fake/index.js';
import { type StartedGateAi, startGateAi } from './__fixtures__/start-gateai.js';
import { gateAiConfig } from './config.js';

const signal = new AbortController().signal;
const options = { signal, idempotencyKey: 'job-1-0' };

let fake: GateAiFake;
let gateai: StartedGateAi | undefined;

beforeAll(async () => {
  fake = await startGateAiFake({ apiKey: 'sk-gateai-provider-test-0007' });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(async () => {
  await gateai?.close();
  gateai = undefined;
});

async function start(settings: Record<string, unknown> = {}, clock: Clock = systemClock) {
  gateai = await startGateAi(fake, settings, clock);
  return gateai;
}

/** A request as core hands it to submit: validated against the model first. */
function prepared(
  model: string,
  task: GenerationRequest['task'],
  params: Record<string, unknown>,
): GenerationRequest {
  return { model, task, params: validateParams(gateai!.model(model), params).params };
}

async function pollUntilDone(ref: { id: string; data?: unknown }): Promise<PollResult> {
  for (let i = 0; i < 20; i += 1) {
    const result = await gateai!.provider.poll(JSON.parse(JSON.stringify(ref)), { signal });
    if (result.status !== 'pending') return result;
  }
  throw new Error('still pending');
}

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

describe('submit and poll', () => {
  it('sends POST /api/generate as documented and polls GET /get/{task_id} with the Bearer key', async () => {
    const { provider } = await start();
    fake.nextTask({ polls: 1 });
    const submitted = await provider.submit(
      prepared('gateai/flux-dev', 'text-to-image', {
        prompt: 'a red fox',
        seed: 7,
        width: 1001,
        quantity: 2,
      }),
      options,
    );
    expect(submitted).toMatchObject({
      status: 'pending',
      ref: {
        id: expect.any(String),
        data: { model: 'flux-dev', type: 'image', submittedAt: expect.any(Number), cost: 0.008 },
      },
      cost: { usd: 0.008 },
    });
    const [call] = fake.callsTo('POST /api/generate');
    expect(call?.path).toBe('/api/generate');
    expect(call?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(call?.headers['idempotency-key']).toBeUndefined();
    expect(call?.bodyJson).toEqual({
      model: 'flux-dev',
      type: 'image',
      params: {
        prompt: 'a red fox',
        seed: 7,
        width: 1000,
        height: 1024,
        quantity: 2,
        mode: 'FAST',
        guidance_scale: 3.5,
        num_inference_steps: 28,
      },
    });
    if (submitted.status !== 'pending') return;

    const pending = await provider.poll(submitted.ref, { signal });
    expect(pending).toEqual({ status: 'pending', pollAfterMs: 2000 });
    const done = await provider.poll(submitted.ref, { signal });
    expect(done).toMatchObject({ status: 'succeeded', cost: { usd: 0.008 } });
    if (done.status !== 'succeeded') return;
    expect(done.outputs).toHaveLength(2);
    expect(done.outputs[0]).toMatchObject({ kind: 'url', role: 'primary', mediaType: 'image/png' });
    const polls = fake.callsTo('GET /get/:id');
    expect(polls.map((p) => [p.path, p.headers.authorization])).toEqual([
      [`/get/${submitted.ref.id}`, `Bearer ${fake.apiKey}`],
      [`/get/${submitted.ref.id}`, `Bearer ${fake.apiKey}`],
    ]);
  });

  it('gives a 3D result as the .glb (primary) with its JPG preview', async () => {
    const { provider } = await start();
    fake.nextTask({ polls: 0 });
    const submitted = await provider.submit(
      prepared('gateai/rodin-v2', 'image-to-3d', { images: [{ url: 'https://example.com/chair.png' }] }),
      options,
    );
    if (submitted.status !== 'pending') throw new Error('expected a task');
    const done = await pollUntilDone(submitted.ref);
    if (done.status !== 'succeeded') throw new Error(done.status);
    expect(
      done.outputs.map((o) => [o.role, o.mediaType, o.kind === 'url' && o.url.split('.').pop()]),
    ).toEqual([
      ['primary', 'model/gltf-binary', 'glb'],
      ['preview', 'image/jpeg', 'jpg'],
    ]);
    expect(fake.callsTo('POST /api/generate')[0]?.bodyJson).toMatchObject({
      model: 'rodin-v2',
      type: '3d',
      params: { image_urls: ['https://example.com/chair.png'], quality: 'high', material: 'All' },
    });
  });

  it("turns GateAI's budget adjustments into adjusted warnings", async () => {
    const { provider } = await start();
    fake.setBudget({ used: 99 });
    const submitted = await provider.submit(
      prepared('gateai/seedance-2.0', 'text-to-video', { prompt: 'a long take', duration: 15 }),
      options,
    );
    expect(submitted.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'duration',
        from: 15,
        to: 8,
        reason: "GateAI changed it to fit the key's daily budget",
      },
    ]);
    expect(submitted.cost).toEqual({ usd: 0.98 });
  });

  it('maps a FAILED task to a typed error', async () => {
    const { provider } = await start();
    fake.nextTask({ polls: 0, outcome: 'timeout' });
    const submitted = await provider.submit(
      prepared('gateai/veo-3.1-lite', 'text-to-video', { prompt: 'a' }),
      options,
    );
    if (submitted.status !== 'pending') throw new Error('expected a task');
    const done = await pollUntilDone(submitted.ref);
    expect(done.status === 'failed' && done.error).toMatchObject({ code: 'TIMEOUT', provider: 'gateai' });
  });

  it('fails a task GateAI no longer knows', async () => {
    const { provider } = await start();
    const done = await provider.poll(
      { id: 'gone', data: { model: 'flux-dev', type: 'image', submittedAt: 0 } },
      { signal },
    );
    expect(done.status === 'failed' && done.error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
    });
  });
});

describe('the 20-minute rule', () => {
  const manualClock = () => {
    let now = 1_700_000_000_000;
    const clock: Clock = { now: () => now, sleep: systemClock.sleep };
    return { clock, advance: (ms: number) => (now += ms) };
  };

  it('charges nothing for a task seen still PROCESSING 20 minutes after submit', async () => {
    const { clock, advance } = manualClock();
    const { provider } = await start({}, clock);
    fake.nextTask({ polls: 2 });
    const submitted = await provider.submit(
      prepared('gateai/seedance-2.0', 'text-to-video', { prompt: 'a' }),
      options,
    );
    if (submitted.status !== 'pending') throw new Error('expected a task');
    expect((await provider.poll(submitted.ref, { signal })).status).toBe('pending');
    advance(20 * 60_000);
    expect((await provider.poll(submitted.ref, { signal })).status).toBe('pending');
    const done = await provider.poll(submitted.ref, { signal });
    expect(done).toMatchObject({
      status: 'succeeded',
      cost: { usd: 0 },
      warnings: [{ type: 'other', message: expect.stringContaining('refunded') }],
    });
    // Core polls a finished task again when it retries the downloads: still free.
    expect(await provider.poll(submitted.ref, { signal })).toMatchObject({ cost: { usd: 0 } });
  });

  it('charges the reported cost when the task was not seen running past 20 minutes', async () => {
    const { clock, advance } = manualClock();
    const { provider } = await start({}, clock);
    fake.nextTask({ polls: 1 });
    const submitted = await provider.submit(
      prepared('gateai/seedance-2.0', 'text-to-video', { prompt: 'a' }),
      options,
    );
    if (submitted.status !== 'pending') throw new Error('expected a task');
    expect((await provider.poll(submitted.ref, { signal })).status).toBe('pending');
    advance(25 * 60_000);
    expect(await provider.poll(submitted.ref, { signal })).toMatchObject({
      status: 'succeeded',
      cost: { usd: 0.98 },
    });
  });
});

describe('typed errors', () => {
  it('maps PROMPT_TOO_LONG and QUANTITY_TOO_HIGH to INVALID_INPUT', async () => {
    const { provider } = await start();
    const long = await failure(
      provider.submit(
        { model: 'gateai/gpt-image-2', task: 'text-to-image', params: { prompt: 'x'.repeat(1501) } },
        options,
      ),
    );
    expect(long).toMatchObject({
      code: 'INVALID_INPUT',
      status: 400,
      details: { param: 'prompt', providerCode: 'PROMPT_TOO_LONG' },
    });
    const many = await failure(
      provider.submit(
        { model: 'gateai/gpt-image-2', task: 'text-to-image', params: { prompt: 'x', quantity: 9 } },
        options,
      ),
    );
    expect(many).toMatchObject({ code: 'INVALID_INPUT', details: { param: 'quantity' } });
  });

  it('maps the 6th generation in flight, and the 6th request in 30 s, to RATE_LIMITED', async () => {
    const roomy = await startGateAiFake({ limits: { maxPerWindow: 100 }, defaultTask: { polls: 100 } });
    const started = await startGateAi(roomy);
    try {
      const model = started.model('gateai/gpt-image-2');
      const request = {
        model: model.id,
        task: 'text-to-image' as const,
        params: validateParams(model, { prompt: 'a' }).params,
      };
      for (let i = 0; i < 5; i += 1) await started.provider.submit(request, options);
      const inFlight = await failure(started.provider.submit(request, options));
      expect(inFlight).toMatchObject({
        code: 'RATE_LIMITED',
        retryable: true,
        details: { reason: 'in-flight' },
      });
    } finally {
      await started.close();
      await roomy.close();
    }
    const { provider } = await start();
    fake.fillRateWindow();
    const window = await failure(
      provider.submit(prepared('gateai/gpt-image-2', 'text-to-image', { prompt: 'a' }), options),
    );
    expect(window).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
      details: { reason: 'rate' },
    });
  });

  it('maps a wrong key to AUTH, falling back to the bundled catalogue', async () => {
    const { provider, logs } = await start({ apiKey: 'sk-not-the-right-key-123' });
    expect(provider.catalogue).toMatchObject({ source: 'bundled', reason: expect.stringContaining('401') });
    expect(JSON.stringify(logs)).not.toContain('sk-not-the-right-key-123');
    const error = await failure(
      provider.submit(prepared('gateai/gpt-image-2', 'text-to-image', { prompt: 'a' }), options),
    );
    expect(error).toMatchObject({ code: 'AUTH', status: 401 });
    expect(error.message).not.toContain('sk-not-the-right-key-123');
    expect(await provider.health?.({ signal })).toMatchObject({
      ok: false,
      message: expect.stringContaining('AUTH'),
    });
  });

  it('maps an exhausted budget to INSUFFICIENT_FUNDS and an unknown model to MODEL_NOT_FOUND', async () => {
    const { provider } = await start();
    fake.setBudget({ used: 100 });
    const broke = await failure(
      provider.submit(prepared('gateai/gpt-image-2', 'text-to-image', { prompt: 'a' }), options),
    );
    expect(broke.code).toBe('INSUFFICIENT_FUNDS');
    const unknown = await failure(
      provider.submit({ model: 'gateai/gpt-image', task: 'text-to-image', params: { prompt: 'a' } }, options),
    );
    expect(unknown).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      suggestions: expect.arrayContaining(['gateai/gpt-image-2']),
    });
  });

  it('refuses a task without the input it needs, before calling GateAI', async () => {
    const { provider } = await start();
    const error = await failure(
      provider.submit(prepared('gateai/veo-3.1-lite', 'image-to-video', { prompt: 'a' }), options),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { param: 'firstFrame', task: 'image-to-video' },
    });
    expect(fake.callsTo('POST /api/generate')).toHaveLength(0);
  });
});

describe('catalogue, balance, health and estimate', () => {
  it('discovers the models at start and says so', async () => {
    const { provider, models } = await start();
    expect(provider.catalogue).toEqual({ source: 'discovered', models: 7, skipped: 0 });
    expect(models.map((m) => m.id)).toContain('gateai/hailuo-2_3-fast');
    expect(models[0]?.description).toContain("live, from GateAI's /v1/models/schema");
    expect(fake.callsTo('GET /v1/models/schema')[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    const health = await provider.health?.({ signal });
    expect(health).toEqual({
      ok: true,
      message:
        "GateAI answers; $100 of the key's $100 daily budget left. Using the live catalogue from GateAI's /v1/models/schema (7 models).",
    });
  });

  it('uses the bundled catalogue without asking when configured so', async () => {
    const { provider, models } = await start({ catalogue: 'bundled' });
    expect(provider.catalogue).toMatchObject({ source: 'bundled', models: 53 });
    expect(models).toHaveLength(53);
    expect(fake.callsTo('GET /v1/models/schema')).toHaveLength(0);
  });

  it('reports the daily budget as the balance', async () => {
    const { provider } = await start();
    fake.setBudget({ used: 5.22 });
    expect(await provider.balance?.({ signal })).toEqual({
      usd: 94.78,
      details: { dailyLimitUsd: 100, usedUsd: 5.22, pool: { total_accounts: 12, locked: 1 } },
    });
    expect(fake.callsTo('GET /credits')[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it("asks POST /api/estimate for GateAI's own price, without generating", async () => {
    const { provider } = await start();
    fake.setBudget({ used: 99 });
    const estimate = await provider.estimate(
      prepared('gateai/seedance-2.0', 'text-to-video', { prompt: 'a', duration: 15 }),
      { signal },
    );
    expect(estimate).toEqual({
      price: { usd: 1.8375 },
      dailyRemainingUsd: 1,
      fitsInBudget: false,
      adjustments: [
        {
          type: 'adjusted',
          param: 'duration',
          from: 15,
          to: 8,
          reason: "GateAI changed it to fit the key's daily budget",
        },
      ],
    });
    expect(fake.callsTo('POST /api/estimate')[0]?.bodyJson).toMatchObject({
      model: 'seedance-2.0',
      type: 'video',
      params: { prompt: 'a', duration: 15 },
    });
    expect(fake.tasks).toHaveLength(0);
  });
});

describe('configuration', () => {
  it('defaults the base URL to https://core.claude.gg and trims a trailing slash', () => {
    expect(gateAiConfig.parse({ apiKey: 'sk-x' })).toEqual({
      apiKey: 'sk-x',
      baseUrl: 'https://core.claude.gg',
      catalogue: 'auto',
    });
    expect(gateAiConfig.parse({ apiKey: 'sk-x', baseUrl: 'http://proxy.local:8080/gateai/' }).baseUrl).toBe(
      'http://proxy.local:8080/gateai',
    );
    expect(gateAiConfig.safeParse({}).success).toBe(false);
    expect(gateAiConfig.safeParse({ apiKey: 'sk-x', baseUrl: 'ftp://x' }).success).toBe(false);
  });
});
