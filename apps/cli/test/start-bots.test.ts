import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { startDiscordFake, startTelegramFake } from '@genhub/chat-fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

let discord: Awaited<ReturnType<typeof startDiscordFake>>;
let telegram: Awaited<ReturnType<typeof startTelegramFake>>;
beforeAll(async () => {
  discord = await startDiscordFake();
  telegram = await startTelegramFake();
});
afterAll(async () => {
  await telegram?.close();
  await discord?.close();
});

function botEnv(dataDir: string) {
  return cleanEnv(dataDir, {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_EDIT_INTERVAL_MS: '50',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
}

describe('genhub start with bot tokens', () => {
  it('registers the commands, then runs the Discord and the Telegram bot on one core until SIGTERM', async () => {
    const cwd = tempDir();
    const env = botEnv(join(cwd, 'data'));
    const deployed = await runGenhub(['deploy-commands'], cwd, env);
    expect(deployed.stderr).toBe('');
    expect(deployed.stdout).toMatch(/^Registered \d+ commands globally: \/imagine .*\/speak/m);
    expect(deployed.code).toBe(0);
    expect(discord.commands().map((command) => command.name)).toContain('speak');

    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 30_000;
      while (!/The Telegram bot is running/.test(output)) {
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`genhub start did not come up:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toMatch(/The Discord bot is running/);

      const alice = telegram.createUser({ first_name: 'Alice' });
      telegram.sendText({ from: alice, text: '/speak Hello from Telegram' });
      const audio = await telegram.waitFor(
        (fake) =>
          fake
            .botMessages(fake.privateChat(alice))
            .find((m) => m.message.audio ?? m.message.voice ?? m.message.document),
        { timeoutMs: 20_000 },
      );
      expect(audio?.files[0]?.bytes?.length ?? 0).toBeGreaterThan(1000);

      const bob = discord.addUser({ username: 'bob' });
      const command = await discord.runCommand({
        name: 'speak',
        user: bob,
        options: { prompt: 'Hello from Discord' },
      });
      const reply = await discord.waitFor(
        () => {
          const message = command.original();
          return message && /^Done/m.test(message.content) ? message : undefined;
        },
        { timeoutMs: 20_000 },
      );
      expect(reply.attachments[0]?.contentType).toMatch(/^audio\//);

      // One store for both: each user's job is in the same `genhub jobs` list.
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      const jobs = await runGenhub(['jobs'], cwd, env);
      expect(jobs.stdout).toContain(`telegram:${alice.id}`);
      expect(jobs.stdout).toContain(`discord:${bob.id}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('refuses to start with a token Discord does not accept, in one sentence', async () => {
    const cwd = tempDir();
    const env: NodeJS.ProcessEnv = { ...botEnv(join(cwd, 'data')), DISCORD_TOKEN: 'not-the-token.abc.def' };
    delete env.TELEGRAM_BOT_TOKEN;
    const result = await runGenhub(['start', '--port', '0'], cwd, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^The Discord bot could not start \(.+\); run "genhub doctor" to check its token and settings\.$/m,
    );
    expect(result.stderr + result.stdout).not.toContain('not-the-token');
  }, 60_000);
});
