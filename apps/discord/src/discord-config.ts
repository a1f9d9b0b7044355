import { ConfigError, type ConfigIssue } from '@genhub/core';

/** Everything the Discord bot needs to know; `discordConfigFromEnv` reads it from the environment. */
export interface DiscordConfig {
  /** The bot's token, from the developer portal's Bot page. */
  token: string;
  /** The application id, from the developer portal's General Information page. */
  applicationId: string;
  /**
   * The REST API's base (such as `http://127.0.0.1:8080/api` for @discordjs/proxy); Discord's own
   * unless set. The gateway address follows from this API's `/gateway/bot`.
   */
  apiUrl?: string;
  /** Registers the commands in this one server (instant, for development) instead of globally. */
  guildId?: string;
  /** The least time between two edits of one message. */
  editIntervalMs: number;
}

/** The environment variables the Discord bot reads. */
export const DISCORD_ENV_VARS = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DISCORD_GUILD_ID',
  'DISCORD_EDIT_INTERVAL_MS',
] as const;

/** Three seconds between edits of a status message: Discord's limits allow more, users do not need it. */
export const DEFAULT_EDIT_INTERVAL_MS = 3000;
const MAX_EDIT_INTERVAL_MS = 600_000;

/** A Discord id: 17 to 20 digits. */
const SNOWFLAKE = /^\d{17,20}$/;

type DiscordEnv = Readonly<Record<string, string | undefined>>;

/**
 * Reads the bot's configuration from `DISCORD_*` variables. Throws a `ConfigError` naming every
 * variable at fault (never its value: a token must not reach a log).
 */
export function discordConfigFromEnv(env: DiscordEnv): DiscordConfig {
  const issues: ConfigIssue[] = [];
  const problem = (variable: (typeof DISCORD_ENV_VARS)[number], key: string, message: string) =>
    issues.push({ key: `discord.${key}`, env: variable, message });
  const read = (name: (typeof DISCORD_ENV_VARS)[number]) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const token = read('DISCORD_TOKEN');
  if (token === undefined)
    problem('DISCORD_TOKEN', 'token', 'is required; copy it from the Bot page of the developer portal.');
  else if (/^Bot\s/i.test(token))
    problem('DISCORD_TOKEN', 'token', 'must be the token alone, without the "Bot " prefix.');
  else if (!/^[\w.-]+$/.test(token))
    problem(
      'DISCORD_TOKEN',
      'token',
      'does not look like a bot token (letters, digits, dots, _ and -); copy it again.',
    );

  const applicationId = read('DISCORD_APPLICATION_ID');
  if (applicationId === undefined)
    problem(
      'DISCORD_APPLICATION_ID',
      'applicationId',
      'is required; copy the Application ID from the developer portal.',
    );
  else if (!SNOWFLAKE.test(applicationId))
    problem('DISCORD_APPLICATION_ID', 'applicationId', 'must be a Discord id: 17 to 20 digits.');

  const apiText = read('DISCORD_API_URL');
  let apiUrl: string | undefined;
  if (apiText !== undefined) {
    if (isHttpUrl(apiText)) apiUrl = apiText.replace(/\/+$/, '');
    else
      problem(
        'DISCORD_API_URL',
        'apiUrl',
        'must be an http(s) address of the REST API, such as http://127.0.0.1:8080/api.',
      );
  }

  const guildId = read('DISCORD_GUILD_ID');
  if (guildId !== undefined && !SNOWFLAKE.test(guildId))
    problem('DISCORD_GUILD_ID', 'guildId', 'must be a server id: 17 to 20 digits.');

  let editIntervalMs = DEFAULT_EDIT_INTERVAL_MS;
  const intervalText = read('DISCORD_EDIT_INTERVAL_MS');
  if (intervalText !== undefined) {
    const value = Number(intervalText);
    if (!/^\d+$/.test(intervalText) || value > MAX_EDIT_INTERVAL_MS)
      problem(
        'DISCORD_EDIT_INTERVAL_MS',
        'editIntervalMs',
        `must be a whole number of milliseconds from 0 to ${MAX_EDIT_INTERVAL_MS}.`,
      );
    else editIntervalMs = value;
  }

  if (issues.length > 0 || token === undefined || applicationId === undefined)
    throw new ConfigError(issues, 'the environment');
  return {
    token,
    applicationId,
    ...(apiUrl === undefined ? {} : { apiUrl }),
    ...(guildId === undefined ? {} : { guildId }),
    editIntervalMs,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
