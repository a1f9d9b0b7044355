import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { startTelegramFake } from '@genhub/chat-fakes';
import { createGenHub, silentLogger } from '@genhub/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, FAKE_PLUGIN, tempDir } from './cli-helpers.js';

// `genhub start` stops within `shutdownSeconds` of SIGTERM or Ctrl-C whatever is stuck, a second
// signal ends it at once, and the next start takes up what was left. Each test runs the real command
// (the launcher and its child) and signals it as a terminal, a service manager or an operator would.

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

interface Running {
  child: Child;
  output: () => string;
  /** Resolves with the exit code and when the process ended. */
  exit: Promise<{ code: number | null; at: number }>;
}

/** The exit of `running`, failing the test (with its output) if it takes longer than `ms`. */
async function exitWithin(running: Running, ms: number): Promise<{ code: number | null; at: number }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`genhub was still running after ${ms} ms; output:\n${running.output()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([running.exit, late]);
  } finally {
    clearTimeout(timer);
  }
}

const children: Child[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
  }
});

/**
 * Runs `genhub start` (the launcher and the genhub process it starts) in a process group of its own,
 * as a terminal runs its foreground job: a signal to `-pid` reaches both, as Ctrl-C does.
 */
function startGenhub(cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    cwd,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  const collect = (chunk: string) => {
    text += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  const exit = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return { child, output: () => text, exit };
}

async function waitFor(output: () => string, pattern: RegExp, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A TCP relay to `target` that can go silent, as a network that drops packets does: after `cut()`,
 * open connections are reset and new ones are accepted but never answered.
 */
async function startRelay(target: URL): Promise<{ url: string; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let silent = false;
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (silent) return;
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      silent = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A data folder whose console user has $1 of credits. */
async function fundedDataDir(cwd: string): Promise<string> {
  const dataDir = join(cwd, 'data');
  const genhub = await createGenHub({ dataDir }, { plugins: [], env: {}, logger: silentLogger });
  await genhub.store.ledger.grant({ kind: 'user', id: 'console' }, 1_000_000);
  await genhub.close();
  return dataDir;
}

/** The scripted fake provider, each of its calls taking `latencyMs` (a provider that does not answer). */
function fakeProviderEnv(dataDir: string, latencyMs: number, extra: Record<string, string> = {}) {
  return cleanEnv(dataDir, {
    GENHUB_PLUGINS: FAKE_PLUGIN,
    GENHUB_FAKE_API_KEY: 'fake-key-123456',
    GENHUB_FAKE_LATENCY_MS: String(latencyMs),
    ...extra,
  });
}

/** Starts genhub with one /imagine held at the provider, and waits until it is being sent. */
async function startWithJobAtProvider(cwd: string, env: NodeJS.ProcessEnv) {
  const running = startGenhub(cwd, env);
  await waitFor(running.output, /^listening on /m);
  running.child.stdin.write('/imagine a fox --model fake/image\n');
  await waitFor(running.output, /Starting text-to-image on fake\/image/);
  // The job reaches the provider within a few milliseconds of its status line.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return running;
}

describe('stopping genhub start', () => {
  it('exits within 15 s of SIGTERM with the Telegram API gone', async () => {
    const telegram = await startTelegramFake();
    const cwd = tempDir();
    const running = startGenhub(
      cwd,
      cleanEnv(join(cwd, 'data'), {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      }),
    );
    try {
      await waitFor(running.output, /The Telegram bot is running/);
    } finally {
      await telegram.close();
    }
    // Long polling now fails to connect and retries.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    const { code, at } = await exitWithin(running, 20_000);
    expect(at - signalled).toBeLessThan(15_000);
    expect(running.output()).toMatch(/^Stopping: no new work/m);
    // In time (0), or at the deadline (1), saying what it gave up on.
    if (code !== 0) {
      expect(code).toBe(1);
      expect(running.output()).toMatch(/^Gave up waiting after 10 s for the Telegram bot; /m);
    }
  }, 60_000);

  it('exits at shutdownSeconds with the Telegram API silent (connections accepted, never answered)', async () => {
    const telegram = await startTelegramFake();
    const relay = await startRelay(new URL(telegram.apiRoot));
    const cwd = tempDir();
    const running = startGenhub(
      cwd,
      cleanEnv(join(cwd, 'data'), {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: relay.url,
        GENHUB_SHUTDOWN_SECONDS: '2',
      }),
    );
    try {
      await waitFor(running.output, /The Telegram bot is running/);
      // A handled update, so the stop has one to confirm.
      const alice = telegram.createUser({ first_name: 'Alice' });
      telegram.sendText({ from: alice, text: '/help' });
      await telegram.waitFor((fake) => fake.botMessages(fake.privateChat(alice)).length > 0);
      relay.cut();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalled = Date.now();
      running.child.kill('SIGTERM');
      const { code, at } = await exitWithin(running, 20_000);
      // Confirming the handled update waits for an answer that never comes: the deadline ends it
      // (or the bot's own stop gives up sooner).
      expect(at - signalled).toBeLessThan(5_000);
      if (code !== 0) {
        expect(code).toBe(1);
        expect(running.output()).toMatch(/^Gave up waiting after 2 s for the Telegram bot; /m);
      }
    } finally {
      await relay.close();
      await telegram.close();
    }
  }, 60_000);

  it('exits at shutdownSeconds when a provider does not answer, and the next start settles the job', async () => {
    const cwd = tempDir();
    const dataDir = await fundedDataDir(cwd);
    const running = await startWithJobAtProvider(
      cwd,
      fakeProviderEnv(dataDir, 60_000, { GENHUB_SHUTDOWN_SECONDS: '1' }),
    );
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    const { code, at } = await exitWithin(running, 20_000);
    expect(code).toBe(1);
    expect(at - signalled).toBeGreaterThanOrEqual(1_000);
    expect(at - signalled).toBeLessThan(5_000);
    expect(running.output()).toMatch(
      /^Gave up waiting after 1 s for 1 running job; unfinished jobs resume at the next start\.$/m,
    );

    // The job was caught mid-submit: the next start takes it up (and, since the fake provider cannot
    // tell whether it got the job, refunds it rather than paying twice).
    const next = startGenhub(cwd, fakeProviderEnv(dataDir, 0));
    await waitFor(next.output, /^Resumed 1 unfinished job\.$/m);
    next.child.stdin.end();
    expect((await exitWithin(next, 20_000)).code).toBe(0);
    const genhub = await createGenHub({ dataDir }, { plugins: [], env: {}, logger: silentLogger });
    try {
      const [job] = (await genhub.generation.usage({ userId: 'console' })).items;
      expect(job).toMatchObject({ state: 'failed', chargedMicros: 0 });
      expect(await genhub.store.ledger.balance({ kind: 'user', id: 'console' })).toMatchObject({
        availableMicros: 1_000_000,
        reservedMicros: 0,
      });
    } finally {
      await genhub.close();
    }
  }, 60_000);

  it('takes a Ctrl-C that reaches both the launcher and genhub as one request, and exits at once at a second', async () => {
    const cwd = tempDir();
    const dataDir = await fundedDataDir(cwd);
    const running = await startWithJobAtProvider(cwd, fakeProviderEnv(dataDir, 60_000));
    // A terminal sends Ctrl-C to its foreground process group, here the launcher and its child, and
    // the launcher passes its copy on too: one request, so genhub keeps waiting for the job.
    const group = -(running.child.pid as number);
    process.kill(group, 'SIGINT');
    await waitFor(running.output, /^Stopping: /m);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(running.child.exitCode).toBe(null);
    expect(running.output().match(/^Stopping: /gm)).toHaveLength(1);

    // The operator presses Ctrl-C again.
    const again = Date.now();
    process.kill(group, 'SIGINT');
    const { code, at } = await exitWithin(running, 20_000);
    expect(code).toBe(130);
    expect(at - again).toBeLessThan(3_000);
    expect(running.output()).toMatch(
      /^Stopped at once, without waiting for 1 running job; unfinished jobs resume at the next start\.$/m,
    );
  }, 60_000);
});
