import { afterEach, describe, expect, it } from 'vitest';
import { type GateAiFake, type GateAiFakeOptions, startGateAiFake } from './gateai-fake.js';

let fake: GateAiFake;

afterEach(async () => {
  await fake?.close();
});

async function start(options: GateAiFakeOptions = {}): Promise<GateAiFake> {
  fake = await startGateAiFake(options);
  return fake;
}

function call(path: string, init: { method?: string; json?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers.authorization = `Bearer ${init.auth ?? fake.apiKey}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${fake.url}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

const generate = (params: Record<string, unknown>, model = 'gpt-image-2', type = 'image') =>
  call('/api/generate', { json: { model, type, params } });

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('GateAI fake: authentication', () => {
  it('wants a Bearer key everywhere except /docs.txt, /v1/models and the files', async () => {
    await start();
    expect((await call('/credits', { auth: null })).status).toBe(401);
    expect((await call('/credits', { auth: 'sk-wrong' })).status).toBe(401);
    expect((await call('/credits')).status).toBe(200);
    expect((await call('/v1/models', { auth: null })).status).toBe(200);
    expect((await call('/docs.txt', { auth: null })).status).toBe(200);
    expect((await call('/v1/models/schema', { auth: null })).status).toBe(401);
    expect(await body(await call('/api/generate', { json: {}, auth: null }))).toEqual({
      error: 'Invalid or missing API key',
    });
  });

  it('takes the key as ?key= on /api/me instead', async () => {
    await start();
    expect((await call('/api/me', { auth: null })).status).toBe(401);
    const me = await fetch(`${fake.url}/api/me?key=${fake.apiKey}`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      budget: { daily_limit: 100, used: 0, remaining: 100 },
      concurrency: { used: 0, max: 5, available: 5, active_slots: [] },
    });
  });
});

describe('GateAI fake: generation', () => {
  it('answers a task id, then PROCESSING, then FINISHED with files it serves', async () => {
    await start();
    fake.nextTask({ polls: 2 });
    const created = await body(await generate({ prompt: 'a fox', quantity: 2 }));
    expect(created).toMatchObject({ status: 'PROCESSING', cost: 0.006, remaining: 99.994 });
    expect(created.url).toBe(`/get/${created.task_id}`);
    const poll = () => call(`/get/${created.task_id}`).then(body);
    expect(await poll()).toEqual({ status: 'PROCESSING', model: 'gpt-image-2' });
    expect(await poll()).toEqual({ status: 'PROCESSING', model: 'gpt-image-2' });
    const done = await poll();
    expect(done).toMatchObject({ status: 'FINISHED', model: 'gpt-image-2', cost: 0.006 });
    const result = done.result as string[];
    expect(result).toHaveLength(2);
    const file = await fetch(result[0]!);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(await poll()).toEqual(done);
  });

  it('gives 3D results as a JPG preview plus glb_urls', async () => {
    await start();
    fake.nextTask({ polls: 0 });
    const { task_id } = await body(
      await call('/api/generate', {
        json: { model: 'rodin-v2', type: '3d', params: { image: 'https://example.com/chair.png' } },
      }),
    );
    const done = await body(await call(`/get/${task_id}`));
    expect(done.result).toEqual([expect.stringMatching(/rodin-v2_-0\.jpg$/)]);
    expect(done.glb_urls).toEqual([expect.stringMatching(/rodin-v2_-0\.glb$/)]);
    const glb = await fetch((done.glb_urls as string[])[0]!);
    expect(
      Buffer.from(await glb.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('glTF');
  });

  it('fails tasks as scripted, and at the 40-minute hard limit', async () => {
    let clock = 1_000_000;
    await start({ now: () => clock });
    fake.nextTask({ polls: 0, outcome: 'failed', error: 'Content blocked by safety filter' });
    fake.nextTask({ polls: 100 });
    const failed = await body(await generate({ prompt: 'a' }));
    const slow = await body(await generate({ prompt: 'b' }));
    expect(await body(await call(`/get/${failed.task_id}`))).toEqual({
      status: 'FAILED',
      error: 'Content blocked by safety filter',
      model: 'gpt-image-2',
    });
    clock += 40 * 60_000;
    expect(await body(await call(`/get/${slow.task_id}`))).toMatchObject({
      status: 'FAILED',
      error: 'Generation timed out (40 min hard limit)',
    });
    expect(fake.budget().used).toBe(0);
  });

  it('refunds a task that finishes after 20 minutes', async () => {
    let clock = 1_000_000;
    await start({ now: () => clock });
    fake.nextTask({ polls: 1 });
    const { task_id } = await body(await generate({ prompt: 'a' }));
    expect(fake.budget().used).toBe(0.003);
    clock += 21 * 60_000;
    await call(`/get/${task_id}`);
    expect(await body(await call(`/get/${task_id}`))).toMatchObject({ status: 'FINISHED' });
    expect(fake.task(String(task_id))?.refunded).toBe(true);
    expect(fake.budget().used).toBe(0);
  });

  it('answers unknown tasks with 404', async () => {
    await start();
    const missing = await call('/get/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Task not found' });
  });
});

describe('GateAI fake: request limits', () => {
  it('refuses prompts over 1500 characters and more than 8 outputs', async () => {
    await start();
    const long = await generate({ prompt: 'x'.repeat(1501) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ code: 'PROMPT_TOO_LONG' });
    const many = await generate({ prompt: 'x', quantity: 9 });
    expect(many.status).toBe(400);
    expect(await many.json()).toMatchObject({ code: 'QUANTITY_TOO_HIGH' });
  });

  it('allows 5 requests per 30 s, then 429 with Retry-After', async () => {
    let clock = 1_000_000;
    await start({ now: () => clock, limits: { maxInFlight: 100 } });
    for (let i = 0; i < 5; i += 1) expect((await generate({ prompt: `p${i}` })).status).toBe(200);
    const limited = await generate({ prompt: 'p5' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    clock += 30_000;
    expect((await generate({ prompt: 'p6' })).status).toBe(200);
  });

  it('allows 5 generations in flight; a finished one, or 10 minutes, frees a slot', async () => {
    let clock = 1_000_000;
    await start({ now: () => clock, limits: { maxPerWindow: 100 }, defaultTask: { polls: 0 } });
    const ids: unknown[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await body(await generate({ prompt: `p${i}` }))).task_id);
    const sixth = await generate({ prompt: 'p5' });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBeNull();
    await call(`/get/${ids[0]}`);
    expect((await generate({ prompt: 'p6' })).status).toBe(200);
    expect((await generate({ prompt: 'p7' })).status).toBe(429);
    clock += 10 * 60_000;
    expect((await generate({ prompt: 'p8' })).status).toBe(200);
  });

  it('fills the window on request, and lets a test fail the next generate', async () => {
    await start();
    fake.fillRateWindow();
    expect((await generate({ prompt: 'a' })).status).toBe(429);
    fake.resetLimits();
    fake.failNextGenerate({ status: 500, json: { error: 'upstream exploded' } });
    expect((await generate({ prompt: 'a' })).status).toBe(500);
    expect((await generate({ prompt: 'a' })).status).toBe(200);
  });
});

describe('GateAI fake: budget', () => {
  it('shortens a video to fit the budget and says so in adjustments', async () => {
    await start();
    fake.setBudget({ used: 99 });
    const created = await body(
      await call('/api/generate', {
        json: { model: 'seedance-2.0', type: 'video', params: { prompt: 'a', duration: 15 } },
      }),
    );
    expect(created.adjustments).toEqual({ duration: { from: 15, to: 8 } });
    expect(created.cost).toBe(0.98);
    expect(fake.task(String(created.task_id))?.params.duration).toBe(8);
  });

  it('refuses what cannot fit, and estimates without generating', async () => {
    await start();
    fake.setBudget({ used: 99.99 });
    const refused = await generate({ prompt: 'x' }, 'rodin-v2', '3d');
    expect(refused.status).toBe(402);
    const estimate = await body(
      await call('/api/estimate', {
        json: { model: 'seedance-2.0', type: 'video', params: { prompt: 'a', duration: 8 } },
      }),
    );
    expect(estimate).toEqual({ cost: 0.98, daily_remaining: 0.01, fits_in_budget: false });
    expect(fake.tasks).toHaveLength(0);
  });

  it('reports the budget at /credits', async () => {
    await start({ budget: { dailyLimit: 100, used: 5.22 } });
    expect(await body(await call('/credits'))).toEqual({
      your_budget: { daily_limit: 100, used: 5.22, remaining: 94.78 },
      pool: { total_accounts: 12, locked: 1 },
    });
  });
});

describe('GateAI fake: references and uploads', () => {
  it('takes HTTPS and data: references inline, and refuses plain http', async () => {
    await start();
    const ok = await generate(
      { prompt: 'a', image_urls: ['https://example.com/a.png', 'data:image/png;base64,AA=='] },
      'nano-banana-2',
    );
    expect(ok.status).toBe(200);
    const plain = await generate({ prompt: 'a', image_urls: ['http://example.com/a.png'] }, 'nano-banana-2');
    expect(plain.status).toBe(400);
    expect(await plain.json()).toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('stores multipart uploads and checks the file ids sent in images', async () => {
    await start();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'cat.png');
    const uploaded = await fetch(`${fake.url}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}` },
      body: form,
    });
    const { id } = await body(uploaded);
    expect(fake.uploads[0]).toMatchObject({ id, filename: 'cat.png', type: 'image/png' });
    expect((await generate({ prompt: 'a', images: [id] }, 'nano-banana-2')).status).toBe(200);
    expect((await generate({ prompt: 'a', images: ['file_404'] }, 'nano-banana-2')).status).toBe(400);
  });
});

describe('GateAI fake: model discovery', () => {
  it('lists models, their schema and one model with suggestions for near misses', async () => {
    await start();
    const list = (await (await call('/v1/models', { auth: null })).json()) as Array<Record<string, unknown>>;
    expect(list.find((m) => m.id === 'seedance-2.0')).toMatchObject({
      type: 'video',
      params: expect.arrayContaining(['prompt', 'duration']),
    });
    const schema = (await (await call('/v1/models/schema')).json()) as Array<Record<string, unknown>>;
    expect(schema.find((m) => m.id === 'flux-dev')).toMatchObject({
      params: { mode: { type: 'string', enum: ['FAST', 'ULTRA'], default: 'FAST' } },
    });
    expect(await body(await call('/v1/models/seedance-2.0'))).toMatchObject({ id: 'seedance-2.0' });
    const missing = await call('/v1/models/seedance');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Model not found', suggestions: ['seedance-2.0'] });
  });

  it('can be down, answer garbage, or wrap the list', async () => {
    await start({ schemaShape: 'object' });
    expect(await body(await call('/v1/models/schema'))).toHaveProperty('models');
    fake.setDiscovery('down');
    expect((await call('/v1/models/schema')).status).toBe(503);
    fake.setDiscovery('garbage');
    expect(await (await call('/v1/models/schema')).text()).toContain('<html>');
  });
});
