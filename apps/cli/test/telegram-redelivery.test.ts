import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TgUser } from '@genhub/chat-fakes';
import { startTelegramFake, type TelegramFake } from '@genhub/chat-fakes';
import { createSqliteStore } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, FAKE_PLUGIN, tempDir } from './cli-helpers.js';

const CLI = new URL('..', import.meta.url).pathname;
const MAIN = join(CLI, 'src', 'main.ts');

let telegram: TelegramFake;
beforeAll(async () => {
  telegram = await startTelegramFake();
});
afterAll(async () => {
  await telegram?.close();
});

/** `genhub start` as the process itself (no launcher in between), so SIGKILL reaches it. */
function startGenhub(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@genhub/source', MAIN, 'start', '--port', '0'],
    { cwd: CLI, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return { child, output: () => output };
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  output: () => string,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('a Telegram update delivered again after genhub was killed', () => {
  it('makes one job and one charge: the second process skips it and finishes the first job', async () => {
    const cwd = tempDir();
    const dataDir = join(cwd, 'data');
    const configFile = join(cwd, 'genhub.config.json');
    writeFileSync(configFile, JSON.stringify({ jobs: { pollInitialMs: 10, pollMaxMs: 20 } }));
    const env = cleanEnv(dataDir, {
      GENHUB_CONFIG: configFile,
      GENHUB_PLUGINS: FAKE_PLUGIN,
      GENHUB_CONFIRM_ABOVE_USD: '100',
      GENHUB_LOG_LEVEL: 'info',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    const user: TgUser = telegram.createUser({ first_name: 'Kim' });
    const chat = telegram.privateChat(user);
    const account = { kind: 'user' as const, id: `telegram:${user.id}` };
    const store = await createSqliteStore({ file: join(dataDir, 'genhub.db') });
    const processes: ChildProcess[] = [];
    try {
      await store.ledger.grant(account, 5_000_000);

      const first = startGenhub(env);
      processes.push(first.child);
      await until(() => /The Telegram bot is running/.test(first.output()), 'the first start', first.output);
      const { update } = telegram.sendText({ from: user, text: '/imagine a fox [slow:150]' });
      if (!update) throw new Error('the update was not queued');
      // The job is stored and paid for, and runs: now the process dies.
      const jobs = async () => (await store.jobs.usage({ userId: account.id, limit: 10 })).items;
      await until(async () => (await jobs())[0]?.state === 'running', 'the job to run', first.output, 20_000);
      first.child.kill('SIGKILL');
      await exited(first.child);

      // Telegram never saw that update confirmed, so it hands it out again.
      telegram.pushUpdate(update);
      const second = startGenhub(env);
      processes.push(second.child);
      await until(() => /came again/.test(second.output()), 'the update to come again', second.output);
      // The job goes on to the end in its status message, sent by the first process.
      const [status] = telegram.botMessages(chat);
      if (!status) throw new Error('no status message');
      await telegram.waitFor(
        (fake) => /\nDone/.test(fake.message(chat, status.messageId)?.message.text ?? ''),
        {
          timeoutMs: 30_000,
        },
      );
      expect(telegram.pendingUpdates()).toEqual([]);
      expect((await jobs()).map((job) => job.state)).toEqual(['succeeded']);
      const entries = await store.ledger.entries(account, 100);
      expect(entries.map((entry) => entry.kind).sort()).toEqual(['grant', 'reserve', 'settle']);
      expect(telegram.botMessages(chat).filter((m) => m.message.text !== undefined)).toHaveLength(1);

      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    } finally {
      for (const child of processes)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await store.close();
    }
  }, 90_000);
});
