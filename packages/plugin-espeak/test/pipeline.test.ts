import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, currentModel, type GenHub, type JobRecord, silentLogger } from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakPlugin } from '../src/index.js';
import { pcm16, riffTag } from './wav-samples.js';

// espeak through the real pipeline: createGenHub with no settings and no API key, a chat-style
// request by task alone, the WAV stored on disk by core.

let genhub: GenHub;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'genhub-espeak-'));
  genhub = await createGenHub(
    { dataDir, jobs: { pollInitialMs: 5, pollMaxMs: 20 } },
    { plugins: [espeakPlugin], env: {}, logger: silentLogger },
  );
  await genhub.start();
});
afterAll(async () => {
  await genhub?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function generate(params: Record<string, unknown>): Promise<{ job: JobRecord; file: Buffer }> {
  const queued = await genhub.generation.request({ userId: 'u1', task: 'text-to-speech', params });
  const job = await waitForJob(genhub, queued, { timeoutMs: 15_000 });
  expect(job.error?.message).toBeUndefined();
  expect(job.state).toBe('succeeded');
  expect(job.outputs).toHaveLength(1);
  const output = job.outputs[0]!;
  expect(output).toMatchObject({ mediaType: 'audio/wav', role: 'primary' });
  return { job, file: readFileSync(join(genhub.config.dataDir, 'artifacts', output.key)) };
}

describe('espeak through the pipeline', () => {
  it('starts with no configuration', () => {
    expect(genhub.plugins).toEqual([expect.objectContaining({ id: 'espeak', state: 'ready', models: 1 })]);
  });

  it('speaks a request into a stored WAV file that is not silence, free of charge', async () => {
    const { job, file } = await generate({ prompt: 'Hello from GenHub' });
    expect(currentModel(job)).toBe('espeak/tts');
    expect(job.chargedMicros).toBe(0);
    expect(riffTag(file)).toEqual({ riff: 'RIFF', wave: 'WAVE' });
    const { rms, samples, sampleRate } = pcm16(file);
    expect(samples.length / sampleRate).toBeGreaterThan(0.5);
    expect(rms).toBeGreaterThan(500);
  });

  it('changes the audio with the voice and the speed', async () => {
    const prompt = 'One small step for GenHub.';
    const [base, german, fast] = await Promise.all([
      generate({ prompt }),
      generate({ prompt, voice: 'de' }),
      generate({ prompt, speed: 400 }),
    ]);
    expect(german.file.equals(base.file)).toBe(false);
    expect(pcm16(fast.file).samples.length).toBeLessThan(pcm16(base.file).samples.length * 0.7);
    for (const run of [german, fast]) expect(pcm16(run.file).rms).toBeGreaterThan(500);
    expect(german.job.outputs[0]!.sha256).not.toBe(base.job.outputs[0]!.sha256);
  });

  it('refuses a bad voice or speed before queueing, naming what is accepted', async () => {
    const badVoice = await genhub.generation
      .request({ userId: 'u1', task: 'text-to-speech', params: { prompt: 'Hi', voice: 'elvish' } })
      .catch((e: unknown) => e);
    expect(badVoice).toMatchObject({ code: 'INVALID_INPUT', details: { param: 'voice' } });
    expect((badVoice as Error).message).toContain('en-us');
    const badSpeed = await genhub.generation
      .request({ userId: 'u1', task: 'text-to-speech', params: { prompt: 'Hi', speed: 1000 } })
      .catch((e: unknown) => e);
    expect(badSpeed).toMatchObject({ code: 'INVALID_INPUT', details: { param: 'speed' } });
  });
});
