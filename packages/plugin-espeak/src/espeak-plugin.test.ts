import {
  ConfigError,
  createHttpClient,
  GenHubError,
  type ModelSpec,
  type Provider,
  Redactor,
  type StartedPlugin,
  silentLogger,
  startPlugin,
  systemClock,
  validateParams,
} from '@genhub/core';
import { runScenario } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcm16, riffTag } from '../test/wav-samples.js';
import { espeakPlugin } from './espeak-plugin.js';

// The conformance suite runs in espeak-conformance.test.ts (no API, no key, no rate limit, nothing to
// poll or cancel, all declared); these tests cover what is espeak's own: voices, defaults, ranges,
// the sound itself, serialised runs, typed errors, health.
const http = createHttpClient({ logger: silentLogger, redactor: new Redactor() });
const abort = new AbortController();
const start = (raw: Record<string, unknown> = {}): Promise<StartedPlugin> =>
  startPlugin(espeakPlugin, raw, {
    http,
    logger: silentLogger,
    clock: systemClock,
    redactor: new Redactor(),
    signal: abort.signal,
  });

let provider: Provider;
let model: ModelSpec;
beforeAll(async () => {
  const started = await start();
  provider = started.provider;
  model = started.models[0]!;
});
afterAll(async () => {
  abort.abort();
  await http.close();
});

const speak = async (params: Record<string, unknown>, signal = abort.signal) => {
  const validated = validateParams(model, params).params;
  const result = await provider.submit(
    { model: model.id, task: 'text-to-speech', params: validated },
    { signal, idempotencyKey: crypto.randomUUID() },
  );
  if (result.status !== 'succeeded') throw new Error(`expected succeeded, got ${result.status}`);
  const output = result.outputs[0]!;
  if (output.kind !== 'bytes') throw new Error('expected bytes');
  return { result, output, ...pcm16(output.data) };
};

const invalid = (params: Record<string, unknown>): GenHubError => {
  try {
    validateParams(model, params);
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(params)} to be rejected`);
};

describe('catalogue', () => {
  it('lists one free text-to-speech model, espeak/tts, alias espeak', async () => {
    const models = await provider.models({ signal: abort.signal });
    expect(models.map((m) => m.id)).toEqual(['espeak/tts']);
    expect(model).toMatchObject({ aliases: ['espeak'], tasks: ['text-to-speech'], output: 'audio' });
    expect(model.name.length).toBeGreaterThan(0);
    expect(model.estimatePrice(validateParams(model, model.example!).params)).toEqual({ usd: 0 });
  });

  it("takes its voices from espeak-ng's own list", () => {
    const voice = model.params.shape.voice as unknown as { unwrap(): { options: string[] } };
    const voices = voice.unwrap().options;
    expect(voices.length).toBeGreaterThan(100);
    expect(voices).toEqual(expect.arrayContaining(['en-us', 'en-gb', 'de', 'fr-fr', 'es', 'ja', 'cmn']));
    expect(new Set(voices).size).toBe(voices.length);
  });

  it('fills in the defaults: voice en-us, 175 words per minute, pitch 50', () => {
    expect(validateParams(model, { prompt: ' Hi ' }).params).toEqual({
      prompt: 'Hi',
      voice: 'en-us',
      speed: 175,
      pitch: 50,
    });
  });

  it('needs no settings, takes a default voice and refuses an unknown one', async () => {
    const german = await start({ defaultVoice: 'de' });
    expect(validateParams(german.models[0]!, { prompt: 'Hallo' }).params).toMatchObject({ voice: 'de' });
    const error = await start({ defaultVoice: 'klingon' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      key: 'providers.espeak.defaultVoice',
      env: 'GENHUB_ESPEAK_DEFAULT_VOICE',
    });
    expect((error as ConfigError).message).toContain('en-us');
  });
});

describe('parameters', () => {
  it('rejects a missing or non-text prompt, and one over 2000 characters', () => {
    expect(invalid({}).code).toBe('INVALID_INPUT');
    expect(invalid({ prompt: 42 }).code).toBe('INVALID_INPUT');
    expect(invalid({ prompt: '   ' }).code).toBe('INVALID_INPUT');
    expect(invalid({ prompt: 'a'.repeat(2001) }).code).toBe('INVALID_INPUT');
    expect(() => validateParams(model, { prompt: 'a'.repeat(2000) })).not.toThrow();
  });

  it('rejects an unknown voice, listing the accepted ones', () => {
    const error = invalid({ prompt: 'Hello', voice: 'klingon' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ param: 'voice' });
    expect(error.message).toMatch(/^voice must be one of af, am, .*en-us.*, yue\.$/);
  });

  it.each([79, 451, 175.5, '200'])('rejects speed %s', (speed) => {
    const error = invalid({ prompt: 'Hello', speed });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ param: 'speed' });
  });

  it('says what speed accepts', () => {
    expect(invalid({ prompt: 'Hello', speed: 500 }).message).toContain('450');
    expect(invalid({ prompt: 'Hello', speed: 10 }).message).toContain('80');
  });

  it.each([-1, 100])('rejects pitch %s', (pitch) => {
    expect(invalid({ prompt: 'Hello', pitch }).details).toMatchObject({ param: 'pitch' });
  });

  it('accepts the edges of each range', () => {
    expect(() => validateParams(model, { prompt: 'a', speed: 80, pitch: 0 })).not.toThrow();
    expect(() => validateParams(model, { prompt: 'a', speed: 450, pitch: 99 })).not.toThrow();
  });
});

describe('generation', () => {
  it('speaks the example through runScenario: one WAV, not silence, free', async () => {
    const result = await runScenario(
      provider,
      { request: { model: 'espeak', task: 'text-to-speech', params: { prompt: 'Hello from GenHub' } } },
      { signal: abort.signal },
    );
    expect(result.error?.message).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', polls: 0, cost: { usd: 0 } });
    expect(result.outputs).toHaveLength(1);
    const output = result.outputs[0]!;
    expect(output).toMatchObject({ kind: 'bytes', mediaType: 'audio/wav' });
    if (output.kind !== 'bytes') return;
    expect(riffTag(output.data)).toEqual({ riff: 'RIFF', wave: 'WAVE' });
    const { rms, samples, sampleRate } = pcm16(output.data);
    expect(sampleRate).toBe(22050);
    expect(samples.length / sampleRate).toBeGreaterThan(0.5);
    expect(rms).toBeGreaterThan(500);
    expect(output.metadata).toMatchObject({ voice: 'en-us', speed: 175, pitch: 50, sampleRate: 22050 });
  });

  it('speaks slower at a lower speed, and differently in another voice or pitch', async () => {
    const prompt = 'The quick brown fox jumps over the lazy dog.';
    const slow = await speak({ prompt, speed: 80 });
    const fast = await speak({ prompt, speed: 450 });
    expect(slow.samples.length).toBeGreaterThan(fast.samples.length * 2);
    const english = await speak({ prompt });
    const german = await speak({ prompt, voice: 'de' });
    const high = await speak({ prompt, pitch: 99 });
    expect(Buffer.from(german.output.data).equals(Buffer.from(english.output.data))).toBe(false);
    expect(Buffer.from(high.output.data).equals(Buffer.from(english.output.data))).toBe(false);
    for (const run of [slow, fast, german, high]) expect(run.rms).toBeGreaterThan(500);
  });

  it('runs concurrent requests one at a time with identical results', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => speak({ prompt: 'Same words, three times.' })));
    const [first, ...rest] = runs.map((run) => Buffer.from(run.output.data));
    for (const other of rest) expect(other.equals(first!)).toBe(true);
  });

  it('speaks text that looks like options or is not ASCII, and leaves process.exitCode alone', async () => {
    const before = process.exitCode;
    const options = await speak({ prompt: '--help -v xx' });
    const french = await speak({ prompt: 'Ça coûte vingt-deux euros, déjà.', voice: 'fr-fr' });
    expect(options.rms).toBeGreaterThan(500);
    expect(french.rms).toBeGreaterThan(500);
    expect(process.exitCode).toBe(before);
  });

  it('fails with INVALID_INPUT when nothing can be pronounced', async () => {
    for (const prompt of ['   .   ', '?!']) {
      const error = await speak({ prompt }).catch((e: unknown) => e);
      expect(GenHubError.isInstance(error) && error.code).toBe('INVALID_INPUT');
      expect((error as GenHubError).message).toContain('nothing espeak-ng can pronounce');
    }
  });

  it('answers an aborted request with CANCELLED', async () => {
    const error = await speak({ prompt: 'Never spoken' }, AbortSignal.abort()).catch((e: unknown) => e);
    expect(GenHubError.isInstance(error) && error.code).toBe('CANCELLED');
  });

  it('has nothing to poll', async () => {
    const error = await provider.poll({ id: 'x' }, { signal: abort.signal }).catch((e: unknown) => e);
    expect(GenHubError.isInstance(error) && error.code).toBe('INTERNAL');
  });

  it('reports healthy once the WebAssembly module loads', async () => {
    expect(await provider.health?.({ signal: abort.signal })).toMatchObject({ ok: true });
  });
});
