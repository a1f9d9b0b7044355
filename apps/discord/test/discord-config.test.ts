import { ConfigError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { discordConfigFromEnv } from '../src/discord-config.js';

const TOKEN = 'MTU3MzkzNTA5MDEzMDQ4OTM0Nw.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const APP = '1573935090130489347';

function issues(env: Record<string, string>) {
  try {
    discordConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.env}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('discordConfigFromEnv', () => {
  it('reads the token and application id, with a 3 s edit interval by default', () => {
    expect(discordConfigFromEnv({ DISCORD_TOKEN: ` ${TOKEN} `, DISCORD_APPLICATION_ID: APP })).toEqual({
      token: TOKEN,
      applicationId: APP,
      editIntervalMs: 3000,
    });
  });

  it('reads the optional API address (without a trailing slash), server and edit interval', () => {
    expect(
      discordConfigFromEnv({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP,
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        DISCORD_GUILD_ID: '81384788765712384',
        DISCORD_EDIT_INTERVAL_MS: '250',
      }),
    ).toEqual({
      token: TOKEN,
      applicationId: APP,
      apiUrl: 'http://127.0.0.1:8080/api',
      guildId: '81384788765712384',
      editIntervalMs: 250,
    });
  });

  it('names every variable at fault, never its value', () => {
    expect(issues({})).toEqual([
      'DISCORD_TOKEN: is required; copy it from the Bot page of the developer portal.',
      'DISCORD_APPLICATION_ID: is required; copy the Application ID from the developer portal.',
    ]);
    const bad = issues({
      DISCORD_TOKEN: `Bot ${TOKEN}`,
      DISCORD_APPLICATION_ID: 'my-app',
      DISCORD_API_URL: 'discord.com/api',
      DISCORD_GUILD_ID: '42',
      DISCORD_EDIT_INTERVAL_MS: 'soon',
    });
    expect(bad).toEqual([
      'DISCORD_TOKEN: must be the token alone, without the "Bot " prefix.',
      'DISCORD_APPLICATION_ID: must be a Discord id: 17 to 20 digits.',
      'DISCORD_API_URL: must be an http(s) address of the REST API, such as http://127.0.0.1:8080/api.',
      'DISCORD_GUILD_ID: must be a server id: 17 to 20 digits.',
      'DISCORD_EDIT_INTERVAL_MS: must be a whole number of milliseconds from 0 to 600000.',
    ]);
    expect(bad.join('\n')).not.toContain(TOKEN);
    expect(issues({ DISCORD_TOKEN: 'has spaces in it', DISCORD_APPLICATION_ID: APP })).toEqual([
      'DISCORD_TOKEN: does not look like a bot token (letters, digits, dots, _ and -); copy it again.',
    ]);
  });

  it('reads the interactions endpoint key and the shard settings', () => {
    const key = 'AB'.repeat(32);
    expect(
      discordConfigFromEnv({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_PUBLIC_KEY: key }),
    ).toMatchObject({ publicKey: key.toLowerCase() });
    expect(
      discordConfigFromEnv({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP,
        DISCORD_SHARD_COUNT: '8',
        DISCORD_SHARD_PROCESSES: '4',
        DISCORD_SHARD_PROCESS_INDEX: '3',
      }),
    ).toMatchObject({ shardCount: 8, shardProcesses: { index: 3, count: 4 } });
    expect(
      discordConfigFromEnv({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_SHARD_COUNT: '2' }),
    ).not.toHaveProperty('shardProcesses');
  });

  it('refuses shard settings that would leave guilds without a shard or serve them twice', () => {
    const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP };
    expect(issues({ ...base, DISCORD_PUBLIC_KEY: 'not-hex' })).toEqual([
      'DISCORD_PUBLIC_KEY: must be the 64 hex digits of the Public Key on the developer portal.',
    ]);
    expect(issues({ ...base, DISCORD_SHARD_PROCESSES: '2' })).toEqual([
      'DISCORD_SHARD_COUNT: is required with DISCORD_SHARD_PROCESSES, so that every process splits the same shards.',
    ]);
    expect(
      issues({
        ...base,
        DISCORD_SHARD_COUNT: '4',
        DISCORD_SHARD_PROCESSES: '2',
        DISCORD_SHARD_PROCESS_INDEX: '2',
      }),
    ).toEqual([
      'DISCORD_SHARD_PROCESS_INDEX: must be from 0 to 1: one index for each of DISCORD_SHARD_PROCESSES.',
    ]);
    expect(issues({ ...base, DISCORD_SHARD_COUNT: '1', DISCORD_SHARD_PROCESSES: '2' })).toEqual([
      'DISCORD_SHARD_COUNT: must be at least DISCORD_SHARD_PROCESSES, so that every process has a shard.',
    ]);
    expect(issues({ ...base, DISCORD_SHARD_PROCESS_INDEX: '1' })).toEqual([
      'DISCORD_SHARD_PROCESS_INDEX: must be less than DISCORD_SHARD_PROCESSES (1 unless set).',
    ]);
    expect(issues({ ...base, DISCORD_SHARD_COUNT: '0' })).toEqual([
      'DISCORD_SHARD_COUNT: must be a whole number from 1 to 100000.',
    ]);
  });
});
