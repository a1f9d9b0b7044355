import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../bin/genhub-dev.js', import.meta.url).pathname;

/** GENHUB_PLUGINS=FAKE_PLUGIN gives a child genhub the testkit's scripted `fake` provider. */
export const FAKE_PLUGIN = new URL('./fixtures/fake-plugin-package.ts', import.meta.url).pathname;

/** Variables of the bots that a child genhub must not inherit from the developer's shell. */
const BOT_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_SHARD_COUNT',
  'DISCORD_SHARD_PROCESSES',
  'DISCORD_SHARD_PROCESS_INDEX',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
];

/** A fresh folder under the system temp dir. */
export function tempDir(prefix = 'genhub-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment of a child genhub: no bot tokens, no provider keys, its own data folder. */
export function cleanEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GENHUB_') || BOT_VARIABLES.includes(key)) continue;
    env[key] = value;
  }
  return { ...env, GENHUB_LOG_LEVEL: 'silent', GENHUB_DATA_DIR: dataDir, ...extra };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `genhub <args>` to the end; resolves with its exit code and output whatever the code. */
export function runGenhub(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Root mean square of the 16-bit PCM samples in a WAV file's `data` chunk. */
export function wavRms(wav: Buffer): number {
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') {
      const end = Math.min(wav.length, offset + 8 + size);
      let sum = 0;
      let count = 0;
      for (let i = offset + 8; i + 1 < end; i += 2) {
        const sample = wav.readInt16LE(i);
        sum += sample * sample;
        count++;
      }
      return count === 0 ? 0 : Math.sqrt(sum / count);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
