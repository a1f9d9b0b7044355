import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type JobState, type Store } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, startLoopbackApi } from '../src/index.js';

const CHILD = new URL('./fixtures/pipeline-child.ts', import.meta.url).pathname;
const API_KEY = 'loopback-secret-key-42';

function startChild(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@genhub/source', CHILD], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`child exited with ${String(code)}\n${stderr}`);
      resolve(code);
    }),
  );
  return { child, exited };
}

async function stateCounts(store: Store): Promise<Partial<Record<JobState, number>>> {
  const counts: Partial<Record<JobState, number>> = {};
  for (const job of await store.jobs.listByState(['queued', 'submitting', 'running', 'downloading'])) {
    counts[job.state] = (counts[job.state] ?? 0) + 1;
  }
  return counts;
}

describe('a pipeline process killed with SIGKILL mid-flight', () => {
  let api: LoopbackApi;
  let dataDir: string;

  beforeAll(async () => {
    api = await startLoopbackApi({ apiKey: API_KEY });
    dataDir = mkdtempSync(join(tmpdir(), 'genhub-restart-'));
  });

  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes every job after a restart: each finished once, every file present, the ledger balanced', async () => {
    const prompts = [
      ...Array.from({ length: 4 }, (_, i) => `running ${i} [polls:60]`),
      ...Array.from({ length: 3 }, (_, i) => `submitting ${i} [submit-delay:6000]`),
      ...Array.from({ length: 3 }, (_, i) => `downloading ${i} [file-delay:6000]`),
      ...Array.from({ length: 4 }, (_, i) => `queued ${i}`),
    ];
    const env = { DATA_DIR: dataDir, API_URL: api.url, API_KEY };
    const first = startChild({ ...env, MODE: 'submit', PROMPTS: JSON.stringify(prompts) });

    // Watch the store from outside, as an operator would, until jobs sit in every active state.
    let observer: Store | undefined;
    let seen: Partial<Record<JobState, number>> = {};
    let lastError: unknown;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        observer ??= await createSqliteStore({ file: join(dataDir, 'genhub.db') });
        seen = await stateCounts(observer);
      } catch (error) {
        lastError = error;
        continue; // the child has not created the database yet
      }
      if (seen.queued && seen.submitting && seen.running && seen.downloading) break;
    }
    first.child.kill('SIGKILL');
    if (!observer) throw new Error(`the store never opened: ${String(lastError)}`);
    await first.exited;
    expect(seen).toMatchObject({
      queued: expect.any(Number),
      submitting: expect.any(Number),
      running: expect.any(Number),
      downloading: expect.any(Number),
    });
    // Jobs keep moving until the kill lands, so the counts may shift; every state is still held.
    expect(await stateCounts(observer!)).toMatchObject({
      queued: expect.any(Number),
      submitting: expect.any(Number),
      running: expect.any(Number),
      downloading: expect.any(Number),
    });

    const second = startChild({ ...env, MODE: 'resume' });
    expect(await second.exited).toBe(0);

    const store = observer!;
    const jobs = await store.jobs.usage({ userId: 'u1', limit: 100 });
    expect(jobs.items).toHaveLength(prompts.length);
    for (const job of jobs.items) {
      expect(job.state, `job ${job.id} (${String(job.params.prompt)})`).toBe('succeeded');
      expect(job.outputs).toHaveLength(1);
      const output = job.outputs[0]!;
      const bytes = readFileSync(join(dataDir, 'artifacts', output.key));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(output.sha256);
      expect(output.mediaType).toBe('image/png');
    }
    // One remote task per job: the jobs caught mid-submit were resubmitted with their idempotency key.
    expect(api.tasksCreated()).toBe(prompts.length);
    expect(api.submits()).toBeGreaterThan(prompts.length);

    const account = { kind: 'user' as const, id: 'u1' };
    const balance = await store.ledger.balance(account);
    expect(balance.reservedMicros).toBe(0);
    expect(balance.availableMicros).toBe(10_000_000 - prompts.length * 40_000);
    const entries = await store.ledger.entries(account, 1000);
    expect(entries.reduce((sum, entry) => sum + entry.amountMicros, 0)).toBe(balance.availableMicros);
    for (const job of jobs.items) {
      const own = entries.filter((entry) => entry.jobId === job.id).map((entry) => entry.kind);
      expect(own.sort()).toEqual(['reserve', 'settle']);
    }
    await store.close();
  }, 90_000);
});
