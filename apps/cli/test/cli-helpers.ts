import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../bin/genhub.js', import.meta.url).pathname;

/** A fresh folder under the system temp dir. */
export function tempDir(prefix = 'genhub-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment of a child genhub: no bot tokens, no provider keys, its own data folder. */
export function cleanEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GENHUB_') || key === 'DISCORD_TOKEN' || key === 'TELEGRAM_BOT_TOKEN') continue;
    env[key] = value;
  }
  return { ...env, GENHUB_LOG_LEVEL: 'silent', GENHUB_DATA_DIR: dataDir, ...extra };
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
