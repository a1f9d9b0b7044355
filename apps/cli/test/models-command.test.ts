import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/genhub.js', import.meta.url).pathname;

function genhub(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'genhub-cli-'));
  return run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, GENHUB_LOG_LEVEL: 'silent' } });
}

describe('genhub models', () => {
  it('prints the catalogue as JSON', async () => {
    const { stdout } = await genhub(['models', '--json']);
    expect(JSON.parse(stdout)).toEqual({ models: expect.any(Array) });
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
