// Temporary experiment (deleted after use): the pipeline phase only, with knobs.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createGenHub, silentLogger } from '@genhub/core';
import { createSqliteStore } from '../../core/src/store/sqlite-store.js';
import { loopbackPlugin, startLoopbackApi } from '../src/index.js';

const N = Number(process.env.N ?? 1500);
const base = process.env.EXP_DIR ?? '/tmp';
if (process.env.EXP_STMT_CACHE) {
  const proto = Database.prototype as unknown as { prepare(sql: string): unknown; __cache?: Map<string, unknown> };
  const original = proto.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  proto.prepare = function (this: object, sql: string) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = original.call(this, sql)));
    return stmt;
  };
}
const dataDir = await mkdtemp(join(base, 'genhub-exp-'));
const api = await startLoopbackApi({ apiKey: 'k' });
const store = process.env.EXP_SYNC
  ? await createSqliteStore({ file: join(dataDir, 'genhub.db'), synchronous: process.env.EXP_SYNC as 'normal' })
  : undefined;
const genhub = await createGenHub(
  {
    dataDir,
    logLevel: 'silent',
    trustedOrigins: [api.url],
    providers: { loopback: { apiKey: 'k', baseUrl: api.url } },
    limits: { maxJobsInFlight: 100_000, rate: { image: { max: 1_000_000, windowSeconds: 60 } } },
    jobs: { concurrency: 32, pollInitialMs: 1, pollMaxMs: 5 },
  },
  { plugins: [loopbackPlugin], env: {}, logger: silentLogger, ...(store ? { store } : {}) },
);
await genhub.start();
await genhub.store.ledger.grant({ kind: 'user', id: 'u' }, 1e12);
const waiters = new Map<string, () => void>();
genhub.generation.events.subscribe((e) => {
  if (e.type === 'succeeded' || e.type === 'failed') waiters.get(e.job.id)?.();
});
async function phase(n: number) {
  let next = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < n) {
        next++;
        const s = performance.now();
        let done!: () => void;
        const p = new Promise<void>((r) => (done = r));
        const job = await genhub.generation.request({ userId: 'u', task: 'text-to-image', model: 'loopback/image', params: { prompt: 'x' } });
        waiters.set(job.id, done);
        await p;
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  return { jobsPerS: (n / wall) * 1000, p50: lat[Math.floor(n / 2)], cpuMsPerJob: (cpu.user + cpu.system) / 1000 / n };
}
await phase(100);
const countT = performance.now();
for (let i = 0; i < 200; i++) await genhub.store.jobs.countActive('u');
const countMs = (performance.now() - countT) / 200;
const r = await phase(N);
const countT2 = performance.now();
for (let i = 0; i < 200; i++) await genhub.store.jobs.countActive('u');
console.log(JSON.stringify({ exp: process.env.EXP_NAME, ...r, countActiveMsBefore: countMs, countActiveMsAfter: (performance.now() - countT2) / 200 }));
await genhub.close();
await api.close();
await rm(dataDir, { recursive: true, force: true });
