import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectMediaType } from '@genhub/core';
import {
  FAKE_API_KEY,
  type FakeElevenLabsApi,
  startFakeElevenLabsApi,
} from '@genhub/plugin-elevenlabs/test-fake';
import { type FakeRecraftApi, RECRAFT_FAKE_KEY, startFakeRecraftApi } from '@genhub/plugin-recraft/test-fake';
import { FAKE_RUNWAY_KEY, type FakeRunwayApi, startFakeRunwayApi } from '@genhub/plugin-runway/test-fake';
import { solidPng } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

/** An SVG with everything a browser could run or fetch; none of it may reach the saved file. */
const HOSTILE_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 16 16" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/p.svg#p) }</style>
  <foreignObject width="16" height="16"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"></iframe></body></foreignObject>
  <a xlink:href="javascript:alert(2)"><rect width="16" height="16" fill="#e4572e" onclick="alert(3)"/></a>
  <image href="https://evil.example/track.png" width="1" height="1"/>
</svg>`;

// `genhub generate` against the fakes of three direct providers: a video from a local image
// (Runway), a vector (Recraft) stored sanitized, and speech (ElevenLabs).
describe('genhub generate with direct providers', () => {
  let runway: FakeRunwayApi;
  let recraft: FakeRecraftApi;
  let elevenlabs: FakeElevenLabsApi;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const genhub = (...args: string[]) => runGenhub(args, cwd, env);
  const result = async (...args: string[]) => {
    const run = await genhub(...args, '--json');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { state: string; model: string; files: string[] };
  };

  beforeAll(async () => {
    [runway, recraft, elevenlabs] = await Promise.all([
      startFakeRunwayApi(),
      startFakeRecraftApi(),
      startFakeElevenLabsApi(),
    ]);
    runway.plan({ runningPolls: 1, ending: 'succeeded' });
    cwd = tempDir();
    writeFileSync(join(cwd, 'cat.png'), solidPng(64, 48, [90, 120, 200]));
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({
        jobs: { pollInitialMs: 20, pollMaxMs: 50 },
        trustedOrigins: [runway.url, recraft.origin, elevenlabs.url],
      }),
    );
    env = cleanEnv(join(cwd, 'data'), {
      GENHUB_RUNWAY_API_KEY: FAKE_RUNWAY_KEY,
      GENHUB_RUNWAY_BASE_URL: runway.url,
      GENHUB_RECRAFT_API_KEY: RECRAFT_FAKE_KEY,
      GENHUB_RECRAFT_BASE_URL: recraft.baseUrl,
      GENHUB_ELEVENLABS_API_KEY: FAKE_API_KEY,
      GENHUB_ELEVENLABS_BASE_URL: elevenlabs.url,
    });
    expect((await genhub('credits', 'grant', 'console', '20')).code).toBe(0);
  });
  afterAll(() => Promise.all([runway?.close(), recraft?.close(), elevenlabs?.close()]));

  it('animates a local image with runway/gen4_turbo into an MP4', async () => {
    const done = await result(
      'generate',
      'image-to-video',
      'the cat turns its head',
      '--model',
      'runway/gen4_turbo',
      '--image',
      'cat.png',
    );
    expect(done).toMatchObject({ state: 'succeeded', model: 'runway/gen4_turbo' });
    const video = done.files.find((file) => file.endsWith('.mp4'));
    expect(video).toBeDefined();
    expect(await detectMediaType(readFileSync(video!))).toBe('video/mp4');
    const sent = JSON.stringify(runway.generations().at(-1)?.bodyJson);
    expect(sent).toContain('data:image/png;base64,');
  }, 60_000);

  it('draws a vector with recraft and saves it as a sanitized .svg', async () => {
    recraft.server.route('GET /files/:name', ({ params }) =>
      params.name?.endsWith('.svg')
        ? { headers: { 'content-type': 'image/svg+xml' }, body: HOSTILE_SVG }
        : { status: 404, body: 'not found' },
    );
    const done = await result(
      'generate',
      'text-to-vector',
      'a fox icon',
      '--model',
      'recraft/recraftv3_vector',
    );
    const svg = done.files.find((file) => file.endsWith('.svg'));
    expect(svg).toBeDefined();
    const saved = readFileSync(svg!, 'utf8');
    expect(saved).toContain('<svg');
    expect(saved).toContain('<rect');
    for (const hostile of [
      '<script',
      'onload',
      'onclick',
      'foreignObject',
      'javascript:',
      'evil.example',
      '@import',
    ]) {
      expect(saved).not.toContain(hostile);
    }
  }, 60_000);

  it('speaks with elevenlabs into an audio file', async () => {
    const done = await result(
      'generate',
      'text-to-speech',
      'Hello from GenHub',
      '--model',
      'elevenlabs/eleven_multilingual_v2',
    );
    expect(done.files).toHaveLength(1);
    expect(await detectMediaType(readFileSync(done.files[0]!))).toMatch(/^audio\//);
  }, 60_000);
});
