/**
 * Chat benchmark: what the conversation engine (`@genhub/chat`'s ChatController) adds on top of the
 * pipeline, for a front end that shows every job as one edited message with its file attached.
 *
 * One process, one loopback task API, one GenHub (SQLite store in a fresh temp dir), two phases:
 *
 *   pipeline  N `generation.request()` calls, each timed to its `succeeded` event.
 *   chat      N `/imagine` commands through `ChatController.command` on an in-memory surface with
 *             Discord's limits, each timed to the edit that delivers the result with its file (whose
 *             bytes are read, as an upload would). Pacing is off (0 ms), so every progress event is
 *             an edit: the most work a front end can cause.
 *
 * It checks every chat job delivered exactly one PNG and that the ledger balances; it exits 0 when
 * every check passed, 1 otherwise. Environment: BENCH_JOBS (default 1000), BENCH_WARMUP (50),
 * BENCH_CONCURRENCY (32), BENCH_TIMEOUT_SECONDS (600, the whole run), BENCH_TMPDIR. Figures go to
 * stdout and `bench/results/chat-latest.json`.
 *
 *   pnpm bench                                    # both benchmarks, from the repository root
 *   BENCH_JOBS=300 pnpm --filter @genhub/e2e bench:chat
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  type ChatActor,
  ChatController,
  type ChatMessage,
  type ChatMessageHandle,
  type CommandSurface,
  type SurfaceLimits,
} from '@genhub/chat';
import { createGenHub, type GenHub, type JobRecord, silentLogger, TERMINAL_STATES } from '@genhub/core';
import { loopbackPlugin, startLoopbackApi } from '../src/index.js';
import {
  benchEnvironment,
  measurePhase,
  type PhaseResult,
  positiveIntFromEnv,
  RssSampler,
} from './measure.js';
import { runBench } from './run-bench.js';

const JOBS = positiveIntFromEnv('BENCH_JOBS', 1000);
const WARMUP = positiveIntFromEnv('BENCH_WARMUP', 50, true);
const CONCURRENCY = positiveIntFromEnv('BENCH_CONCURRENCY', 32);
const SIZE = { jobs: JOBS, warmup: WARMUP, concurrency: CONCURRENCY };
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const DATA_PARENT = process.env.BENCH_TMPDIR?.trim() || tmpdir();
const API_KEY = `bench-${randomBytes(8).toString('hex')}`;
const PROMPT = 'a small red square, benchmark';
const COST_MICROS = 40_000;
const PRICE_MICROS = 50_000;
const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'chat-latest.json');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

const LIMITS: SurfaceLimits = {
  maxUploadBytes: 10 * 1024 * 1024,
  maxFilesPerMessage: 10,
  maxTextLength: 2000,
  maxButtonsPerRow: 5,
  maxButtonRows: 5,
  editIntervalMs: 0,
};

/** A surface per command: resolves `delivered` with the time the result's file was read. */
class BenchSurface implements CommandSurface {
  readonly style = 'slash' as const;
  readonly limits = LIMITS;
  edits = 0;
  readonly delivered: Promise<{ at: number; bytes: Uint8Array; text: string }>;
  #deliver!: (value: { at: number; bytes: Uint8Array; text: string }) => void;
  #fail!: (error: Error) => void;

  constructor() {
    this.delivered = new Promise((resolve, reject) => {
      this.#deliver = resolve;
      this.#fail = reject;
    });
  }

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    await this.#show(message);
    return { ref: {}, edit: (next) => this.#show(next), delete: async () => {} };
  }

  async #show(message: ChatMessage): Promise<void> {
    this.edits += 1;
    const file = message.files?.[0];
    if (file) {
      const bytes = await file.read();
      this.#deliver({ at: performance.now(), bytes, text: message.text });
    } else if (/Failed|Timed out|Cancelled|credits|try again|isn't valid/.test(message.text)) {
      this.#fail(new Error(message.text));
    }
  }
}

async function main(): Promise<number> {
  const environment = benchEnvironment();
  console.log(
    `GenHub chat bench: ${JOBS} jobs per phase (+${WARMUP} warm-up), ${CONCURRENCY} in flight\n` +
      `node ${environment.node} on ${environment.platform}, ${environment.cpuModel}, ${environment.cores} cores\n`,
  );
  const sampler = new RssSampler();
  const dataDir = await mkdtemp(join(DATA_PARENT, 'genhub-chat-bench-'));
  const api = await startLoopbackApi({ apiKey: API_KEY });
  let genhub: GenHub | undefined;
  let controller: ChatController | undefined;
  try {
    genhub = await createGenHub(
      {
        dataDir,
        logLevel: 'silent',
        trustedOrigins: [api.url],
        providers: { loopback: { apiKey: API_KEY, baseUrl: api.url } },
        limits: { maxJobsInFlight: 100_000, rate: { image: { max: 1_000_000, windowSeconds: 60 } } },
        jobs: { concurrency: CONCURRENCY, pollInitialMs: 1, pollMaxMs: 5 },
      },
      { plugins: [loopbackPlugin], env: {}, logger: silentLogger },
    );
    await genhub.start();
    const hub = genhub;
    controller = new ChatController(hub);
    const chat = controller;
    const total = 2 * (WARMUP + JOBS);
    const users = { pipeline: 'bench-pipeline', chat: 'bench-chat' };
    for (const id of Object.values(users)) {
      await hub.store.ledger.grant({ kind: 'user', id }, (WARMUP + JOBS) * PRICE_MICROS + 1_000_000);
    }

    const ended = new Map<string, (job: JobRecord) => void>();
    hub.generation.events.subscribe((event) => {
      if (TERMINAL_STATES.has(event.job.state)) ended.get(event.job.id)?.(event.job);
    });
    const pipeline = await measurePhase('pipeline', SIZE, sampler, () => async () => {
      let resolve!: (job: JobRecord) => void;
      const done = new Promise<JobRecord>((r) => {
        resolve = r;
      });
      const job = await hub.generation.request({
        userId: users.pipeline,
        task: 'text-to-image',
        model: 'loopback/image',
        params: { prompt: PROMPT },
      });
      ended.set(job.id, resolve);
      const stored = await hub.generation.get(job.id);
      const final = stored && TERMINAL_STATES.has(stored.state) ? stored : await done;
      ended.delete(job.id);
      if (final.state !== 'succeeded') throw new Error(`job ${job.id} ended ${final.state}`);
      return performance.now();
    });

    const actor: ChatActor = { userId: users.chat, isCommunityAdmin: false, frontEnd: 'bench' };
    let edits = 0;
    let badFiles = 0;
    const chatPhase = await measurePhase('chat', SIZE, sampler, () => async () => {
      const surface = new BenchSurface();
      await chat.command(actor, surface, {
        name: 'imagine',
        options: { prompt: PROMPT, model: 'loopback/image' },
      });
      const result = await surface.delivered;
      edits += surface.edits;
      if (!Buffer.from(result.bytes.subarray(0, 4)).equals(PNG)) badFiles += 1;
      return result.at;
    });

    await chat.idle();
    const problems: string[] = [];
    for (const phase of [pipeline, chatPhase]) {
      if (phase.failures > 0)
        problems.push(`${phase.name}: ${phase.failures} failed; first: ${phase.errors[0]}`);
    }
    if (badFiles > 0) problems.push(`${badFiles} delivered files were not PNGs`);
    for (const id of Object.values(users)) {
      const balance = await hub.store.ledger.balance({ kind: 'user', id });
      const expected = (WARMUP + JOBS) * (PRICE_MICROS - COST_MICROS) + 1_000_000;
      if (balance.availableMicros !== expected || balance.reservedMicros !== 0) {
        problems.push(
          `${id}: balance ${balance.availableMicros} (${balance.reservedMicros} reserved), expected ${expected}`,
        );
      }
    }
    const submits = api.submits();
    if (submits !== total) problems.push(`the API saw ${submits} submits for ${total} jobs`);

    const line = (phase: PhaseResult) =>
      `${phase.name.padEnd(9)} ${phase.jobsPerSecond.toFixed(0).padStart(5)} jobs/s  p50 ${phase.latencyMs.p50.toFixed(1)} ms  p99 ${phase.latencyMs.p99.toFixed(1)} ms  ` +
      `CPU ${phase.cpuMsPerJob.toFixed(2)} ms/job  peak RSS ${(phase.rss.peakBytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(line(pipeline));
    console.log(line(chatPhase));
    const perJobEdits = edits / JOBS;
    console.log(
      `chat adds ${(chatPhase.cpuMsPerJob - pipeline.cpuMsPerJob).toFixed(2)} ms CPU per job; ${perJobEdits.toFixed(1)} messages and edits per job`,
    );
    const { errors: _p, ...pipelineFigures } = pipeline;
    const { errors: _c, ...chatFigures } = chatPhase;
    await mkdir(dirname(RESULTS_FILE), { recursive: true });
    await writeFile(
      RESULTS_FILE,
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          environment,
          settings: { ...SIZE, editIntervalMs: 0 },
          pipeline: pipelineFigures,
          chat: chatFigures,
          editsPerJob: perJobEdits,
          checks: { ok: problems.length === 0, problems },
        },
        null,
        2,
      )}\n`,
    );
    if (problems.length > 0) {
      for (const problem of problems) console.error(`check failed: ${problem}`);
      return 1;
    }
    console.log('all checks passed');
    return 0;
  } finally {
    sampler.stop();
    controller?.close();
    await genhub?.close();
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await runBench(main, TIMEOUT_SECONDS);
