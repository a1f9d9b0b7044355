import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, Task } from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  errorDetail,
  FAKE_API_KEY,
  type FakeElevenLabsApi,
  startFakeElevenLabsApi,
} from './fake-elevenlabs-api.js';
import { rejection, settled, startPipeline, user } from './harness.js';

// ElevenLabs through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeElevenLabsApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeElevenLabsApi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.restore();
  fake.server.reset();
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

async function run(model: string, task: Task, params: Record<string, unknown>) {
  return settled(genhub!, await genhub!.generation.request({ userId: user.id, model, task, params }));
}

const speech = ['elevenlabs/eleven_multilingual_v2', 'text-to-speech'] as const;
const ttsCalls = () => fake.server.callsTo('POST /v1/text-to-speech/:voiceId');

describe('ElevenLabs voices', () => {
  it('offers the account voices by name, two voices of one name told apart by id', async () => {
    await start();
    const model = genhub!.registry.find('elevenlabs/eleven_v3')!.model;
    const voice = model.params.shape.voice as unknown as { def: { innerType: { options: string[] } } };
    expect(voice.def.innerType.options).toEqual([
      'George',
      'Sarah',
      'Narrator (cl0nedV0ice000000001)',
      'Narrator (cl0nedV0ice000000002)',
    ]);
    expect(fake.server.callsTo('GET /v2/voices')[0]?.headers['xi-api-key']).toBe(FAKE_API_KEY);
  });

  it('reads every page of a long voice list', async () => {
    fake.setVoices(
      Array.from({ length: 150 }, (_, index) => ({
        voice_id: `v${index}`,
        name: `Voice ${index}`,
        category: 'cloned',
      })),
    );
    await start();
    expect(fake.server.callsTo('GET /v2/voices').map((call) => call.query.next_page_token)).toEqual([
      undefined,
      '100',
    ]);
    const done = await run(...speech, { prompt: 'Hello', voice: 'Voice 120' });
    expect(done.state).toBe('succeeded');
    expect(ttsCalls()[0]?.path).toBe('/v1/text-to-speech/v120');
  });

  it('sends the chosen voice by id and stores the audio it answers', async () => {
    await start();
    const done = await run(...speech, {
      prompt: 'Hello from GenHub',
      voice: 'Narrator (cl0nedV0ice000000002)',
    });
    expect(done).toMatchObject({
      state: 'succeeded',
      outputs: [{ mediaType: 'audio/mpeg', role: 'primary' }],
    });
    expect(ttsCalls()[0]).toMatchObject({
      path: '/v1/text-to-speech/cl0nedV0ice000000002',
      query: { output_format: 'mp3_44100_128' },
      bodyJson: { text: 'Hello from GenHub', model_id: 'eleven_multilingual_v2' },
    });
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', done.outputs[0]!.key));
    expect(stored[0]).toBe(0xff);
  });

  it('speaks with the configured default voice when none is asked', async () => {
    await start({ env: { GENHUB_ELEVENLABS_DEFAULT_VOICE: 'EXAVITQu4vr4xnSDxMaL' } });
    await run(...speech, { prompt: 'Hi' });
    expect(ttsCalls()[0]?.path).toBe('/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL');
  });

  it('refuses to start with a default voice the account does not have, naming the setting', async () => {
    const error = await rejection(start({ env: { GENHUB_ELEVENLABS_DEFAULT_VOICE: 'Nobody' } }));
    expect(error.message).toContain('GENHUB_ELEVENLABS_DEFAULT_VOICE');
  });

  it('takes voice ids when the voice list cannot be read, and says so', async () => {
    fake.server.route(
      'GET /v2/voices',
      errorDetail(500, 'internal_error', 'internal_error', 'Internal error'),
    );
    const { logs } = await start();
    expect(genhub!.plugins).toEqual([expect.objectContaining({ id: 'elevenlabs', state: 'ready' })]);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('voices') }),
    );
    expect((await run(...speech, { prompt: 'Hi', voice: 'EXAVITQu4vr4xnSDxMaL' })).state).toBe('succeeded');
    expect(ttsCalls()[0]?.path).toBe('/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL');
  });

  it('fails to start with a wrong key, and never shows the key', async () => {
    const { logs } = await start({ env: { GENHUB_ELEVENLABS_API_KEY: 'sk_wrong_key_0123456789abcdef' } });
    expect(genhub!.plugins).toEqual([expect.objectContaining({ id: 'elevenlabs', state: 'failed' })]);
    expect(JSON.stringify(genhub!.plugins)).toContain('Invalid API key');
    expect(JSON.stringify(logs)).not.toContain('sk_wrong_key_0123456789abcdef');
  });
});

describe('ElevenLabs text to speech, sound effects and music through the pipeline', () => {
  it('sends the voice settings, format and seed, and charges by characters', async () => {
    await start();
    const done = await run('elevenlabs/eleven_v3', 'text-to-speech', {
      prompt: 'x'.repeat(1000),
      voice: 'Sarah',
      stability: 1,
      similarityBoost: 0.9,
      style: 0.1,
      speakerBoost: false,
      speed: 0.8,
      outputFormat: 'wav_44100',
      seed: 42,
      languageCode: 'de',
    });
    expect(done).toMatchObject({
      state: 'succeeded',
      chargedMicros: 100_000,
      outputs: [{ mediaType: 'audio/wav' }],
    });
    expect(ttsCalls()[0]).toMatchObject({
      query: { output_format: 'wav_44100' },
      bodyJson: {
        model_id: 'eleven_v3',
        seed: 42,
        language_code: 'de',
        voice_settings: {
          stability: 1,
          similarity_boost: 0.9,
          style: 0.1,
          use_speaker_boost: false,
          speed: 0.8,
        },
      },
    });
  });

  it('makes a sound effect', async () => {
    await start();
    const done = await run('elevenlabs/eleven_text_to_sound_v2', 'text-to-sound', {
      prompt: 'Glass breaking',
    });
    expect(done).toMatchObject({
      state: 'succeeded',
      chargedMicros: 120_000,
      outputs: [{ mediaType: 'audio/mpeg' }],
    });
    expect(fake.server.callsTo('POST /v1/sound-generation')[0]?.bodyJson).toEqual({
      text: 'Glass breaking',
      model_id: 'eleven_text_to_sound_v2',
      prompt_influence: 0.3,
      loop: false,
    });
  });

  it('composes music of the asked length, priced by the minute', async () => {
    await start();
    const done = await run('elevenlabs/music_v1', 'text-to-music', { prompt: 'Lo-fi beats', duration: 120 });
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 600_000 });
    expect(fake.server.callsTo('POST /v1/music')[0]).toMatchObject({
      query: { output_format: 'mp3_44100_128' },
      bodyJson: {
        prompt: 'Lo-fi beats',
        music_length_ms: 120_000,
        model_id: 'music_v1',
        force_instrumental: false,
      },
    });
  });

  it('reports a refused music prompt as CONTENT_REJECTED with the suggested prompt, not charged', async () => {
    await start();
    fake.server.route('POST /v1/music', {
      status: 400,
      json: {
        detail: {
          status: 'bad_prompt',
          message: 'The prompt references a copyrighted song.',
          data: { prompt_suggestion: 'A melancholic indie ballad with soft guitar' },
        },
      },
    });
    const done = await run('elevenlabs/music_v1', 'text-to-music', {
      prompt: 'Play Yesterday by the Beatles',
    });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    expect(done.error?.details?.providerMessage).toContain('A melancholic indie ballad');
  });

  it('reports a rate limit as RATE_LIMITED with its wait, not charged', async () => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.server.route('POST /v1/text-to-speech/:voiceId', {
      ...errorDetail(429, 'rate_limit_error', 'rate_limit_exceeded', 'Rate limit exceeded.'),
      headers: { 'retry-after': '20' },
    });
    const done = await run(...speech, { prompt: 'Hi' });
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 20 },
    });
  });

  it('reports a server error as PROVIDER_UNAVAILABLE, not charged', async () => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.server.route(
      'POST /v1/sound-generation',
      errorDetail(500, 'internal_error', 'internal_error', 'Something went wrong.'),
    );
    const done = await run('elevenlabs/eleven_text_to_sound_v2', 'text-to-sound', { prompt: 'Wind' });
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
  });

  it('reports an exhausted quota as INSUFFICIENT_FUNDS', async () => {
    await start({ config: { jobs: { submitAttempts: 1 } } });
    fake.server.route(
      'POST /v1/text-to-speech/:voiceId',
      errorDetail(401, 'payment_required', 'quota_exceeded', 'This request exceeds your quota of 10000.'),
    );
    const done = await run(...speech, { prompt: 'Hi' });
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'INSUFFICIENT_FUNDS' } });
  });

  it.each([
    ['stability', 'elevenlabs/eleven_v3', { stability: 0.3 }],
    ['speed', 'elevenlabs/eleven_flash_v2_5', { speed: 2 }],
    ['prompt', 'elevenlabs/eleven_v3', { prompt: 'x'.repeat(5001) }],
    ['voice', 'elevenlabs/eleven_v3', { voice: 'Nobody' }],
    ['outputFormat', 'elevenlabs/eleven_v3', { outputFormat: 'pcm_44100' }],
  ])('refuses a bad %s before calling ElevenLabs', async (param, model, params) => {
    await start();
    const error = await rejection(
      genhub!.generation.request({
        userId: user.id,
        model,
        task: 'text-to-speech',
        params: { prompt: 'Hi', ...params },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { param } });
    expect(ttsCalls()).toHaveLength(0);
  });

  it('reports the character quota as the balance', async () => {
    await start();
    const balance = await genhub!.registry.provider('elevenlabs')!.balance!({
      signal: AbortSignal.timeout(5000),
    });
    expect(balance).toEqual({
      credits: 88_000,
      details: {
        characterCount: 12_000,
        characterLimit: 100_000,
        tier: 'creator',
        resetsAt: '2026-01-01T00:00:00.000Z',
      },
    });
  });
});
