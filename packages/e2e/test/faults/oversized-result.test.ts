import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type JobRecord } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataResultApi, resultBytes, resultSha256, startDataResultApi } from './data-result-api.js';

const CHILD = new URL('./fixtures/oversized-result-child.ts', import.meta.url).pathname;
const API_KEY = 'loopback-secret-key-42';
const MB = 1024 * 1024;
const MAX_OUTPUT_MB = 50;

interface ChildResult {
  job: JobRecord;
  databaseGrowthBytes: number;
  peakRssBytes: number;
}

/** Runs the GenHub child over the prompts, one job each, and returns what it reports. */
async function runChild(env: Record<string, string>): Promise<ChildResult[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@genhub/source', CHILD], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the GenHub child exited with ${String(code)}:\n${stderr}`);
  return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { results: ChildResult[] }).results;
}

describe('a result given as a large data: URL', () => {
  let api: DataResultApi;
  let dataDir: string;
  let results: ChildResult[];

  // A ~200 MB answer (150 MB of base64), and a result 2 bytes under the 50 MB limit.
  const oversized = 150 * MB;
  const justUnder = MAX_OUTPUT_MB * MB - 2;

  beforeAll(async () => {
    api = await startDataResultApi({ apiKey: API_KEY });
    dataDir = mkdtempSync(join(tmpdir(), 'genhub-oversized-'));
    results = await runChild({
      DATA_DIR: dataDir,
      API_URL: api.url,
      API_KEY,
      MAX_OUTPUT_MB: String(MAX_OUTPUT_MB),
      PROMPTS: JSON.stringify([oversized, justUnder].map((bytes) => `[data-result:${bytes}]`)),
    });
  }, 90_000);

  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a ~200 MB answer while reading it: the job fails and is refunded, memory and database stay small', async () => {
    const { job, databaseGrowthBytes, peakRssBytes } = results[0]!;
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, outputs: [] });
    expect(job.error?.message).toMatch(/^loopback's answer to GET \S+ was larger than \d+ MB\.$/);
    expect(peakRssBytes).toBeLessThan(600 * MB);
    expect(databaseGrowthBytes).toBeLessThan(1 * MB);
    // GenHub hung up once the cap was passed instead of reading the ~200 MB to the end.
    expect(api.sentBytes(job.remoteRef!.id)).toBeLessThan((oversized / 3) * 4 * 0.75);
  });

  it('saves a data: result just under the limit, byte for byte, with a short name', async () => {
    const { job, databaseGrowthBytes } = results[1]!;
    expect(job).toMatchObject({ state: 'succeeded', chargedMicros: 40_000 });
    const output = job.outputs[0]!;
    const expectedSha256 = resultSha256(justUnder);
    expect(output.bytes).toBe(resultBytes(justUnder));
    expect(output.sha256).toBe(expectedSha256);
    const file = createReadStream(join(dataDir, 'artifacts', output.key));
    const hash = createHash('sha256');
    for await (const chunk of file) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(expectedSha256);
    // The plugin named the result after the whole 70 MB URL tail; what is kept is a short file name.
    expect(output.metadata?.name).toEqual(expect.any(String));
    expect(String(output.metadata?.name).length).toBeLessThanOrEqual(100);
    expect(databaseGrowthBytes).toBeLessThan(1 * MB);
  });

  it('keeps the ledger balanced: the refused job refunded, the saved one charged once', async () => {
    const store = await createSqliteStore({ file: join(dataDir, 'genhub.db') });
    try {
      const account = { kind: 'user' as const, id: 'u1' };
      const entries = await store.ledger.entries(account, 100);
      const kinds = (job: JobRecord) =>
        entries
          .filter((entry) => entry.jobId === job.id)
          .map((entry) => entry.kind)
          .sort();
      expect(kinds(results[0]!.job)).toEqual(['refund', 'reserve']);
      expect(kinds(results[1]!.job)).toEqual(['reserve', 'settle']);
      expect(await store.ledger.balance(account)).toMatchObject({
        availableMicros: 10_000_000 - 40_000,
        reservedMicros: 0,
      });
    } finally {
      await store.close();
    }
  });
});
