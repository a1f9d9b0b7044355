import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGenHub, silentLogger } from '@genhub/core';
import { placeholderEnv } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { bundledPlugins } from '../src/bundled-plugins.js';

const run = promisify(execFile);
const BIN = new URL('../bin/genhub-dev.js', import.meta.url).pathname;

function genhub(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'genhub-cli-'));
  return run(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, GENHUB_LOG_LEVEL: 'silent', ...env },
  });
}

describe('genhub models', () => {
  it('prints the catalogue as JSON', async () => {
    const { stdout } = await genhub(['models', '--json']);
    expect(JSON.parse(stdout)).toEqual({ models: expect.any(Array) });
  });

  it('lists every model of the bundled providers with its tasks and price once their keys are set', async () => {
    const { stdout } = await genhub(['models'], {
      GENHUB_GATEAI_API_KEY: 'sk-test-gateai',
      // Discovery cannot reach this, so GateAI serves the catalogue built from its document.
      GENHUB_GATEAI_BASE_URL: 'http://127.0.0.1:9',
      GENHUB_AINATIVE_API_KEY: 'ak-test-ainative',
      GENHUB_IMAROUTER_API_KEY: 'ik-test-imarouter',
    });
    const rows = stdout.split('\n').filter((line) => /^[a-z]+\//.test(line));
    const count = (provider: string) => rows.filter((line) => line.startsWith(`${provider}/`)).length;
    expect(count('gateai')).toBe(53);
    expect(count('ainative')).toBe(7);
    expect(count('imarouter')).toBeGreaterThan(40);
    for (const row of rows) expect(row).toMatch(/^\S+\s+[a-z0-9-]+(, [a-z0-9-]+)*\s+~\$\d+\.\d{3}$/);
    expect(stdout).toContain('GateAI (gateai) ready, 53 models');
  }, 60_000);

  it('lists every video model of every bundled provider when all their keys are set', async () => {
    // GateAI serves its bundled catalogue; no provider is called.
    const env = { ...placeholderEnv(bundledPlugins), GENHUB_GATEAI_CATALOGUE: 'bundled' };
    const { stdout } = await genhub(['models', '--task', 'text-to-video', '--json'], env);
    const listed = (JSON.parse(stdout) as { models: Array<{ id: string }> }).models.map((model) => model.id);

    const dataDir = mkdtempSync(join(tmpdir(), 'genhub-cli-models-'));
    const expected = await createGenHub({ dataDir }, { plugins: bundledPlugins, env, logger: silentLogger });
    try {
      const ready = expected.plugins.filter((plugin) => plugin.state === 'ready').map((plugin) => plugin.id);
      expect(ready.sort()).toEqual(bundledPlugins.map((plugin) => plugin.id).sort());
      const ids = expected.registry.list({ task: 'text-to-video' }).map((model) => model.id);
      expect(listed.sort()).toEqual(ids.sort());
      for (const plugin of bundledPlugins) {
        const own = ids.filter((id) => id.startsWith(`${plugin.id}/`));
        const offers = expected.registry
          .list({})
          .some((model) => model.id.startsWith(`${plugin.id}/`) && model.tasks.includes('text-to-video'));
        expect(own.length > 0).toBe(offers);
      }
    } finally {
      await expected.close();
    }
  }, 60_000);

  it('says which variable enables each provider that is not configured', async () => {
    const { stdout } = await genhub(['models']);
    expect(stdout).toContain('set GENHUB_GATEAI_API_KEY to enable GateAI');
    expect(stdout).toContain('No models are available');
  });

  it('refuses an unknown task with one sentence naming the valid ones', async () => {
    const error = (await genhub(['models', '--task', 'painting']).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(2);
    expect(error.stderr.trim()).toMatch(/^Unknown task "painting"; use one of text-to-image, .*\.$/);
  });

  it('names the bad setting when the configuration is wrong', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'genhub-cli-'));
    const error = (await run(process.execPath, [BIN, 'models'], {
      cwd,
      env: { ...process.env, GENHUB_LOG_LEVEL: 'loud' },
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('logLevel (GENHUB_LOG_LEVEL)');
    expect(error.stderr).not.toMatch(/\n\s+at /);
  });
});
