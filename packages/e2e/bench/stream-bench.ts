/**
 * Large files through GenHub without holding them: two runs, each in a fresh process (named by the
 * first argument; memory one run freed would hide the next one's growth), each printing the
 * process's peak RSS growth over its start (goal: under 64 MB).
 *
 *   download  one job whose result is a BENCH_DOWNLOAD_MB (default 1024) MB video, downloaded into the
 *             artifact store; checks the stored file's size and sha256 against what the API sent.
 *   relay     one `/video` command on Telegram whose result is a BENCH_RELAY_MB (default 100) MB
 *             video: provider fake -> artifact store -> grammY bot -> the fake Bot API with a local
 *             Bot API server's 2000 MB upload limit (in a child process, so what it keeps is not
 *             counted); checks the file Telegram got is the one the provider sent.
 *
 * A failed check exits non-zero. Figures go to `bench/results/stream-<run>.json`.
 *
 *   node --import tsx --conditions=@genhub/source bench/stream-bench.ts relay|download
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import type { TgUser } from '@genhub/chat-fakes';
import { createGenHub, type GenHub, type JobRecord, silentLogger } from '@genhub/core';
import { startTelegramBot, telegramConfigFromEnv } from '@genhub/telegram';
import { goal, mb, writeBenchResults } from './kit/bench-results.js';
import type { FakeFileSummary, FakeRequest } from './kit/telegram-fake-child.js';
import { startVideoApi, type VideoApi } from './kit/video-api.js';
import { benchVideoPlugin, VIDEO_PRICE_USD } from './kit/video-plugin.js';
import { benchEnvironment, positiveIntFromEnv, RssSampler } from './measure.js';
import { runBench } from './run-bench.js';

const DOWNLOAD_MB = positiveIntFromEnv('BENCH_DOWNLOAD_MB', 1024);
const RELAY_MB = positiveIntFromEnv('BENCH_RELAY_MB', 100);
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const GROWTH_GOAL = 64 * 1024 * 1024;
/** A local Bot API server takes uploads up to 2000 MB. */
const LOCAL_BOT_API_UPLOAD_BYTES = 2000 * 1024 * 1024;
const CHILD = new URL('./kit/telegram-fake-child.ts', import.meta.url).pathname;

interface RunFigures {
  bytes: number;
  seconds: number;
  rssStartBytes: number;
  rssPeakBytes: number;
  growthBytes: number;
}

async function withGenHub<T>(api: VideoApi, maxMb: number, work: (genhub: GenHub) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'genhub-bench-stream-'));
  const genhub = await createGenHub(
    {
      dataDir,
      logLevel: 'silent',
      trustedOrigins: [api.url],
      providers: { benchvideo: { baseUrl: api.url } },
      jobs: { maxOutputMegabytes: maxMb + 1, pollInitialMs: 50, pollMaxMs: 200 },
      chat: { confirmAboveUsd: 100 },
    },
    { plugins: [benchVideoPlugin], env: {}, logger: silentLogger },
  );
  try {
    await genhub.start();
    return await work(genhub);
  } finally {
    await genhub.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Peak RSS over a piece of work, against the RSS just before it. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; figures: Omit<RunFigures, 'bytes'> }> {
  globalThis.gc?.();
  const sampler = new RssSampler();
  const rssStartBytes = sampler.sample();
  sampler.reset();
  const started = performance.now();
  try {
    const value = await work();
    const rssPeakBytes = Math.max(sampler.peak, sampler.sample());
    return {
      value,
      figures: {
        seconds: (performance.now() - started) / 1000,
        rssStartBytes,
        rssPeakBytes,
        growthBytes: rssPeakBytes - rssStartBytes,
      },
    };
  } finally {
    sampler.stop();
  }
}

function waitForEnd(genhub: GenHub, match: (job: JobRecord) => boolean): Promise<JobRecord> {
  return new Promise((resolve) => {
    const unsubscribe = genhub.generation.events.subscribe((event) => {
      if ((event.type === 'succeeded' || event.type === 'failed') && match(event.job)) {
        unsubscribe();
        resolve(event.job);
      }
    });
  });
}

async function downloadRun(problems: string[]): Promise<RunFigures> {
  const bytes = DOWNLOAD_MB * 1024 * 1024;
  const api = await startVideoApi({ fileBytes: bytes, taskMs: 0 });
  try {
    return await withGenHub(api, DOWNLOAD_MB, async (genhub) => {
      await genhub.store.ledger.grant({ kind: 'user', id: 'u1' }, 10_000_000);
      const { value: job, figures } = await measured(async () => {
        const requested = await genhub.generation.request({
          userId: 'u1',
          task: 'text-to-video',
          model: 'benchvideo/video',
          params: { prompt: 'one long video' },
        });
        return waitForEnd(genhub, (job) => job.id === requested.id);
      });
      const output = job.outputs[0];
      if (job.state !== 'succeeded' || output === undefined) {
        problems.push(`download: the job ended ${job.state}: ${job.error?.message ?? 'no output'}`);
      } else {
        const onDisk = (await genhub.artifacts.stat(output.key))?.bytes ?? 0;
        const sent = [...api.sentHashes().values()][0];
        if (output.bytes !== bytes || onDisk !== bytes) {
          problems.push(`download: stored ${onDisk} bytes (recorded ${output.bytes}), expected ${bytes}`);
        }
        if (output.sha256 !== sent) problems.push('download: the stored file is not the one the API sent');
        if (job.chargedMicros !== Math.round(VIDEO_PRICE_USD * 1e6)) {
          problems.push(`download: charged ${job.chargedMicros} micros`);
        }
      }
      return { bytes, ...figures };
    });
  } finally {
    await api.close();
  }
}

/** The fake Bot API in a child process, answering requests over IPC. */
async function startFakeChild() {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--conditions=@genhub/source'],
    env: { ...process.env, FAKE_UPLOAD_LIMIT_BYTES: String(LOCAL_BOT_API_UPLOAD_BYTES) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ token: string; apiRoot: string }>((resolve, reject) => {
    child.once('message', (message) =>
      resolve((message as { ready: { token: string; apiRoot: string } }).ready),
    );
    child.once('exit', (code) => reject(new Error(`the Telegram fake exited with ${code}`)));
  });
  let next = 0;
  const ask = <T>(request: FakeRequest): Promise<T> =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (message: unknown) => {
        const answer = message as { id?: number; value: T };
        if (answer.id !== id) return;
        child.off('message', onMessage);
        resolve(answer.value);
      };
      child.on('message', onMessage);
      child.send({ ...request, id });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...ready,
    ask,
    close: async () => {
      await ask({ op: 'close' }).catch(() => undefined);
      child.kill();
      await exited;
    },
  };
}

async function relayRun(problems: string[]): Promise<RunFigures> {
  const bytes = RELAY_MB * 1024 * 1024;
  const api = await startVideoApi({ fileBytes: bytes, taskMs: 0 });
  const fake = await startFakeChild();
  try {
    return await withGenHub(api, RELAY_MB, async (genhub) => {
      const controller = new ChatController(genhub);
      const bot = await startTelegramBot({
        genhub,
        controller,
        logger: silentLogger,
        config: {
          ...telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }),
          uploadLimitBytes: LOCAL_BOT_API_UPLOAD_BYTES,
          pollingTimeoutSeconds: 1,
        },
      });
      try {
        const user = await fake.ask<TgUser>({ op: 'user' });
        await genhub.store.ledger.grant({ kind: 'user', id: `telegram:${user.id}` }, 10_000_000);
        const { value: files, figures } = await measured(async () => {
          await fake.ask({ op: 'send', user, text: '/video a long relay' });
          const deadline = Date.now() + TIMEOUT_SECONDS * 1000;
          for (;;) {
            const got = await fake.ask<FakeFileSummary[]>({ op: 'files' });
            if (got.length > 0 || Date.now() > deadline) return got;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        });
        const sent = [...api.sentHashes().values()][0];
        const file = files[0];
        if (file === undefined) problems.push('relay: Telegram got no file');
        else if (file.bytes !== bytes || file.sha256 !== sent) {
          problems.push(
            `relay: Telegram got ${file.bytes} bytes as a ${file.kind}, not the file the API sent`,
          );
        }
        return { bytes, ...figures };
      } finally {
        await bot.stop();
        controller.close();
      }
    });
  } finally {
    await fake.close();
    await api.close();
  }
}

const RUNS = { download: downloadRun, relay: relayRun } as const;

async function main(): Promise<number> {
  const name = process.argv[2];
  if (name !== 'download' && name !== 'relay') {
    console.error('Name the run: stream-bench.ts download, or stream-bench.ts relay.');
    return 2;
  }
  const environment = benchEnvironment();
  console.log(
    name === 'download'
      ? `GenHub stream bench: a ${DOWNLOAD_MB} MB video downloaded into the artifact store`
      : `GenHub stream bench: a ${RELAY_MB} MB video relayed from the provider to Telegram`,
  );
  console.log(
    `node ${environment.node} on ${environment.platform}, ${environment.cpuModel}, ${environment.cores} cores`,
  );
  const problems: string[] = [];
  const run = await RUNS[name](problems);
  const met = run.growthBytes < GROWTH_GOAL;
  console.log(
    `${name}: ${mb(run.bytes)} in ${run.seconds.toFixed(1)} s; rss ${mb(run.rssStartBytes)} -> peak ` +
      `${mb(run.rssPeakBytes)}, growth ${mb(run.growthBytes)} (goal under 64 MB: ${goal(met)})`,
  );
  await writeBenchResults(`stream-${name}`, {
    environment,
    [name]: run,
    goals: { growthUnder64MB: met },
    checks: { ok: problems.length === 0, problems },
  });
  if (problems.length > 0) {
    console.error(`FAILED: ${problems.join('; ')}`);
    return 1;
  }
  console.log('all checks passed');
  return 0;
}

await runBench(main, TIMEOUT_SECONDS);
