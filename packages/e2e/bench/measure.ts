// Measurement shared by the benchmarks: closed-loop phases, latency percentiles, CPU, event-loop
// delay and resident memory.
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** How often resident memory is sampled for its peak. */
export const RSS_SAMPLE_MS = 100;

export interface PhaseResult {
  name: string;
  jobs: number;
  failures: number;
  wallSeconds: number;
  jobsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Process CPU time (user + system) per job; includes the loopback server, in both phases. */
  cpuMsPerJob: number;
  /** The same split: user (JavaScript, SQLite, hashing) and system (kernel: sockets, files, syncs). */
  userMsPerJob: number;
  systemMsPerJob: number;
  /** Event-loop delay while the phase ran: how long callbacks waited for the thread. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rss: { beforeBytes: number; afterBytes: number; peakBytes: number };
}

/** One job: resolves with its end time (performance.now()) once finished, or throws. */
export type RunJob = (index: number) => Promise<number>;

export class RssSampler {
  #peak = process.memoryUsage.rss();
  // A measuring aid: it must never be what keeps a benchmark's process alive.
  readonly #timer = setInterval(() => this.sample(), RSS_SAMPLE_MS).unref();

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.#peak) this.#peak = rss;
    return rss;
  }

  /** Starts a new peak from now. */
  reset(): void {
    this.#peak = process.memoryUsage.rss();
  }

  get peak(): number {
    return this.#peak;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * Runs `count` jobs with at most `concurrency` in flight, starting the next as soon as one ends.
 * Latency is from the job's start to the end time it reports.
 */
export async function closedLoop(
  count: number,
  concurrency: number,
  runJob: RunJob,
): Promise<{ latencies: number[]; errors: string[] }> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const started = performance.now();
      try {
        const ended = await runJob(index);
        latencies.push(ended - started);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, errors };
}

/** How many jobs a phase measures, after how many unmeasured warm-up jobs, with how many in flight. */
export interface PhaseSize {
  jobs: number;
  warmup: number;
  concurrency: number;
}

export async function measurePhase(
  name: string,
  { jobs: JOBS, warmup: WARMUP, concurrency: CONCURRENCY }: PhaseSize,
  sampler: RssSampler,
  runJob: (label: string) => RunJob,
): Promise<PhaseResult & { errors: string[] }> {
  if (WARMUP > 0) {
    const warm = await closedLoop(WARMUP, CONCURRENCY, runJob('warmup'));
    if (warm.errors.length > 0) {
      throw new Error(`${name} warm-up failed ${warm.errors.length} jobs; first: ${warm.errors[0]}`);
    }
  }
  globalThis.gc?.();
  const rssBefore = sampler.sample();
  sampler.reset();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();

  const { latencies, errors } = await closedLoop(JOBS, CONCURRENCY, runJob('measured'));

  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  loop.disable();
  const rssAfter = sampler.sample();
  const sorted = latencies.toSorted((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    name,
    jobs: latencies.length,
    failures: errors.length,
    wallSeconds: wallMs / 1000,
    jobsPerSecond: latencies.length / (wallMs / 1000),
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? Number.NaN,
      mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    },
    cpuMsPerJob: (cpu.user + cpu.system) / 1000 / Math.max(1, JOBS),
    userMsPerJob: cpu.user / 1000 / Math.max(1, JOBS),
    systemMsPerJob: cpu.system / 1000 / Math.max(1, JOBS),
    eventLoopDelayMs: {
      p50: loop.percentile(50) / 1e6,
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
    rss: { beforeBytes: rssBefore, afterBytes: rssAfter, peakBytes: Math.max(sampler.peak, rssAfter) },
    errors,
  };
}

/** A whole number from the environment, or the fallback; anything else exits with a sentence. */
export function positiveIntFromEnv(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    console.error(`${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** The machine a benchmark ran on, for its results file. */
export function benchEnvironment() {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
  };
}
