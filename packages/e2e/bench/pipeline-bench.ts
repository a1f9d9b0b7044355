/**
 * Pipeline benchmark: how much the GenHub pipeline costs on top of the HTTP work it has to do.
 *
 * One process, one loopback task API (`startLoopbackApi`), four phases run one after the other:
 *
 *   bare-undici  N jobs of exactly the requests the pipeline makes (POST /v1/tasks with a JSON body,
 *                Bearer auth and an Idempotency-Key; GET /v1/tasks/:id; GET the output file, reading
 *                the whole body), straight through undici, 32 jobs in flight.
 *   ai-sdk       N `generateImage()` calls of the Vercel AI SDK with a custom image model making the
 *                same three requests (`ai-sdk-anchor.ts`); it persists nothing.
 *   pipeline     N `generation.request()` calls on a real `createGenHub` (SQLite store and artifact
 *                folder in a fresh temp dir), each timed from the call to its `succeeded` event,
 *                32 jobs in flight (= `jobs.concurrency`), with `sqlite.synchronous: full`.
 *   pipeline-normal  the same with `sqlite.synchronous: normal` (commits not synced to disk).
 *
 * Both phases are closed loops: a new job starts when one finishes, so neither has a backlog and a
 * job's latency is its own work, not time spent waiting in line. The per-job overhead is then the
 * pipeline's latency minus the bare latency. Each phase first runs a warm-up (not measured).
 *
 * The four phases run BENCH_ROUNDS times (default 3), one round after another, and the report shows
 * each phase's median round (by jobs/s), with the ratios taken between medians: a shared machine's
 * speed drifts, and a bare phase lasts about a second.
 *
 * Afterwards it checks that every pipeline job succeeded, that the ledger was charged exactly the
 * provider's cost with nothing left reserved, that the API saw one submit per job, and that a sample
 * of output files exists on disk; any miss exits non-zero.
 *
 * Environment: BENCH_JOBS (default 2000), BENCH_WARMUP (default 100), BENCH_CONCURRENCY (default 32),
 * BENCH_ROUNDS (default 3),
 * BENCH_TIMEOUT_SECONDS (default 600, the whole run), BENCH_TMPDIR (where the temp data dir goes;
 * default os.tmpdir(). The store commits with fsync, so the disk under it shows in the pipeline's
 * figures: a tmpfs such as /dev/shm takes the disk out). Figures go to stdout and to
 * `bench/results/latest.json`.
 *
 *   pnpm bench                                   # from the repository root
 *   BENCH_JOBS=500 pnpm --filter @genhub/e2e bench
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { Agent, request } from 'undici';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';
import { generateWithAiSdk, loopbackImageModel } from './ai-sdk-anchor.js';
import {
  benchEnvironment,
  measurePhase,
  type PhaseResult,
  positiveIntFromEnv,
  RSS_SAMPLE_MS,
  RssSampler,
} from './measure.js';
import { runBench } from './run-bench.js';

type JobEvent = Parameters<Parameters<GenHub['generation']['events']['subscribe']>[0]>[0];
type JobRecord = JobEvent['job'];

const JOBS = positiveIntFromEnv('BENCH_JOBS', 2000);
const WARMUP = positiveIntFromEnv('BENCH_WARMUP', 100, true);
const CONCURRENCY = positiveIntFromEnv('BENCH_CONCURRENCY', 32);
const ROUNDS = positiveIntFromEnv('BENCH_ROUNDS', 3);
const SIZE = { jobs: JOBS, warmup: WARMUP, concurrency: CONCURRENCY };
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const DATA_PARENT = process.env.BENCH_TMPDIR?.trim() || tmpdir();

const API_KEY = `bench-${randomBytes(8).toString('hex')}`;
const PROMPT = 'a small red square, benchmark';
const USER_ID = 'bench-user';
/** What loopback/image reserves ($0.05) and what the loopback API reports it cost ($0.04). */
const PRICE_MICROS = 50_000;
const COST_MICROS = 40_000;
const SAMPLE_FILES = 20;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

// ---------------------------------------------------------------------------------------------
// Phase 1: the same HTTP requests, straight through undici

interface TaskReply {
  id: string;
  status: string;
  outputs?: Array<{ url: string; media_type: string }>;
  cost_usd?: number;
}

async function barePhase(api: LoopbackApi, sampler: RssSampler, round: number) {
  // Two pools, as the pipeline has: the HTTP client's for the API, the guarded fetcher's for files.
  const apiAgent = new Agent();
  const fileAgent = new Agent();
  const headers = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
  const body = JSON.stringify({ prompt: PROMPT });
  try {
    return await measurePhase('bare-undici', SIZE, sampler, (label) => async (index) => {
      const submit = await request(`${api.url}/v1/tasks`, {
        method: 'POST',
        dispatcher: apiAgent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'idempotency-key': `bare-${round}-${label}-${index}`,
        },
        body,
      });
      const created = (await submit.body.json()) as TaskReply;
      if (submit.statusCode !== 201) throw new Error(`submit: HTTP ${submit.statusCode}`);

      const poll = await request(`${api.url}/v1/tasks/${encodeURIComponent(created.id)}`, {
        dispatcher: apiAgent,
        headers,
      });
      const task = (await poll.body.json()) as TaskReply;
      const url = task.outputs?.[0]?.url;
      if (poll.statusCode !== 200 || task.status !== 'succeeded' || url === undefined) {
        throw new Error(`poll: HTTP ${poll.statusCode}, status ${task.status}`);
      }

      const file = await request(url, { dispatcher: fileAgent });
      let bytes = 0;
      for await (const chunk of file.body) bytes += (chunk as Buffer).byteLength;
      if (file.statusCode !== 200 || bytes === 0)
        throw new Error(`file: HTTP ${file.statusCode}, ${bytes} bytes`);
      return performance.now();
    });
  } finally {
    await Promise.all([apiAgent.close(), fileAgent.close()]);
  }
}

// ---------------------------------------------------------------------------------------------
// Phase 2: the same jobs through the Vercel AI SDK

async function aiSdkPhase(api: LoopbackApi, sampler: RssSampler) {
  const model = loopbackImageModel(api.url, API_KEY);
  return measurePhase('ai-sdk', SIZE, sampler, () => async () => {
    await generateWithAiSdk(model, PROMPT);
    return performance.now();
  });
}

// ---------------------------------------------------------------------------------------------
// Phase 3: the whole pipeline

/** Resolves a job's terminal event to whoever waits for it, whichever comes first. */
class TerminalEvents {
  readonly #ended = new Map<string, { job: JobRecord; at: number }>();
  readonly #waiting = new Map<string, (ended: { job: JobRecord; at: number }) => void>();
  readonly all: JobRecord[] = [];

  onEvent = (event: JobEvent): void => {
    if (event.type !== 'succeeded' && event.type !== 'failed') return;
    const ended = { job: event.job, at: performance.now() };
    this.all.push(event.job);
    const waiter = this.#waiting.get(event.job.id);
    if (waiter) {
      this.#waiting.delete(event.job.id);
      waiter(ended);
    } else {
      this.#ended.set(event.job.id, ended);
    }
  };

  wait(jobId: string): Promise<{ job: JobRecord; at: number }> {
    const ended = this.#ended.get(jobId);
    if (ended) {
      this.#ended.delete(jobId);
      return Promise.resolve(ended);
    }
    return new Promise((resolve) => this.#waiting.set(jobId, resolve));
  }
}

async function pipelinePhase(name: string, genhub: GenHub, sampler: RssSampler, terminal: TerminalEvents) {
  return measurePhase(name, SIZE, sampler, () => async () => {
    const job = await genhub.generation.request({
      userId: USER_ID,
      task: 'text-to-image',
      model: 'loopback/image',
      params: { prompt: PROMPT },
    });
    const ended = await terminal.wait(job.id);
    if (ended.job.state !== 'succeeded') {
      throw new Error(`job ${job.id} ended ${ended.job.state}: ${ended.job.error?.message ?? 'no error'}`);
    }
    return ended.at;
  });
}

/** The end-of-run checks; returns what is wrong (nothing when all is well). */
async function verify(
  genhub: GenHub,
  api: LoopbackApi,
  terminal: TerminalEvents,
  pipeline: PhaseResult & { errors: string[] },
  grantMicros: number,
  submitsBefore: number,
): Promise<{ problems: string[]; checked: Record<string, unknown> }> {
  const problems: string[] = [];
  const total = WARMUP + JOBS;

  if (pipeline.failures > 0) {
    problems.push(
      `${pipeline.failures} of ${JOBS} pipeline jobs did not succeed; first: ${pipeline.errors[0]}`,
    );
  }
  const succeeded = terminal.all.filter((job) => job.state === 'succeeded');
  if (terminal.all.length !== total || succeeded.length !== total) {
    problems.push(
      `expected ${total} succeeded events, saw ${succeeded.length} of ${terminal.all.length} terminal`,
    );
  }
  const misCharged = succeeded.filter((job) => job.chargedMicros !== COST_MICROS);
  if (misCharged.length > 0) {
    problems.push(
      `${misCharged.length} jobs were not charged ${COST_MICROS} micros (first: ${misCharged[0]?.chargedMicros})`,
    );
  }

  const balance = await genhub.store.ledger.balance({ kind: 'user', id: USER_ID });
  const expectedAvailable = grantMicros - total * COST_MICROS;
  if (balance.availableMicros !== expectedAvailable) {
    problems.push(
      `balance is ${balance.availableMicros} micros, expected ${grantMicros} - ${total} x ${COST_MICROS} = ${expectedAvailable}`,
    );
  }
  if (balance.reservedMicros !== 0) problems.push(`${balance.reservedMicros} micros are still reserved`);

  const submits = api.submits() - submitsBefore;
  if (submits !== total) problems.push(`the API saw ${submits} submits for ${total} pipeline jobs`);

  // A sample of output files, spread over the run: present, the recorded size, a PNG.
  const step = Math.max(1, Math.floor(succeeded.length / SAMPLE_FILES));
  const sample = succeeded.filter((_, i) => i % step === 0).slice(0, SAMPLE_FILES);
  let filesOk = 0;
  for (const job of sample) {
    const output = job.outputs[0];
    if (job.outputs.length !== 1 || output === undefined) {
      problems.push(`job ${job.id} has ${job.outputs.length} outputs, expected 1`);
      continue;
    }
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of genhub.artifacts.read(output.key)) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      if (bytes.byteLength !== output.bytes || bytes.byteLength === 0) {
        problems.push(`${output.key} is ${bytes.byteLength} bytes, the record says ${output.bytes}`);
      } else if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE) || output.mediaType !== 'image/png') {
        problems.push(`${output.key} is not a PNG (${output.mediaType})`);
      } else {
        filesOk += 1;
      }
    } catch (error) {
      problems.push(`output of job ${job.id} is missing: ${(error as Error).message}`);
    }
  }
  if (sample.length < Math.min(SAMPLE_FILES, total)) {
    problems.push(`only ${sample.length} succeeded jobs to sample files from`);
  }

  return {
    problems,
    checked: {
      succeededJobs: succeeded.length,
      grantMicros,
      availableMicros: balance.availableMicros,
      expectedAvailableMicros: expectedAvailable,
      reservedMicros: balance.reservedMicros,
      apiSubmits: submits,
      sampledFiles: sample.length,
      sampledFilesOk: filesOk,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => value.toFixed(2);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  return rows
    .map((row, i) => {
      const line = row.map((cell, col) =>
        col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!),
      );
      const text = line.join('  ');
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

function report(
  bare: PhaseResult,
  aiSdk: PhaseResult,
  pipeline: PhaseResult,
  pipelineNormal: PhaseResult,
  process_: { rssStart: number; rssEnd: number; peakSampled: number; maxRssOs: number },
  cores: number,
): string {
  const rows = [
    [
      'phase',
      'jobs',
      'wall s',
      'jobs/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'cpu ms/job',
      'user',
      'system',
      'loop p99 ms',
      'rss before',
      'rss after',
      'rss peak',
    ],
    ...[bare, aiSdk, pipeline, pipelineNormal].map((p) => [
      p.name,
      String(p.jobs),
      p.wallSeconds.toFixed(2),
      p.jobsPerSecond.toFixed(0),
      ms(p.latencyMs.p50),
      ms(p.latencyMs.p99),
      ms(p.latencyMs.max),
      ms(p.cpuMsPerJob),
      ms(p.userMsPerJob),
      ms(p.systemMsPerJob),
      ms(p.eventLoopDelayMs.p99),
      mb(p.rss.beforeBytes),
      mb(p.rss.afterBytes),
      mb(p.rss.peakBytes),
    ]),
  ];
  return [
    table(rows),
    '',
    `pipeline overhead per job: p50 +${ms(pipeline.latencyMs.p50 - bare.latencyMs.p50)} ms, ` +
      `p99 +${ms(pipeline.latencyMs.p99 - bare.latencyMs.p99)} ms; ` +
      `cpu +${ms(pipeline.cpuMsPerJob - bare.cpuMsPerJob)} ms/job`,
    `throughput: pipeline/bare-undici ${ratio(pipeline, bare)}x (synchronous full), ` +
      `${ratio(pipelineNormal, bare)}x (normal); pipeline/ai-sdk ${ratio(pipeline, aiSdk)}x (full), ` +
      `${ratio(pipelineNormal, aiSdk)}x (normal); ai-sdk/bare-undici ${ratio(aiSdk, bare)}x`,
    cpuBudgetLine(bare, pipeline, cores),
    `process rss: start ${mb(process_.rssStart)}, end ${mb(process_.rssEnd)}, ` +
      `peak ${mb(process_.peakSampled)} (sampled every ${RSS_SAMPLE_MS} ms; OS max ${mb(process_.maxRssOs)})`,
  ].join('\n');
}

/** The throughput goal for the pipeline, as a share of the bare loop's jobs/s. */
const GOAL_SHARE_OF_BARE = 0.5;

/**
 * What the goal leaves the pipeline: at GOAL_SHARE_OF_BARE of the bare loop's jobs/s, every core of
 * this machine busy all the time gives each job this much CPU (the loopback server's share included).
 */
function cpuBudgetLine(bare: PhaseResult, pipeline: PhaseResult, cores: number): string {
  const goalJobsPerSecond = bare.jobsPerSecond * GOAL_SHARE_OF_BARE;
  const budgetMs = (cores * 1000) / goalJobsPerSecond;
  return (
    `cpu budget at ${GOAL_SHARE_OF_BARE}x of bare-undici (${goalJobsPerSecond.toFixed(0)} jobs/s on ` +
    `${cores} cores, all busy): ${ms(budgetMs)} ms/job; pipeline (full) uses ` +
    `${ms(pipeline.cpuMsPerJob)} (user ${ms(pipeline.userMsPerJob)}, system ${ms(pipeline.systemMsPerJob)})`
  );
}

type Phase = PhaseResult & { errors: string[] };
type PipelineRun = Awaited<ReturnType<typeof runPipeline>>;

/** The round with the median throughput (the upper middle one of an even count). */
function medianRound<T extends PhaseResult>(phases: readonly T[]): T {
  return phases.toSorted((a, b) => a.jobsPerSecond - b.jobsPerSecond)[Math.floor(phases.length / 2)]!;
}

const ratio = (a: PhaseResult, b: PhaseResult) => (a.jobsPerSecond / b.jobsPerSecond).toFixed(2);

async function writeResults(results: unknown): Promise<void> {
  try {
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`figures written to ${RESULTS_FILE}`);
  } catch (error) {
    console.warn(`could not write ${RESULTS_FILE}: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const environment = benchEnvironment();
  console.log(
    `GenHub pipeline bench: ${JOBS} jobs per phase (+${WARMUP} warm-up), ${CONCURRENCY} in flight\n` +
      `node ${environment.node} on ${environment.platform}, ${environment.cpuModel}, ${environment.cores} cores\n` +
      `data dir under ${DATA_PARENT}\n`,
  );

  const sampler = new RssSampler();
  const rssStart = sampler.sample();
  const api = await startLoopbackApi({ apiKey: API_KEY });
  try {
    const rounds: Array<{ bare: Phase; aiSdk: Phase; full: PipelineRun; normal: PipelineRun }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const bare = await barePhase(api, sampler, round);
      const aiSdk = await aiSdkPhase(api, sampler);
      for (const phase of [bare, aiSdk]) {
        if (phase.failures > 0) {
          console.error(`${phase.name}: ${phase.failures} jobs failed; first: ${phase.errors[0]}`);
          return 1;
        }
      }
      const full = await runPipeline(api, sampler, 'full');
      const normal = await runPipeline(api, sampler, 'normal');
      rounds.push({ bare, aiSdk, full, normal });
      console.log(
        `round ${round}/${ROUNDS}: jobs/s bare ${bare.jobsPerSecond.toFixed(0)}, ai-sdk ${aiSdk.jobsPerSecond.toFixed(0)}, ` +
          `pipeline ${full.phase.jobsPerSecond.toFixed(0)} (full), ${normal.phase.jobsPerSecond.toFixed(0)} (normal)`,
      );
    }
    const bare = medianRound(rounds.map((round) => round.bare));
    const aiSdk = medianRound(rounds.map((round) => round.aiSdk));
    const full = {
      phase: medianRound(rounds.map((round) => round.full.phase)),
      checked: rounds.at(-1)!.full.checked,
    };
    const normal = {
      phase: medianRound(rounds.map((round) => round.normal.phase)),
      checked: rounds.at(-1)!.normal.checked,
    };

    const rssEnd = sampler.sample();
    const processRss = {
      rssStart,
      rssEnd,
      peakSampled: Math.max(
        sampler.peak,
        ...rounds.flatMap((round) =>
          [round.bare, round.aiSdk, round.full.phase, round.normal.phase].map((p) => p.rss.peakBytes),
        ),
      ),
      maxRssOs: process.resourceUsage().maxRSS * 1024,
    };
    console.log(report(bare, aiSdk, full.phase, normal.phase, processRss, environment.cores));
    for (const run of [full, normal]) {
      const checked = run.checked;
      console.log(
        `\nchecks (${run.phase.name}, last round; every round is checked): ${checked.succeededJobs} jobs succeeded (incl. warm-up), balance ${checked.availableMicros} ` +
          `(expected ${checked.expectedAvailableMicros}), reserved ${checked.reservedMicros}, ` +
          `${checked.apiSubmits} submits, ${checked.sampledFilesOk}/${checked.sampledFiles} sampled files ok`,
      );
    }

    const figures = ({ errors: _errors, ...rest }: PhaseResult & { errors: string[] }) => rest;
    const problems = rounds.flatMap((round, i) =>
      [...round.full.problems, ...round.normal.problems].map((problem) => `round ${i + 1}: ${problem}`),
    );
    await writeResults({
      generatedAt: new Date().toISOString(),
      environment,
      settings: {
        jobs: JOBS,
        warmup: WARMUP,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        pollInitialMs: 1,
        pollMaxMs: 5,
        dataParent: DATA_PARENT,
      },
      /** Each phase's median round (by jobs/s); every round's jobs/s under `byRound`. */
      bare: figures(bare),
      aiSdk: figures(aiSdk),
      pipeline: figures(full.phase),
      pipelineNormal: figures(normal.phase),
      ratios: {
        pipelineToBare: full.phase.jobsPerSecond / bare.jobsPerSecond,
        pipelineNormalToBare: normal.phase.jobsPerSecond / bare.jobsPerSecond,
        pipelineToAiSdk: full.phase.jobsPerSecond / aiSdk.jobsPerSecond,
        pipelineNormalToAiSdk: normal.phase.jobsPerSecond / aiSdk.jobsPerSecond,
      },
      overheadMs: {
        p50: full.phase.latencyMs.p50 - bare.latencyMs.p50,
        p99: full.phase.latencyMs.p99 - bare.latencyMs.p99,
      },
      byRound: rounds.map((round) => ({
        bare: round.bare.jobsPerSecond,
        aiSdk: round.aiSdk.jobsPerSecond,
        pipeline: round.full.phase.jobsPerSecond,
        pipelineNormal: round.normal.phase.jobsPerSecond,
      })),
      processRss,
      checks: { full: full.checked, normal: normal.checked, ok: problems.length === 0, problems },
    });

    if (problems.length > 0) {
      console.error(`\nFAILED: ${problems.length} check(s) did not pass:`);
      for (const problem of problems) console.error(`  - ${problem}`);
      return 1;
    }
    console.log('all checks passed');
    return 0;
  } finally {
    sampler.stop();
    await api.close();
  }
}

/** One pipeline phase on a fresh GenHub (its own data dir), with its end-of-run checks. */
async function runPipeline(api: LoopbackApi, sampler: RssSampler, synchronous: 'full' | 'normal') {
  const name = synchronous === 'full' ? 'pipeline' : 'pipeline-normal';
  const dataDir = await mkdtemp(join(DATA_PARENT, 'genhub-bench-'));
  let genhub: GenHub | undefined;
  try {
    genhub = await createGenHub(
      {
        dataDir,
        logLevel: 'silent',
        trustedOrigins: [api.url],
        providers: { loopback: { apiKey: API_KEY, baseUrl: api.url } },
        limits: { maxJobsInFlight: 100_000, rate: { image: { max: 1_000_000, windowSeconds: 60 } } },
        jobs: { concurrency: CONCURRENCY, pollInitialMs: 1, pollMaxMs: 5 },
        sqlite: { synchronous },
      },
      { plugins: [loopbackPlugin], env: {}, logger: silentLogger },
    );
    const loopback = genhub.plugins.find((plugin) => plugin.id === 'loopback');
    if (loopback?.state !== 'ready')
      throw new Error(`the loopback plugin is ${loopback?.state}: ${loopback?.message}`);
    await genhub.start();
    const terminal = new TerminalEvents();
    genhub.generation.events.subscribe(terminal.onEvent);
    // Enough for every job's $0.05 reservation, plus change.
    const grantMicros = (WARMUP + JOBS) * PRICE_MICROS + 1_000_000;
    await genhub.store.ledger.grant({ kind: 'user', id: USER_ID }, grantMicros, 'benchmark');
    const submitsBefore = api.submits();

    const phase = await pipelinePhase(name, genhub, sampler, terminal);
    const { problems, checked } = await verify(genhub, api, terminal, phase, grantMicros, submitsBefore);
    return { phase, problems: problems.map((problem) => `${name}: ${problem}`), checked };
  } finally {
    await genhub?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await runBench(main, TIMEOUT_SECONDS);
