import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_FAL_KEY, type FakeFalApi, startFakeFalApi } from '@genhub/plugin-fal/test-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

// `genhub generate` against the fake of fal's queue API: a Pika 2.2 video, written as an MP4.
describe('genhub generate with fal', () => {
  let fal: FakeFalApi;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const genhub = (...args: string[]) => runGenhub(args, cwd, env);

  beforeAll(async () => {
    fal = await startFakeFalApi();
    fal.plan({ queuedPolls: 1, runningPolls: 1, ending: 'succeeded' });
    cwd = tempDir();
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({ jobs: { pollInitialMs: 20, pollMaxMs: 50 }, trustedOrigins: [fal.url] }),
    );
    env = cleanEnv(join(cwd, 'data'), { GENHUB_FAL_API_KEY: FAKE_FAL_KEY, GENHUB_FAL_BASE_URL: fal.url });
    expect((await genhub('credits', 'grant', 'console', '20')).code).toBe(0);
  });
  afterAll(() => fal?.close());

  it('writes an MP4 for text-to-video with fal/pika:v2.2:text-to-video', { timeout: 60_000 }, async () => {
    const run = await genhub(
      'generate',
      'text-to-video',
      'waves',
      '--model',
      'fal/pika:v2.2:text-to-video',
      '--json',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    const done = JSON.parse(run.stdout) as { state: string; model: string; files: string[] };
    expect(done).toMatchObject({ state: 'succeeded', model: 'fal/pika:v2.2:text-to-video' });
    const video = done.files.find((file) => file.endsWith('.mp4'));
    expect(video).toBeDefined();
    expect(readFileSync(video!).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});
