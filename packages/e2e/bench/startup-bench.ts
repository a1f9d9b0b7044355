// How long the genhub command takes to start, in the installed form (built JavaScript,
// apps/cli/bin/genhub.js), beside the floor of starting Node at all (`node -e 0`) on the same machine:
// `genhub help`, `genhub models` and `genhub start` until GET /healthz answers. The development
// launcher (TypeScript through tsx) is measured beside them for `help`. Each command runs RUNS times,
// one at a time; the median and the fastest run are reported. Checks each command's output and exit
// status, and writes bench/results/startup-latest.json. turbo builds @genhub/cli before this runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runBench } from './run-bench.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENHUB = join(ROOT, 'apps/cli/bin/genhub.js');
const GENHUB_DEV = join(ROOT, 'apps/cli/bin/genhub-dev.js');
const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'startup-latest.json');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9);
/** The goal: `genhub help` within this much of `node -e 0`. */
const HELP_GOAL_MS = 300;

interface Timing {
  name: string;
  medianMs: number;
  fastestMs: number;
  runs: number;
}

interface Finished {
  ms: number;
  code: number | null;
  stdout: string;
}

/** Runs a command to its exit, with no provider configured, in an empty folder. */
function timeCommand(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - started, code, stdout }));
  });
}

/** Starts `genhub start --port 0` and resolves once its /healthz answers 200, then stops it. */
function timeStartToReady(cwd: string, env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [GENHUB, 'start', '--port', '0', '--out', join(cwd, 'out')], {
      cwd,
      env,
      // The console chat reads stdin; a pipe left open keeps it waiting for commands.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let ready: number | undefined;
    child.stderr.resume();
    child.on('error', reject);
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url || ready !== undefined) return;
      ready = -1;
      for (;;) {
        const ok = await fetch(`${url}/healthz`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (ok) break;
        await new Promise((wait) => setTimeout(wait, 5));
      }
      ready = performance.now() - started;
      child.kill('SIGTERM');
    });
    child.on('exit', (code) =>
      resolve({ ms: ready !== undefined && ready >= 0 ? ready : Number.NaN, code, stdout }),
    );
  });
}

async function measure(
  name: string,
  run: () => Promise<Finished>,
  check: (finished: Finished) => string | undefined,
): Promise<Timing> {
  await run(); // warm the file cache
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const finished = await run();
    const problem = check(finished);
    if (problem) throw new Error(`${name}: ${problem}`);
    times.push(finished.ms);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, fastestMs: times[0]!, runs: RUNS };
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'apps/cli/dist/main.js'))) {
    console.error('FAILED: apps/cli is not built; run pnpm bench (turbo builds it first) or pnpm build.');
    return 1;
  }
  const cwd = mkdtempSync(join(tmpdir(), 'genhub-startup-'));
  // No provider keys, no bot tokens: the console chat and the embedded store in a scratch folder.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cwd, GENHUB_DATA_DIR: join(cwd, 'data') };
  try {
    const exitedZero = (finished: Finished) =>
      finished.code === 0 ? undefined : `exited with ${finished.code}`;
    const printedUsage = (finished: Finished) =>
      exitedZero(finished) ?? (finished.stdout.includes('Usage: genhub') ? undefined : 'printed no usage');
    const timings = [
      await measure('node -e 0 (the floor)', () => timeCommand(['-e', '0'], cwd, env), exitedZero),
      await measure('genhub help', () => timeCommand([GENHUB, 'help'], cwd, env), printedUsage),
      await measure('genhub models', () => timeCommand([GENHUB, 'models'], cwd, env), exitedZero),
      await measure(
        'genhub start, to /healthz answering',
        () => timeStartToReady(cwd, env),
        (finished) => (Number.isNaN(finished.ms) ? 'never answered /healthz' : undefined),
      ),
      await measure(
        'genhub help from source (tsx, development)',
        () => timeCommand([GENHUB_DEV, 'help'], cwd, env),
        printedUsage,
      ),
    ];
    const floor = timings[0]!.medianMs;
    console.log(`genhub start-up, ${RUNS} runs each (median, fastest), Node ${process.version}`);
    for (const timing of timings) {
      const over =
        timing === timings[0] ? '' : `  (+${Math.round(timing.medianMs - floor)} ms over the floor)`;
      console.log(
        `  ${timing.name.padEnd(44)} ${timing.medianMs.toFixed(0).padStart(6)} ms  ${timing.fastestMs.toFixed(0).padStart(6)} ms${over}`,
      );
    }
    const helpOver = timings[1]!.medianMs - floor;
    console.log(
      `genhub help is ${Math.round(helpOver)} ms over node -e 0 (goal: within ${HELP_GOAL_MS} ms): ${helpOver <= HELP_GOAL_MS ? 'met' : 'missed'}`,
    );
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ node: process.version, date: new Date().toISOString(), floorMs: floor, timings }, null, 2)}\n`,
    );
    return 0;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

await runBench(main, Number(process.env.BENCH_TIMEOUT_SECONDS ?? 600));
