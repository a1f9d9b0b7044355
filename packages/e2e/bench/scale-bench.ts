/**
 * Scale benchmark: jobs per second of the embedded default beside PostgreSQL + Redis with one and
 * with two worker processes.
 *
 * Three runs of the same BENCH_SCALE_JOBS (default 200) jobs through the loopback task API, each task
 * answering a few slow polls (the provider's time holds a job slot, so worker slots matter), all
 * requested at once, REQUEST_BATCH at a time, by USERS users:
 *
 *   embedded    one process: SQLite, the in-process queue (what `genhub start` runs by default).
 *   1 worker    this process requests the jobs (`role: 'bot'`) and one worker process
 *               (`bench/kit/scale-worker.ts`, `role: 'worker'`) drives them, on PostgreSQL and
 *               BullMQ on Redis.
 *   2 workers   the same with two worker processes.
 *
 * Every process keeps the default `jobs.concurrency`. Jobs/s counts from the first request to the
 * last job's end (seen through the job events); the ratios compare the runs. Afterwards each run is
 * checked: every job ended exactly once and succeeded, was charged the provider's cost, its ledger
 * entries are one reserve and one settle, nothing is left reserved, the API created one task per
 * job, and a sample of files matches its checksum; any miss exits non-zero.
 *
 * PostgreSQL and Redis come from GENHUB_TEST_POSTGRES_URL and GENHUB_TEST_REDIS_URL, else are started
 * for the run (scripts/services) and stopped after it; when they cannot be, the run says so and exits
 * 0. Each distributed run gets its own PostgreSQL schema (dropped after) and Redis key prefix.
 *
 * Environment: BENCH_SCALE_JOBS (default 200), BENCH_TIMEOUT_SECONDS (default 600, the whole run).
 * Figures go to stdout and to `bench/results/scale.json`.
 *
 *   pnpm --filter @genhub/e2e bench:scale
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GenHub, TERMINAL_STATES } from '@genhub/core';
import pg from 'pg';
import { type LoopbackApi, startLoopbackApi } from '../src/index.js';
import { writeBenchResults } from './kit/bench-results.js';
import { type BenchServices, benchServices } from './kit/bench-services.js';
import { openScaleGenHub, type ScaleSetup } from './kit/scale-genhub.js';
import type { WorkerMessage } from './kit/scale-worker.js';
import { benchEnvironment, positiveIntFromEnv } from './measure.js';
import { runBench } from './run-bench.js';

type JobRecord = Parameters<Parameters<GenHub['generation']['events']['subscribe']>[0]>[0]['job'];

const JOBS = positiveIntFromEnv('BENCH_SCALE_JOBS', 200);
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const WORKER = new URL('./kit/scale-worker.ts', import.meta.url).pathname;
/** Each task: pending for this many polls, each poll answered this late. */
const TASK_POLLS = 3;
const POLL_DELAY_MS = 200;
const PROMPT = `scale bench [polls:${TASK_POLLS}] [poll-delay:${POLL_DELAY_MS}]`;
/** Requests sent at once, one per user, as many users would. */
const REQUEST_BATCH = 50;
const USERS = REQUEST_BATCH;
/** What loopback/image reserves ($0.05) and what the loopback API reports it cost ($0.04). */
const PRICE_MICROS = 50_000;
const COST_MICROS = 40_000;
const SAMPLE_FILES = 20;
/** A run in which no job ends for this long has jobs stuck or lost, and stops waiting for them. */
const STALL_MS = 120_000;
/** How long after the last end a second end of some job would still be noticed. */
const DUPLICATE_WATCH_MS = 1_000;

const userOf = (index: number) => `scale-user-${index % USERS}`;

interface RunFigures {
  name: string;
  workerProcesses: number;
  jobs: number;
  requestSeconds: number;
  wallSeconds: number;
  jobsPerSecond: number;
  /** CPU per job of this process (requests, job events, the loopback API; in `embedded` the jobs too). */
  requesterCpuMsPerJob: number;
  /** CPU per job of all worker processes together, over their whole life. */
  workersCpuMsPerJob: number;
  /**
   * PostgreSQL transactions rolled back per job over the run (pg_stat_database): nearly all are
   * deadlocks and conflicts the store retries. Undefined for the embedded run.
   */
  postgresRollbacksPerJob?: number;
}

interface RunResult {
  figures: RunFigures;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Worker processes

interface WorkerProcess {
  child: ChildProcess;
  /** Asks it to stop; resolves with its CPU time once it has closed. */
  stop(): Promise<number>;
}

const liveChildren = new Set<ChildProcess>();

async function startWorker(setup: ScaleSetup): Promise<WorkerProcess> {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx', '--conditions=@genhub/source'],
    env: { ...process.env, SCALE_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  const next = () =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`a worker process exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as WorkerMessage);
      });
    });
  const first = await next();
  if (!('ready' in first)) {
    child.kill('SIGKILL');
    throw new Error(`a worker process did not start: ${'failed' in first ? first.failed : 'no answer'}`);
  }
  return {
    child,
    async stop() {
      const stopped = next();
      child.send({ stop: true });
      const message = await stopped;
      if (!('stopped' in message)) throw new Error('a worker process did not stop cleanly');
      return message.stopped.cpuMs;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One run

/** Follows job ends: how often each job ended, and when the last one did. */
class EndWatch {
  readonly ends = new Map<string, JobRecord[]>();
  lastEndAt = 0;
  readonly #allEnded: Promise<void>;
  #resolve: () => void = () => undefined;

  constructor(private expected: number) {
    this.#allEnded = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Expects fewer ends than at first (some requests were refused). */
  expect(count: number): void {
    this.expected = count;
    if (this.ends.size >= this.expected) this.#resolve();
  }

  onEvent = (event: { job: JobRecord }): void => {
    if (!TERMINAL_STATES.has(event.job.state)) return;
    this.lastEndAt = performance.now();
    const seen = this.ends.get(event.job.id) ?? [];
    seen.push(event.job);
    this.ends.set(event.job.id, seen);
    if (this.ends.size >= this.expected) this.#resolve();
  };

  /**
   * Resolves true once every job has ended, or false once none has for `stallMs` since `since` or
   * the last end (some are stuck or lost: the checks then say which), rather than wait for the watchdog.
   */
  async allEnded(since: number, stallMs: number): Promise<boolean> {
    let ended = false;
    void this.#allEnded.then(() => {
      ended = true;
    });
    while (!ended) {
      await Promise.race([this.#allEnded, sleep(1_000)]);
      if (!ended && performance.now() - Math.max(since, this.lastEndAt) > stallMs) return false;
    }
    return true;
  }
}

async function run(
  name: string,
  services: BenchServices | undefined,
  workerCount: number,
): Promise<RunResult> {
  const apiKey = `bench-${randomBytes(8).toString('hex')}`;
  const api = await startLoopbackApi({ apiKey });
  const dataDir = await mkdtemp(join(tmpdir(), 'genhub-bench-scale-'));
  const tag = randomBytes(4).toString('hex');
  const setup: ScaleSetup = {
    dataDir,
    apiUrl: api.url,
    apiKey,
    ...(services
      ? {
          distributed: {
            databaseUrl: services.postgresUrl,
            schema: `scalebench_${tag}`,
            redisUrl: services.redisUrl,
            redisPrefix: `genhub-scalebench-${tag}`,
          },
        }
      : {}),
  };
  const workers: WorkerProcess[] = [];
  let requester: GenHub | undefined;
  try {
    // Opened first, so the schema exists before the workers open it.
    requester = await openScaleGenHub(setup, services ? 'bot' : 'all');
    const grantMicros = Math.ceil(JOBS / USERS) * PRICE_MICROS + 1_000_000;
    for (let user = 0; user < USERS; user += 1) {
      await requester.store.ledger.grant({ kind: 'user', id: userOf(user) }, grantMicros, 'benchmark');
    }
    workers.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(setup)))));
    // A requesting process drives no jobs; start only opens it to requests.
    await requester.start(services ? { resume: false } : undefined);
    const watch = new EndWatch(JOBS);
    requester.generation.events.subscribe(watch.onEvent);

    const rollbacksBefore = setup.distributed
      ? await postgresRollbacks(setup.distributed.databaseUrl)
      : undefined;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const ids: string[] = [];
    const refusals: string[] = [];
    for (let i = 0; i < JOBS; i += REQUEST_BATCH) {
      const batch = Array.from({ length: Math.min(REQUEST_BATCH, JOBS - i) }, (_, j) =>
        requester!.generation.request({
          userId: userOf(i + j),
          task: 'text-to-image',
          model: 'loopback/image',
          params: { prompt: PROMPT },
        }),
      );
      for (const outcome of await Promise.allSettled(batch)) {
        if (outcome.status === 'fulfilled') ids.push(outcome.value.id);
        else refusals.push(outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
      }
    }
    const requestSeconds = (performance.now() - started) / 1000;
    watch.expect(ids.length);
    const allEnded = await watch.allEnded(performance.now(), STALL_MS);
    const wallSeconds = ((allEnded ? watch.lastEndAt : performance.now()) - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    await sleep(DUPLICATE_WATCH_MS);

    let workersCpuMs = 0;
    for (const worker of workers.splice(0)) workersCpuMs += await worker.stop();

    const problems = (await verify(requester, api, ids, watch, grantMicros)).map((p) => `${name}: ${p}`);
    if (!allEnded) {
      problems.unshift(
        `${name}: ${ids.length - watch.ends.size} of ${ids.length} jobs never ended (none did for ${STALL_MS / 1000} s)`,
      );
    }
    if (refusals.length > 0) {
      problems.unshift(`${name}: ${refusals.length} of ${JOBS} requests were refused; first: ${refusals[0]}`);
    }
    // Closed first: a connection's statistics reach pg_stat_database when it ends.
    await requester.close();
    const rollbacks =
      setup.distributed && rollbacksBefore !== undefined
        ? (await postgresRollbacks(setup.distributed.databaseUrl)) - rollbacksBefore
        : undefined;
    return {
      figures: {
        name,
        workerProcesses: workerCount,
        jobs: JOBS,
        requestSeconds,
        wallSeconds,
        jobsPerSecond: watch.ends.size / wallSeconds,
        requesterCpuMsPerJob: (cpu.user + cpu.system) / 1000 / JOBS,
        workersCpuMsPerJob: workersCpuMs / JOBS,
        ...(rollbacks === undefined ? {} : { postgresRollbacksPerJob: rollbacks / JOBS }),
      },
      problems,
    };
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await requester?.close();
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
    if (setup.distributed) await dropSchema(setup.distributed.databaseUrl, setup.distributed.schema);
  }
}

/** The end-of-run checks; returns what is wrong (nothing when all is well). */
async function verify(
  genhub: GenHub,
  api: LoopbackApi,
  ids: readonly string[],
  watch: EndWatch,
  grantMicros: number,
): Promise<string[]> {
  const problems: string[] = [];
  const requested = new Set(ids);
  const endedTwice = [...watch.ends.values()].filter((ends) => ends.length > 1).length;
  if (endedTwice > 0) problems.push(`${endedTwice} jobs ended more than once`);
  const strangers = [...watch.ends.keys()].filter((id) => !requested.has(id)).length;
  if (strangers > 0) problems.push(`${strangers} jobs ended that were never requested`);

  const jobs: JobRecord[] = [];
  for (const id of ids) {
    const job = await genhub.store.jobs.get(id);
    if (job) jobs.push(job);
  }
  const succeeded = jobs.filter((job) => job.state === 'succeeded');
  if (succeeded.length !== ids.length) {
    const other = jobs.find((job) => job.state !== 'succeeded');
    problems.push(
      `${succeeded.length} of ${ids.length} jobs succeeded` +
        (other ? `; job ${other.id} is ${other.state}: ${other.error?.message ?? 'no error'}` : ''),
    );
  }
  const misCharged = succeeded.filter((job) => job.chargedMicros !== COST_MICROS).length;
  if (misCharged > 0) problems.push(`${misCharged} jobs were not charged ${COST_MICROS} micros`);

  for (let user = 0; user < USERS; user += 1) {
    const account = { kind: 'user' as const, id: userOf(user) };
    const own = jobs.filter((job) => job.userId === account.id);
    const balance = await genhub.store.ledger.balance(account);
    if (balance.reservedMicros !== 0)
      problems.push(`${account.id} has ${balance.reservedMicros} micros reserved`);
    const expected = grantMicros - own.length * COST_MICROS;
    if (balance.availableMicros !== expected) {
      problems.push(`${account.id} has ${balance.availableMicros} micros, expected ${expected}`);
    }
    const entries = await genhub.store.ledger.entries(account, 10 * JOBS + 10);
    const kinds = new Map<string, string[]>();
    for (const entry of entries) {
      if (entry.jobId) kinds.set(entry.jobId, [...(kinds.get(entry.jobId) ?? []), entry.kind]);
    }
    const unbalanced = own.filter((job) => kinds.get(job.id)?.sort().join(',') !== 'reserve,settle').length;
    if (unbalanced > 0)
      problems.push(`${unbalanced} jobs of ${account.id} lack exactly one reserve and one settle`);
  }

  if (api.submits() !== ids.length || api.tasksCreated() !== ids.length) {
    problems.push(
      `the API saw ${api.submits()} submits and made ${api.tasksCreated()} tasks for ${ids.length} jobs`,
    );
  }

  // A sample of output files, spread over the run: present and matching their checksum.
  const step = Math.max(1, Math.floor(succeeded.length / SAMPLE_FILES));
  for (const job of succeeded.filter((_, i) => i % step === 0).slice(0, SAMPLE_FILES)) {
    const output = job.outputs[0];
    if (job.outputs.length !== 1 || output === undefined) {
      problems.push(`job ${job.id} has ${job.outputs.length} outputs, expected 1`);
      continue;
    }
    try {
      const hash = createHash('sha256');
      for await (const chunk of genhub.artifacts.read(output.key)) hash.update(chunk);
      if (hash.digest('hex') !== output.sha256) problems.push(`${output.key} does not match its checksum`);
    } catch (error) {
      problems.push(`output of job ${job.id} is missing: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Runs one statement on a connection of its own. */
async function query<Row extends object>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  try {
    await query(url, `drop schema if exists "${schema}" cascade`);
  } catch (error) {
    console.warn(`could not drop the schema ${schema}: ${(error as Error).message}`);
  }
}

/** Transactions rolled back in the database so far, by every connection. */
async function postgresRollbacks(url: string): Promise<number> {
  const rows = await query<{ rollbacks: string }>(
    url,
    'select xact_rollback as rollbacks from pg_stat_database where datname = current_database()',
  );
  return Number(rows[0]?.rollbacks ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Reporting

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  return rows
    .map((row, i) => {
      const text = row
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join('  ');
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

function report(runs: RunFigures[]): string {
  return table([
    [
      'run',
      'worker procs',
      'jobs',
      'requested s',
      'wall s',
      'jobs/s',
      'cpu ms/job here',
      'cpu ms/job workers',
      'pg rollbacks/job',
    ],
    ...runs.map((r) => [
      r.name,
      String(r.workerProcesses),
      String(r.jobs),
      r.requestSeconds.toFixed(1),
      r.wallSeconds.toFixed(1),
      r.jobsPerSecond.toFixed(1),
      r.requesterCpuMsPerJob.toFixed(2),
      r.workerProcesses === 0 ? '-' : r.workersCpuMsPerJob.toFixed(2),
      r.postgresRollbacksPerJob?.toFixed(1) ?? '-',
    ]),
  ]);
}

/** Where a service is, without its credentials. */
const hostOf = (url: string) => new URL(url).host;

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const environment = benchEnvironment();
  const services = await benchServices();
  if ('unavailable' in services) {
    console.log(`The scale run was skipped: it needs PostgreSQL and Redis, and ${services.unavailable}.`);
    return 0;
  }
  // The watchdog exits at once; what this run started must not outlive it.
  const cleanUp = () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    services.stop();
  };
  process.once('exit', cleanUp);
  try {
    console.log(
      `GenHub scale bench: ${JOBS} jobs per run, each task ${TASK_POLLS} pending polls answered after ${POLL_DELAY_MS} ms, ` +
        `requested ${REQUEST_BATCH} at a time by ${USERS} users, default jobs.concurrency per process\n` +
        `node ${environment.node} on ${environment.platform}, ${environment.cpuModel}, ${environment.cores} cores\n` +
        `PostgreSQL at ${hostOf(services.postgresUrl)} (${services.origin.postgres}), ` +
        `Redis at ${hostOf(services.redisUrl)} (${services.origin.redis})\n`,
    );
    const results: RunResult[] = [];
    for (const [name, distributed, workers] of [
      ['embedded', false, 0],
      ['pg+redis 1 worker', true, 1],
      ['pg+redis 2 workers', true, 2],
    ] as const) {
      const result = await run(name, distributed ? services : undefined, workers);
      const f = result.figures;
      console.log(`${name}: ${f.jobsPerSecond.toFixed(1)} jobs/s (${f.wallSeconds.toFixed(1)} s)`);
      results.push(result);
    }
    const [embedded, one, two] = results.map((r) => r.figures) as [RunFigures, RunFigures, RunFigures];
    const ratios = {
      oneWorkerToEmbedded: one.jobsPerSecond / embedded.jobsPerSecond,
      twoWorkersToEmbedded: two.jobsPerSecond / embedded.jobsPerSecond,
      twoWorkersToOne: two.jobsPerSecond / one.jobsPerSecond,
    };
    console.log(
      `\n${report([embedded, one, two])}\n\n` +
        `ratios: pg+redis 1 worker / embedded ${ratios.oneWorkerToEmbedded.toFixed(2)}x, ` +
        `2 workers / embedded ${ratios.twoWorkersToEmbedded.toFixed(2)}x, ` +
        `2 workers / 1 worker ${ratios.twoWorkersToOne.toFixed(2)}x`,
    );

    const problems = results.flatMap((r) => r.problems);
    await writeBenchResults('scale', {
      environment,
      settings: {
        jobs: JOBS,
        taskPolls: TASK_POLLS,
        pollDelayMs: POLL_DELAY_MS,
        users: USERS,
        requestBatch: REQUEST_BATCH,
        services: services.origin,
      },
      runs: { embedded, oneWorker: one, twoWorkers: two },
      ratios,
      checks: { ok: problems.length === 0, problems },
    });
    if (problems.length > 0) {
      console.error(`\nFAILED: ${problems.length} check(s) did not pass:`);
      for (const problem of problems) console.error(`  - ${problem}`);
      return 1;
    }
    console.log(
      'all checks passed: every job succeeded and ended once, charged once, one task each, files intact',
    );
    return 0;
  } finally {
    process.off('exit', cleanUp);
    cleanUp();
  }
}

await runBench(main, TIMEOUT_SECONDS);
