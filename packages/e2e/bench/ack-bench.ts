/**
 * Acknowledgement latency: BENCH_ACK_COMMANDS (default 200) `/imagine` slash commands dispatched at
 * once through the fake Discord gateway (`@genhub/chat-fakes`), timed from dispatch to the
 * interaction callback the fake receives; first to a bare discord.js client on the same kind of
 * fake that only defers, then to GenHub's Discord bot (`startDiscordBot`, a ChatController on a
 * GenHub with the testkit's fake provider). Each bot runs in a process of its own
 * (`kit/ack-bot-child.ts`), apart from the fake, as a bot is apart from Discord. Goal: GenHub's p99 within 1.2x of the bare client's.
 * The two alternate for BENCH_ACK_ROUNDS rounds (default 3); each side's figures are its median round
 * (by p99), since one burst of 200 commands on a shared machine varies by tens of percent.
 * Checks every command was acknowledged exactly once; a miss exits non-zero. Figures go to
 * `bench/results/ack.json`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type DiscordFake, type DiscordFakeInteraction, startDiscordFake } from '@genhub/chat-fakes';
import { goal, writeBenchResults } from './kit/bench-results.js';
import { benchEnvironment, percentile, positiveIntFromEnv } from './measure.js';
import { runBench } from './run-bench.js';

const COMMANDS = positiveIntFromEnv('BENCH_ACK_COMMANDS', 200);
const ROUNDS = positiveIntFromEnv('BENCH_ACK_ROUNDS', 3);
const TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_TIMEOUT_SECONDS', 600);
const GOAL_RATIO = 1.2;

interface AckFigures {
  commands: number;
  acknowledged: number;
  latencyMs: { p50: number; p99: number; max: number };
}

/** Dispatches the commands at once and times each to its first callback. */
async function fire(
  fake: DiscordFake,
  users: readonly ReturnType<DiscordFake['addUser']>[],
): Promise<AckFigures> {
  const sent = await Promise.all(
    users.map(async (user, i) => {
      const at = Date.now();
      const interaction = await fake.runCommand({ name: 'imagine', user, options: { prompt: `ack ${i}` } });
      return { at, id: interaction.id };
    }),
  );
  const acked = (interaction: DiscordFakeInteraction | undefined) => (interaction?.callbacks.length ?? 0) > 0;
  // Discord gives a bot 3 s to answer; a command still unanswered after 30 s never will be.
  await fake
    .waitFor((f) => sent.every(({ id }) => acked(f.interaction(id))), { timeoutMs: 30_000 })
    .catch(() => undefined);
  const latencies: number[] = [];
  let acknowledged = 0;
  for (const { at, id } of sent) {
    const interaction = fake.interaction(id);
    if (interaction?.callbacks.length === 1) acknowledged += 1;
    const first = interaction?.callbacks[0];
    // A command never acknowledged (past Discord's 3 s) counts as infinitely late.
    latencies.push(first ? Date.parse(first.at) - at : Number.POSITIVE_INFINITY);
  }
  latencies.sort((a, b) => a - b);
  const expired = sent.filter(({ id }) => fake.interaction(id)?.expired).length;
  if (expired > 0) console.log(`${expired} interactions expired`);
  return {
    commands: users.length,
    acknowledged,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
    },
  };
}

/** The round with the median p99 (the upper middle one of an even count). */
function medianByP99(rounds: readonly AckFigures[]): AckFigures {
  return rounds.toSorted((a, b) => a.latencyMs.p99 - b.latencyMs.p99)[Math.floor(rounds.length / 2)]!;
}

const CHILD = fileURLToPath(new URL('./kit/ack-bot-child.ts', import.meta.url));

/**
 * Starts a fake Discord here and the bot under test (MODE bare or genhub) in a child process of its
 * own, fires the commands, and closes both. For GenHub, also waits for the acknowledged jobs to post
 * their results, so the run checks the commands were really served.
 */
async function measure(mode: 'bare' | 'genhub'): Promise<AckFigures> {
  const fake = await startDiscordFake();
  const users = Array.from({ length: COMMANDS }, (_, i) => fake.addUser({ username: `${mode}${i}` }));
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', '--conditions=@genhub/source'],
    env: {
      ...process.env,
      MODE: mode,
      FAKE_TOKEN: fake.token,
      FAKE_APPLICATION_ID: fake.applicationId,
      FAKE_API_URL: fake.apiUrl,
      FAKE_URL: fake.url,
      USER_IDS: JSON.stringify(users.map((user) => user.id)),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      void exited.then((code) => reject(new Error(`the ${mode} bot exited (${code}) before it was ready`)));
    });
    const figures = await fire(fake, users);
    if (mode === 'genhub') {
      const answered = fake.interactions().filter((interaction) => interaction.callbacks.length > 0);
      await fake
        .waitFor(
          (f) => answered.every((a) => /^Done/m.test(f.interaction(a.id)?.original()?.content ?? '')),
          { timeoutMs: 60_000 },
        )
        .catch(() => console.log('not every acknowledged command posted its result within 60 s'));
    }
    return figures;
  } finally {
    if (child.exitCode === null) {
      child.send('close');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await fake.close();
  }
}

async function main(): Promise<number> {
  const environment = benchEnvironment();
  console.log(
    `GenHub acknowledgement latency: ${COMMANDS} slash commands at once through the fake Discord gateway\n`,
  );
  const rounds: Array<{ bare: AckFigures; genhub: AckFigures }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await measure('bare');
    const genhub = await measure('genhub');
    rounds.push({ bare, genhub });
    console.log(
      `round ${round}/${ROUNDS}: p99 bare ${bare.latencyMs.p99} ms, GenHub ${genhub.latencyMs.p99} ms ` +
        `(${(genhub.latencyMs.p99 / bare.latencyMs.p99).toFixed(2)}x)`,
    );
  }
  const bare = medianByP99(rounds.map((round) => round.bare));
  const ours = medianByP99(rounds.map((round) => round.genhub));
  const ratio = ours.latencyMs.p99 / bare.latencyMs.p99;
  for (const [name, figures] of [
    ['bare discord.js (defer only)', bare],
    ['GenHub Discord bot', ours],
  ] as const) {
    console.log(
      `${name.padEnd(30)} acknowledged ${figures.acknowledged}/${figures.commands} (the rest count as never); p50 ${figures.latencyMs.p50} ms, ` +
        `p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`,
    );
  }
  console.log(
    `p99 GenHub / bare: ${ratio.toFixed(2)}x (goal within ${GOAL_RATIO}x: ${goal(ratio <= GOAL_RATIO)})`,
  );
  const problems = rounds
    .flatMap((round) => [round.bare, round.genhub])
    .filter((figures) => figures.acknowledged !== figures.commands)
    .map((figures) => `${figures.commands - figures.acknowledged} commands not acknowledged exactly once`);
  await writeBenchResults('ack', {
    environment,
    rounds: ROUNDS,
    /** Each side's median round by p99; every round under `byRound`. */
    bare,
    genhub: ours,
    p99Ratio: ratio,
    byRound: rounds,
    goals: { p99Within1_2x: ratio <= GOAL_RATIO },
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
