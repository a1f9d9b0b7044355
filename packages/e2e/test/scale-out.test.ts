import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, maybeBilledTask, type Store } from '@genhub/core';
import { testServiceUrl } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, startLoopbackApi } from '../src/index.js';

const redisUrl = testServiceUrl('redis');
const CHILD = new URL('./fixtures/scale-out-child.ts', import.meta.url).pathname;
const API_KEY = 'loopback-scale-out-key';
const JOBS = 100;

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  waitFor(event: string, ms?: number): Promise<Record<string, unknown>>;
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@genhub/source', CHILD], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    for (const part of parts)
      if (part.startsWith('{')) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`${env.ROLE} exited with ${String(code)}\n${stderr}`);
      resolve(code);
    }),
  );
  return {
    process: child,
    lines,
    exited,
    async waitFor(event, ms = 120_000) {
      const until = Date.now() + ms;
      for (;;) {
        const line = lines.find((l) => l.event === event);
        if (line) return line;
        if (Date.now() > until || child.exitCode !== null) {
          throw new Error(`${env.ROLE} did not print ${event}; stderr:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

describe.runIf(redisUrl)('one bot and two worker processes on Redis, one worker killed mid-flight', () => {
  let api: LoopbackApi;
  let dataDir: string;
  const children: Child[] = [];

  beforeAll(async () => {
    api = await startLoopbackApi({ apiKey: API_KEY });
    dataDir = mkdtempSync(join(tmpdir(), 'genhub-scale-out-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every job once, sends no task twice to a provider without idempotency, and balances the ledger', async () => {
    const env = {
      DATA_DIR: dataDir,
      API_URL: api.url,
      API_KEY,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: `genhub-scale-${randomBytes(4).toString('hex')}`,
    };
    const workers = [startChild({ ...env, ROLE: 'worker' }), startChild({ ...env, ROLE: 'worker' })];
    children.push(...workers);
    await Promise.all(workers.map((worker) => worker.waitFor('started')));

    // Slow tasks: polled for a few seconds each; some slow to accept, some slow to download.
    const prompts = Array.from({ length: JOBS }, (_, i) => {
      const extra = i % 10 === 0 ? ' [submit-delay:400]' : i % 10 === 5 ? ' [file-delay:400]' : '';
      return `job ${i} [polls:${8 + (i % 7)}] [poll-delay:300]${extra}`;
    });
    const bot = startChild({ ...env, ROLE: 'bot', PROMPTS: JSON.stringify(prompts) });
    children.push(bot);

    // Kill one worker once jobs are in flight at the provider.
    const observer: Store = await waitForStore(join(dataDir, 'genhub.db'));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const running = await observer.jobs.listByState(['running']);
      if (running.length >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const killedAt = api.tasksCreated();
    expect(killedAt).toBeGreaterThanOrEqual(20);
    workers[0]!.process.kill('SIGKILL');
    await workers[0]!.exited;

    const delivered = await bot.waitFor('delivered', 240_000);
    expect(await bot.exited).toBe(0);
    workers[1]!.process.kill('SIGTERM');
    expect(await workers[1]!.exited).toBe(0);
    // The survivor took over what the killed worker held (BullMQ's stalled-job check).
    expect((await workers[1]!.waitFor('stopped')).takenOver).toBeGreaterThanOrEqual(1);

    // Every job ended, and the bot saw each end exactly once.
    const ended = delivered.ended as Record<string, number>;
    expect(Object.keys(ended)).toHaveLength(JOBS);
    expect(Object.values(ended).every((count) => count === 1)).toBe(true);

    const jobs = (await observer.jobs.usage({ userId: 'u1', limit: 1000 })).items;
    expect(jobs).toHaveLength(JOBS);
    const succeeded = jobs.filter((job) => job.state === 'succeeded');
    // Only a job caught mid-submit by the kill may fail: refunded, its task perhaps billed.
    for (const job of jobs.filter((j) => j.state !== 'succeeded')) {
      expect(job.state).toBe('failed');
      expect(maybeBilledTask(job)).toBe(true);
    }
    expect(succeeded.length).toBeGreaterThanOrEqual(JOBS - 16);

    // One remote task per job: no submit sent twice, no task shared by two jobs.
    expect(api.submits()).toBe(api.tasksCreated());
    expect(api.tasksCreated()).toBeLessThanOrEqual(JOBS);
    const tasks = succeeded.map((job) => job.remoteRef?.id);
    expect(new Set(tasks).size).toBe(succeeded.length);

    // Files intact.
    for (const job of succeeded) {
      expect(job.outputs).toHaveLength(1);
      const output = job.outputs[0]!;
      const bytes = readFileSync(join(dataDir, 'artifacts', output.key));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(output.sha256);
    }

    // The ledger balanced: every job reserved once and settled or refunded once.
    const account = { kind: 'user' as const, id: 'u1' };
    const balance = await observer.ledger.balance(account);
    expect(balance.reservedMicros).toBe(0);
    expect(balance.availableMicros).toBe(10_000_000 - succeeded.length * 40_000);
    const entries = await observer.ledger.entries(account, 10_000);
    expect(entries.reduce((sum, entry) => sum + entry.amountMicros, 0)).toBe(balance.availableMicros);
    for (const job of jobs) {
      const own = entries.filter((entry) => entry.jobId === job.id).map((entry) => entry.kind);
      expect(own.sort()).toEqual(job.state === 'succeeded' ? ['reserve', 'settle'] : ['refund', 'reserve']);
    }
    await observer.close();
  }, 360_000);
});

async function waitForStore(file: string): Promise<Store> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await createSqliteStore({ file });
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
