import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GateAiFake, startGateAiFake } from '@genhub/plugin-gateai/test-fake';
import { solidPng } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

// `genhub generate` with input files: a local image goes through the same checks and upload as a
// chat attachment; a link to a private address is refused by the SSRF guard.
describe('genhub generate with --image', () => {
  let fake: GateAiFake;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const chair = Buffer.from(solidPng(64, 64, [150, 90, 40]));
  const genhub = (...args: string[]) => runGenhub(args, cwd, env);

  beforeAll(async () => {
    fake = await startGateAiFake({ apiKey: 'sk-gateai-cli-inputs-key-0042' });
    cwd = tempDir();
    writeFileSync(join(cwd, 'chair.png'), chair);
    writeFileSync(join(cwd, 'notes.txt'), 'not an image at all\n');
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({ jobs: { pollInitialMs: 20, pollMaxMs: 50 }, trustedOrigins: [fake.url] }),
    );
    env = cleanEnv(join(cwd, 'data'), {
      GENHUB_GATEAI_API_KEY: fake.apiKey,
      GENHUB_GATEAI_BASE_URL: fake.url,
    });
    expect((await genhub('credits', 'grant', 'console', '5')).code).toBe(0);
  });
  afterAll(() => fake?.close());

  it('makes a 3D model from a local image: the .glb and its preview, and one JSON result', async () => {
    const result = await genhub(
      'generate',
      'image-to-3d',
      'a chair',
      '--model',
      'gateai/rodin-v2',
      '--image',
      'chair.png',
      '--json',
      '--out',
      'out',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      jobId: string;
      state: string;
      files: string[];
      costUsd: string;
    };
    expect(printed).toMatchObject({ state: 'succeeded', model: 'gateai/rodin-v2', task: 'image-to-3d' });
    expect(printed.files.some((file) => file.endsWith('.glb'))).toBe(true);
    expect(printed.files.some((file) => /\.(jpe?g|png|webp)$/.test(file))).toBe(true);
    expect(Number(printed.costUsd)).toBeGreaterThan(0);
    const glb = readFileSync(printed.files.find((file) => file.endsWith('.glb'))!);
    expect(glb.subarray(0, 4).toString('ascii')).toBe('glTF');
    // The local file reached GateAI byte for byte, uploaded or inline as the document allows.
    const sent = JSON.stringify(fake.callsTo('POST /api/generate').at(-1)?.bodyJson);
    const uploaded = fake.uploads.some((upload) => Buffer.from(upload.bytes).equals(chair));
    expect(uploaded || sent.includes(chair.toString('base64'))).toBe(true);
  }, 60_000);

  it('refuses a link to a private address in one sentence, charging nothing', async () => {
    const before = fake.callsTo('POST /api/generate').length;
    const result = await genhub(
      'generate',
      'image-to-3d',
      'a chair',
      '--model',
      'gateai/rodin-v2',
      '--image',
      'http://10.0.0.7/chair.png',
    );
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/private|not allowed|cannot be fetched|reach/i);
    expect(fake.callsTo('POST /api/generate')).toHaveLength(before);
    const credits = await genhub('credits', 'show', 'console');
    expect(credits.stdout).not.toContain('reserved');
  }, 60_000);

  it('says what is missing or wrong with an input, naming the flag', async () => {
    const [noInput, missing, text, noMask] = await Promise.all([
      genhub('generate', 'image-to-3d', 'a chair', '--model', 'gateai/rodin-v2'),
      genhub('generate', 'image-to-3d', '--model', 'gateai/rodin-v2', '--image', 'nowhere.png'),
      genhub('generate', 'image-to-3d', '--model', 'gateai/rodin-v2', '--image', 'notes.txt'),
      genhub(
        'generate',
        'image-to-3d',
        '--model',
        'gateai/rodin-v2',
        '--image',
        'chair.png',
        '--mask',
        'chair.png',
      ),
    ]);
    expect(noInput).toMatchObject({ code: 2 });
    expect(noInput.stderr.trim()).toBe(
      'image-to-3d needs an input file: add --image with a file path or an https link.',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(
      /^--image nowhere\.png: there is no such file \(.*nowhere\.png\), and it is not an https link\.$/,
    );
    expect(text.code).toBe(2);
    expect(text.stderr.trim()).toMatch(/not an image/);
    expect(noMask.code).toBe(2);
    expect(noMask.stderr.trim()).toBe('gateai/rodin-v2 takes no mask.');
  }, 60_000);
});
