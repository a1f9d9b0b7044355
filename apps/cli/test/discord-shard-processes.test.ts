import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type DiscordFake, discordGuildIdOnShard, startDiscordFake } from '@genhub/chat-fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

const SHARDS = 4;
let discord: DiscordFake;

beforeAll(async () => {
  discord = await startDiscordFake({
    shards: SHARDS,
    maxConcurrency: SHARDS,
    guilds: Array.from({ length: SHARDS }, (_, shard) => ({
      name: `Shard ${shard}`,
      id: discordGuildIdOnShard(shard, SHARDS, shard),
    })),
  });
});
afterAll(async () => {
  await discord?.close();
});

/** `genhub start` as bot process `index` of 2; resolves once its bot is running. */
async function startBotProcess(cwd: string, index: number) {
  const env = cleanEnv(join(cwd, 'data'), {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_SHARD_COUNT: String(SHARDS),
    DISCORD_SHARD_PROCESSES: '2',
    DISCORD_SHARD_PROCESS_INDEX: String(index),
  });
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
  const until = Date.now() + 90_000;
  while (!/The Discord bot is running/.test(output)) {
    if (Date.now() > until || child.exitCode !== null)
      throw new Error(`genhub start (shard process ${index}) did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exit, env };
}

describe('genhub start as two Discord shard processes', () => {
  it('splits 4 shards over 2 processes on one data folder; a command in every guild is answered once', async () => {
    const cwd = tempDir();
    const deployed = await runGenhub(
      ['deploy-commands'],
      cwd,
      cleanEnv(join(cwd, 'data'), {
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
      }),
    );
    expect(deployed.code).toBe(0);
    const processes = [await startBotProcess(cwd, 0), await startBotProcess(cwd, 1)];
    try {
      const shards = discord.gateway.liveSessions().map((session) => session.shard[0]);
      expect(shards.sort()).toEqual([0, 1, 2, 3]);
      for (const guild of discord.guilds) {
        const command = await discord.runCommand({ name: 'help', guild });
        const answer = await discord.waitFor(() => command.original()?.content, { timeoutMs: 20_000 });
        expect(answer).toMatch(/imagine/);
      }
      const callbacks = discord.callsTo('POST /interactions/:interactionId/:token/callback');
      expect(callbacks).toHaveLength(SHARDS);
      expect(new Set(callbacks.map((call) => call.params.interactionId)).size).toBe(SHARDS);
      for (const { child } of processes) child.kill('SIGTERM');
      expect(await Promise.all(processes.map(({ exit }) => exit))).toEqual([0, 0]);
    } finally {
      for (const { child } of processes) if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
