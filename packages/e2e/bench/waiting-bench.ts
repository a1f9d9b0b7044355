/**
 * Many waiting jobs: BENCH_WAITING_JOBS (default 1000) video jobs in one process, all waiting on a
 * slow provider (each task takes BENCH_WAITING_TASK_SECONDS, default 40) with the default poll
 * schedule, `jobs.concurrency` 1000 so every one is polling; requests arrive 50 at a time. Prints
 * the process's peak RSS and the event-loop delay (perf_hooks monitorEventLoopDelay) while every job
 * waits (from the last request to the first result), and over the whole run; goals: RSS under 300 MB, p99 delay under 50 ms. Checks every job succeeded once, was charged the
 * provider's cost, the ledger holds nothing reserved, and the API saw one submit per job; a miss
 * exits non-zero. Figures go to `bench/results/waiting.json`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { goal, mb, writeBenchResults } from './kit/bench-results.js';
import { startVideoApi } from './kit/video-api.js';
import { benchVideoPlugin, VIDEO_PRICE_USD } from './kit/video-plugin.js';
import { benchEnvironment, positiveIntFromEnv, RssSampler } from './measure.js';
import { runBench } from './run-bench.js';

const JOBS = positiveIntFromEnv('BENCH_WAITING_JOBS', 1000);
const TASK_SECONDS = positiveIntFromEnv('BENCH_WAITING_TASK_SECONDS', 40);
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const RSS_GOAL = 300 * 1024 * 1024;
const LOOP_P99_GOAL_MS = 50;
const USER_ID = 'bench-user';
/** Requests sent at once, as many users would. */
const REQUEST_BATCH = 50;
const COST_MICROS = Math.round(VIDEO_PRICE_USD * 1_000_000);

type JobEvent = Parameters<Parameters<GenHub['generation']['events']['subscribe']>[0]>[0];

async function main(): Promise<number> {
  const environment = benchEnvironment();
  console.log(
    `GenHub waiting-jobs bench: ${JOBS} video jobs, each task ${TASK_SECONDS} s, default poll schedule\n` +
      `node ${environment.node} on ${environment.platform}, ${environment.cpuModel}, ${environment.cores} cores\n`,
  );
  const api = await startVideoApi({ fileBytes: 64 * 1024, taskMs: TASK_SECONDS * 1000 });
  const dataDir = await mkdtemp(join(tmpdir(), 'genhub-bench-waiting-'));
  const sampler = new RssSampler();
  let genhub: GenHub | undefined;
  try {
    genhub = await createGenHub(
      {
        dataDir,
        logLevel: 'silent',
        trustedOrigins: [api.url],
        providers: { benchvideo: { baseUrl: api.url } },
        limits: {
          maxJobsInFlight: 100_000,
          rate: { 'text-to-video': { max: 1_000_000, windowSeconds: 60 } },
        },
        jobs: { concurrency: 1000 },
      },
      { plugins: [benchVideoPlugin], env: {}, logger: silentLogger },
    );
    await genhub.start();
    const grantMicros = JOBS * COST_MICROS * 2;
    await genhub.store.ledger.grant({ kind: 'user', id: USER_ID }, grantMicros, 'benchmark');

    const ended = new Map<string, JobEvent['job']>();
    let allEnded: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      allEnded = resolve;
    });
    const waiting = monitorEventLoopDelay({ resolution: 1 });
    genhub.generation.events.subscribe((event) => {
      if (event.type !== 'succeeded' && event.type !== 'failed') return;
      waiting.disable();
      ended.set(event.job.id, event.job);
      if (ended.size === JOBS) allEnded();
    });

    globalThis.gc?.();
    const rssBefore = sampler.sample();
    sampler.reset();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i += REQUEST_BATCH) {
      const batch = Array.from({ length: Math.min(REQUEST_BATCH, JOBS - i) }, (_, j) =>
        genhub!.generation.request({
          userId: USER_ID,
          task: 'text-to-video',
          model: 'benchvideo/video',
          params: { prompt: `waiting ${i + j}` },
        }),
      );
      for (const job of await Promise.all(batch)) ids.push(job.id);
    }
    const requestedSeconds = (performance.now() - started) / 1000;
    if (ended.size === 0) waiting.enable();
    await done;
    const wallSeconds = (performance.now() - started) / 1000;
    loop.disable();
    const rssAfter = sampler.sample();

    // Checks
    const problems: string[] = [];
    const jobs = ids.map((id) => ended.get(id));
    const succeeded = jobs.filter((job) => job?.state === 'succeeded');
    if (succeeded.length !== JOBS) problems.push(`${succeeded.length} of ${JOBS} jobs succeeded`);
    const misCharged = succeeded.filter((job) => job?.chargedMicros !== COST_MICROS).length;
    if (misCharged > 0) problems.push(`${misCharged} jobs were not charged ${COST_MICROS} micros`);
    const balance = await genhub.store.ledger.balance({ kind: 'user', id: USER_ID });
    if (balance.reservedMicros !== 0) problems.push(`${balance.reservedMicros} micros still reserved`);
    if (balance.availableMicros !== grantMicros - JOBS * COST_MICROS) {
      problems.push(`balance ${balance.availableMicros}, expected ${grantMicros - JOBS * COST_MICROS}`);
    }
    const polls = api.polls();

    const figures = {
      jobs: JOBS,
      taskSeconds: TASK_SECONDS,
      requestedSeconds,
      wallSeconds,
      pollsPerJob: polls / JOBS,
      rss: { beforeBytes: rssBefore, afterBytes: rssAfter, peakBytes: Math.max(sampler.peak, rssAfter) },
      waitingEventLoopDelayMs: {
        p50: waiting.percentile(50) / 1e6,
        p99: waiting.percentile(99) / 1e6,
        max: waiting.max / 1e6,
      },
      eventLoopDelayMs: {
        p50: loop.percentile(50) / 1e6,
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
      },
    };
    const rssMet = figures.rss.peakBytes < RSS_GOAL;
    const loopMet = figures.waitingEventLoopDelayMs.p99 < LOOP_P99_GOAL_MS;
    console.log(
      `${JOBS} jobs requested in ${requestedSeconds.toFixed(1)} s, all ended after ${wallSeconds.toFixed(1)} s; ` +
        `${figures.pollsPerJob.toFixed(1)} status calls per job\n` +
        `rss: before ${mb(rssBefore)}, peak ${mb(figures.rss.peakBytes)} (goal under 300 MB: ${goal(rssMet)})\n` +
        `event-loop delay while all wait: p50 ${figures.waitingEventLoopDelayMs.p50.toFixed(1)} ms, ` +
        `p99 ${figures.waitingEventLoopDelayMs.p99.toFixed(1)} ms, max ${figures.waitingEventLoopDelayMs.max.toFixed(1)} ms ` +
        `(goal p99 under ${LOOP_P99_GOAL_MS} ms: ${goal(loopMet)})\n` +
        `event-loop delay over the whole run: p50 ${figures.eventLoopDelayMs.p50.toFixed(1)} ms, ` +
        `p99 ${figures.eventLoopDelayMs.p99.toFixed(1)} ms, max ${figures.eventLoopDelayMs.max.toFixed(1)} ms`,
    );
    await writeBenchResults('waiting', {
      environment,
      figures,
      goals: { rssUnder300MB: rssMet, loopP99Under50ms: loopMet },
      checks: { ok: problems.length === 0, problems },
    });
    if (problems.length > 0) {
      console.error(`FAILED: ${problems.join('; ')}`);
      return 1;
    }
    console.log('all checks passed');
    return 0;
  } finally {
    sampler.stop();
    await genhub?.close();
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await runBench(main, TIMEOUT_SECONDS);
