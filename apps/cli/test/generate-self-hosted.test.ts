import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectMediaType } from '@genhub/core';
import {
  FAKE_COMFYUI_TOKEN,
  type FakeComfyuiApi,
  startFakeComfyuiApi,
} from '@genhub/plugin-comfyui/test-fake';
import { type FakeLocalWorker, startFakeLocalWorker } from '@genhub/plugin-local/test-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

// `genhub generate` against a fake ComfyUI and a fake local GPU worker. Neither origin is listed in
// trustedOrigins: each plugin declares its own server.
describe('genhub generate with self-hosted models', () => {
  let comfyui: FakeComfyuiApi;
  let worker: FakeLocalWorker;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const generate = async (...args: string[]) => {
    const run = await runGenhub(['generate', ...args, '--json'], cwd, env);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as { state: string; files: string[] };
  };

  beforeAll(async () => {
    [comfyui, worker] = await Promise.all([
      startFakeComfyuiApi({ token: FAKE_COMFYUI_TOKEN }),
      startFakeLocalWorker(),
    ]);
    cwd = tempDir();
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({ jobs: { pollInitialMs: 20, pollMaxMs: 50 } }),
    );
    env = cleanEnv(join(cwd, 'data'), {
      GENHUB_COMFYUI_BASE_URL: comfyui.url,
      GENHUB_COMFYUI_TOKEN: FAKE_COMFYUI_TOKEN,
      GENHUB_LOCAL_QWEN_IMAGE_URL: worker.url,
    });
  });
  afterAll(() => Promise.all([comfyui?.close(), worker?.close()]));

  it('writes a PNG from a ComfyUI workflow', async () => {
    const done = await generate('text-to-image', 'a fox', '--model', 'comfyui/sdxl-text-to-image');
    expect(done.state).toBe('succeeded');
    expect(await detectMediaType(readFileSync(done.files[0]!))).toBe('image/png');
  }, 60_000);

  it('writes a PNG from a local Qwen-Image worker', async () => {
    const done = await generate('text-to-image', 'a fox', '--model', 'local/qwen-image');
    expect(done.state).toBe('succeeded');
    expect(await detectMediaType(readFileSync(done.files[0]!))).toBe('image/png');
  }, 60_000);
});
