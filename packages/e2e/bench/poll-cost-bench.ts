/**
 * Polling cost: for each bundled video plugin's schedule, a 2-minute video task through the real
 * pipeline on a virtual clock (testkit's `virtualClock`, as test/poll-schedule.test.ts does): how
 * many status calls it takes, and how long after the task is ready the job has its result (the
 * moment chat posts it). Goals: at most 15 calls and 10 s. Each plugin's poll hint is the rule its
 * source states (file named beside it); a plugin without hints runs on core's default schedule.
 * A job that does not succeed exits non-zero. Figures go to `bench/results/poll-cost.json`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, definePlugin, silentLogger } from '@genhub/core';
import { AiNativeDefaults } from '@genhub/plugin-ainative';
import { DefaultGateAiOptions } from '@genhub/plugin-gateai';
import { DefaultGoogleOptions } from '@genhub/plugin-google';
import { minimalMp4, virtualClock, waitForJob } from '@genhub/testkit';
import { z } from 'zod';
import { goal, writeBenchResults } from './kit/bench-results.js';
import { benchEnvironment, positiveIntFromEnv } from './measure.js';
import { runBench } from './run-bench.js';

const READY_AFTER_MS = 120_000;
const MAX_CALLS = 15;
const MAX_DELAY_MS = 10_000;
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);

/** The hint each video plugin gives with a pending poll, by the task's age; undefined: none. */
const VIDEO_PLUGIN_HINTS: Record<string, (ageMs: number) => number | undefined> = {
  ainative: () => AiNativeDefaults.pollAfterMs.video,
  fal: () => undefined,
  firefly: () => undefined,
  gateai: () => DefaultGateAiOptions.pollAfterMs.video,
  google: () => DefaultGoogleOptions.pollIntervalMs,
  imarouter: () => 10_000, // plugin-imarouter/src/task-results.ts, POLL_AFTER_MS.video
  kling: () => undefined,
  local: () => undefined,
  luma: (age) => (age < 10_000 ? 5_000 : 10_000), // plugin-luma/src/api/generation.ts, pollAfterMs
  runway: (age) => (age < 10_000 ? 5_000 : 10_000), // plugin-runway/src/api/task.ts, pollAfterMs
  vidu: () => undefined,
};

interface Schedule {
  plugin: string;
  calls: number;
  delayMs: number;
  ok: boolean;
}

async function measure(plugin: string, hint: (ageMs: number) => number | undefined): Promise<Schedule> {
  const clock = virtualClock();
  const polls: number[] = [];
  let submittedAt = 0;
  const provider = definePlugin({
    id: 'video',
    name: `Video on ${plugin}'s schedule`,
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [
        {
          id: 'video/two-minutes',
          name: 'Two-minute video',
          tasks: ['text-to-video'],
          output: 'video',
          params: z.object({ prompt: z.string().min(1) }),
          estimatePrice: () => ({ usd: 0 }),
          example: { prompt: 'waves' },
        },
      ],
      async submit() {
        submittedAt = clock.now();
        return { status: 'pending', ref: { id: 'task-1' } };
      },
      async poll() {
        polls.push(clock.now());
        const age = clock.now() - submittedAt;
        if (age < READY_AFTER_MS) {
          const after = hint(age);
          return { status: 'pending', ...(after === undefined ? {} : { pollAfterMs: after }) };
        }
        return {
          status: 'succeeded',
          outputs: [{ kind: 'bytes', data: minimalMp4(), mediaType: 'video/mp4' }],
        };
      },
    }),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'genhub-bench-poll-'));
  const genhub = await createGenHub(
    { dataDir, logLevel: 'silent' },
    { plugins: [provider], clock, logger: silentLogger },
  );
  try {
    await genhub.start();
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-video',
      params: { prompt: 'waves' },
    });
    const done = await waitForJob(genhub, job, { timeoutMs: 60_000 });
    const finishedAt = done.finishedAt ?? clock.now();
    return {
      plugin,
      calls: polls.length,
      delayMs: finishedAt - (submittedAt + READY_AFTER_MS),
      ok: done.state === 'succeeded',
    };
  } finally {
    await genhub.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const environment = benchEnvironment();
  console.log('GenHub polling cost: a 2-minute video task per bundled video plugin, on a virtual clock\n');
  const schedules: Schedule[] = [];
  for (const [plugin, hint] of Object.entries(VIDEO_PLUGIN_HINTS))
    schedules.push(await measure(plugin, hint));
  console.log('plugin      status calls  ready -> result  goals');
  for (const s of schedules) {
    const met = s.calls <= MAX_CALLS && s.delayMs <= MAX_DELAY_MS;
    console.log(
      `${s.plugin.padEnd(10)}  ${String(s.calls).padStart(12)}  ${`${(s.delayMs / 1000).toFixed(1)} s`.padStart(15)}  ${goal(met)}`,
    );
  }
  const failed = schedules.filter((s) => !s.ok).map((s) => s.plugin);
  await writeBenchResults('poll-cost', {
    environment,
    readyAfterMs: READY_AFTER_MS,
    schedules,
    goals: Object.fromEntries(
      schedules.map((s) => [s.plugin, s.calls <= MAX_CALLS && s.delayMs <= MAX_DELAY_MS]),
    ),
    checks: {
      ok: failed.length === 0,
      problems: failed.map((plugin) => `${plugin}: the job did not succeed`),
    },
  });
  if (failed.length > 0) {
    console.error(`FAILED: the job on ${failed.join(', ')}'s schedule did not succeed`);
    return 1;
  }
  console.log('all checks passed');
  return 0;
}

await runBench(main, TIMEOUT_SECONDS);
