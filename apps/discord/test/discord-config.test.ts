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
});
