import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type AiNativeFake, startAiNativeFake } from './ainative-fake.js';

const fake = await startAiNativeFake();
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const auth = { authorization: `Bearer ${fake.apiKey}` };

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = auth,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${fake.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  call('POST', path, body, headers);
const get = (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers);

describe('the AINative fake', () => {
  it('serves the API under /api/v1/multimodal and refuses calls without the bearer key', async () => {
    expect(fake.baseUrl).toBe(`${fake.url}/api/v1/multimodal`);
    const refused = await post('/tts', { text: 'hi' }, { authorization: 'Bearer wrong' });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ detail: 'Not authenticated' });
    expect((await get('/usage', {})).status).toBe(401);
    expect(fake.usageRecords()).toEqual([]);
  });

  it('answers TTS with the documented fields: base64 MP3, duration, usage id and credits', async () => {
    const { status, json } = await post('/tts', { text: 'Welcome to AINative Studio.', voice: 'Wise_Woman' });
    expect(status).toBe(201);
    expect(Object.keys(json).sort()).toEqual(
      ['audio_base64', 'credits_remaining', 'credits_used', 'duration_ms', 'format', 'usage_id'].sort(),
    );
    expect(json).toMatchObject({ format: 'mp3', credits_used: 14, credits_remaining: 100_000 - 14 });
    const mp3 = Buffer.from(json.audio_base64 as string, 'base64');
    expect([mp3[0], mp3[1]]).toEqual([0xff, 0xfb]);
    expect(fake.credits).toBe(100_000 - 14);
  });

  it('answers images with base64 PNG of the asked size and only the documented fields', async () => {
    const { status, json } = await post('/image', {
      prompt: 'a city',
      width: 512,
      height: 768,
      style: 'anime',
    });
    expect(status).toBe(201);
    expect(Object.keys(json).sort()).toEqual(['credits_used', 'format', 'height', 'image_base64', 'width']);
    expect(json).toMatchObject({ format: 'png', width: 512, height: 768, credits_used: 50 });
    const png = Buffer.from(json.image_base64 as string, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(fake.usageRecords()[0]?.request).toEqual({
      prompt: 'a city',
      width: 512,
      height: 768,
      style: 'anime',
    });
  });

  it.each([
    [
      '/video/i2v',
      { image_url: 'https://example.com/photo.jpg', motion_prompt: 'zoom', provider: 'seedance' },
      520,
      5,
    ],
    ['/video/i2v', { image_url: 'https://example.com/photo.jpg', motion_prompt: 'zoom' }, 400, 5],
    [
      '/video/i2v',
      { image_url: 'https://example.com/photo.jpg', motion_prompt: 'zoom', provider: 'sora2' },
      800,
      4,
    ],
    ['/video/t2v', { prompt: 'waves', duration: 7 }, 1000, 7],
    ['/video/cogvideox', { prompt: 'robot', num_frames: 33, guidance_scale: 6.5 }, 800, 33 / 8],
  ])('answers %s %j with a video URL it serves itself', async (path, body, credits, seconds) => {
    const { status, json } = await post(path, body);
    expect(status).toBe(201);
    expect(json).toMatchObject({ format: 'mp4', credits_used: credits, duration_seconds: seconds });
    const video = await fetch(json.video_url as string);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(
      Buffer.from(await video.arrayBuffer())
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp');
  });

  it.each([
    ['/tts', {}, 'text is required'],
    ['/tts', { text: 'x'.repeat(5001) }, 'text must be 1-5000 characters'],
    ['/image', { prompt: 'a', width: 256 }, 'width must be between 512 and 2048'],
    ['/image', { prompt: 'a', size: '1024x1024' }, 'unknown field(s) size'],
    ['/video/i2v', { image_url: 'data:image/png;base64,AAAA', motion_prompt: 'a' }, 'public http(s) URL'],
    ['/video/i2v', { image_url: 'https://x/y.png' }, 'motion_prompt is required'],
    [
      '/video/i2v',
      { image_url: 'https://x/y.png', motion_prompt: 'a', provider: 'kling' },
      'provider must be one of',
    ],
    ['/video/t2v', { prompt: 'a', duration: 11 }, 'duration must be between 1 and 10'],
    ['/video/cogvideox', { prompt: 'a', num_frames: 20 }, 'num_frames must be 17, 33 or 49'],
    ['/video/cogvideox', { prompt: 'a', guidance_scale: 25 }, 'guidance_scale must be between 1 and 20'],
    [
      '/video/cogvideox',
      { prompt: 'a', num_inference_steps: 10 },
      'num_inference_steps must be between 20 and 100',
    ],
  ])('refuses %s %j with 400', async (path, body, detail) => {
    const { status, json } = await post(path, body);
    expect(status).toBe(400);
    expect(json.detail).toContain(detail);
  });

  it('charges credits and answers 402 when they run out', async () => {
    fake.setCredits(60);
    expect((await post('/image', { prompt: 'a' })).status).toBe(201);
    const refused = await post('/image', { prompt: 'b' });
    expect(refused).toMatchObject({
      status: 402,
      json: { detail: 'Insufficient credits: 50 required, 10 available' },
    });
  });

  it('refuses premium models to an account without the premium tier', async () => {
    fake.setPremium(false);
    const sora = await post('/video/i2v', {
      image_url: 'https://x/y.png',
      motion_prompt: 'a',
      provider: 'sora2',
    });
    expect(sora.status).toBe(402);
    expect(sora.json.detail).toMatch(/premium/i);
    expect((await post('/video/t2v', { prompt: 'a' })).status).toBe(402);
    expect((await post('/video/i2v', { image_url: 'https://x/y.png', motion_prompt: 'a' })).status).toBe(201);
    const other = await startAiNativeFake({ premium: false, premiumRefusal: { status: 403 } });
    try {
      const response = await fetch(`${other.baseUrl}/video/t2v`, {
        method: 'POST',
        headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a' }),
      });
      expect(response.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('answers scripted errors with documented details and Retry-After', async () => {
    fake.failNext('tts', { status: 429, retryAfterSeconds: 7 });
    fake.failNext('tts', 500);
    const limited = await post('/tts', { text: 'a' });
    expect(limited).toMatchObject({ status: 429, json: { detail: 'Rate limit exceeded' } });
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await post('/tts', { text: 'a' })).toMatchObject({
      status: 500,
      json: { detail: 'GPU provider error — retry after 30s' },
    });
    expect((await post('/tts', { text: 'a' })).status).toBe(201);
  });

  it('keeps a scripted generation processing for N usage polls, then completes it', async () => {
    fake.processNext('video/i2v', { polls: 2 });
    const accepted = await post('/video/i2v', { image_url: 'https://x/y.png', motion_prompt: 'a' });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({ status: 'processing', video_url: null, credits_used: 400 });
    const id = accepted.json.usage_id as string;
    expect((await get(`/usage/${id}`)).json).toMatchObject({ id, status: 'processing', result: null });
    expect((await get(`/usage/${id}`)).json).toMatchObject({ status: 'processing' });
    const done = await get(`/usage/${id}`);
    expect(done.json).toMatchObject({
      status: 'completed',
      endpoint_type: 'video_i2v',
      credits_used: 400,
      result: { format: 'mp4', duration_seconds: 5 },
    });
    expect(fake.callsTo('usage/{usage_id}')).toHaveLength(3);
  });

  it('fails a scripted generation and gives its credits back', async () => {
    fake.processNext('video/cogvideox', { polls: 0, outcome: 'failed', error: 'CUDA out of memory' });
    const accepted = await post('/video/cogvideox', { prompt: 'a' });
    expect(fake.credits).toBe(100_000 - 800);
    const failed = await get(`/usage/${accepted.json.usage_id as string}`);
    expect(failed.json).toMatchObject({
      status: 'failed',
      error_message: 'CUDA out of memory',
      credits_used: 0,
    });
    expect(fake.credits).toBe(100_000);
    expect((await get('/usage/usg_missing')).status).toBe(404);
  });

  it('lists usage newest first, paged and filtered by endpoint type', async () => {
    await post('/tts', { text: 'a' });
    await post('/image', { prompt: 'b' });
    await post('/tts', { text: 'c' });
    const all = await get('/usage?limit=2');
    expect(all.json).toMatchObject({ total: 3, skip: 0, limit: 2 });
    expect((all.json.records as Array<{ endpoint_type: string }>).map((r) => r.endpoint_type)).toEqual([
      'tts',
      'image',
    ]);
    const tts = await get('/usage?endpoint_type=tts&skip=1');
    expect(tts.json).toMatchObject({ total: 2, skip: 1 });
    expect((await get('/usage?limit=101')).status).toBe(400);
    expect((await get('/usage?endpoint_type=music')).status).toBe(400);
  });

  it('reports health and can be told to report otherwise', async () => {
    expect((await get('/health')).json).toMatchObject({ status: 'healthy', runpod_connected: true });
    fake.setHealth({ status: 503, json: { status: 'unhealthy', runpod_connected: false } });
    expect((await get('/health')).status).toBe(503);
  });

  it('enforces the documented per-minute limits when asked', async () => {
    const limited: AiNativeFake = await startAiNativeFake({ enforceRateLimits: true });
    try {
      const send = () =>
        fetch(`${limited.baseUrl}/video/t2v`, {
          method: 'POST',
          headers: { authorization: `Bearer ${limited.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ prompt: 'a' }),
        });
      expect((await send()).status).toBe(201);
      const second = await send();
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(50);
    } finally {
      await limited.close();
    }
  });
});
