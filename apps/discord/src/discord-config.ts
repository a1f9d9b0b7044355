import { ConfigError, type ConfigIssue } from '@genhub/core';
import { z } from 'zod';

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
type DiscordEnvVar = (typeof DISCORD_ENV_VARS)[number];

/** The configuration key each variable sets, for the messages of a `ConfigError`. */
const CONFIG_KEYS: Readonly<Record<DiscordEnvVar, string>> = {
  DISCORD_TOKEN: 'token',
  DISCORD_APPLICATION_ID: 'applicationId',
  DISCORD_API_URL: 'apiUrl',
  DISCORD_GUILD_ID: 'guildId',
  DISCORD_EDIT_INTERVAL_MS: 'editIntervalMs',
};

/** A variable's value without surrounding spaces; a blank one counts as unset. */
function variable<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim() || undefined : value), schema);
}

/**
 * The `DISCORD_*` variables, validated and turned into a `DiscordConfig`. Every message is written
 * for the operator and never quotes the value (a token must not reach a log).
 */
const discordEnvSchema = z
  .object({
    DISCORD_TOKEN: variable(
      z
        .string({ error: 'is required; copy it from the Bot page of the developer portal.' })
        .superRefine((token, ctx) => {
          if (/^Bot\s/i.test(token)) ctx.addIssue('must be the token alone, without the "Bot " prefix.');
          else if (!/^[\w.-]+$/.test(token))
            ctx.addIssue('does not look like a bot token (letters, digits, dots, _ and -); copy it again.');
        }),
    ),
    DISCORD_APPLICATION_ID: variable(
      z
        .string({ error: 'is required; copy the Application ID from the developer portal.' })
        .regex(SNOWFLAKE, 'must be a Discord id: 17 to 20 digits.'),
    ),
    DISCORD_API_URL: variable(
      z
        .string()
        .refine(isHttpUrl, 'must be an http(s) address of the REST API, such as http://127.0.0.1:8080/api.')
        .transform((url) => url.replace(/\/+$/, ''))
        .optional(),
    ),
    DISCORD_GUILD_ID: variable(
      z.string().regex(SNOWFLAKE, 'must be a server id: 17 to 20 digits.').optional(),
    ),
    DISCORD_EDIT_INTERVAL_MS: variable(
      z
        .string()
        .refine(
          (text) => /^\d+$/.test(text) && Number(text) <= MAX_EDIT_INTERVAL_MS,
          `must be a whole number of milliseconds from 0 to ${MAX_EDIT_INTERVAL_MS}.`,
        )
        .transform(Number)
        .default(DEFAULT_EDIT_INTERVAL_MS),
    ),
  })
  .transform(
    (env): DiscordConfig => ({
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      ...(env.DISCORD_API_URL === undefined ? {} : { apiUrl: env.DISCORD_API_URL }),
      ...(env.DISCORD_GUILD_ID === undefined ? {} : { guildId: env.DISCORD_GUILD_ID }),
      editIntervalMs: env.DISCORD_EDIT_INTERVAL_MS,
    }),
  );

/**
 * Reads the bot's configuration from `DISCORD_*` variables. Throws a `ConfigError` naming every
 * variable at fault (never its value: a token must not reach a log).
 */
export function discordConfigFromEnv(env: DiscordEnv): DiscordConfig {
  const result = discordEnvSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map(toConfigIssue), 'the environment');
}

/** A schema issue as a `ConfigIssue`: its path is the variable at fault. */
function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const variable = String(issue.path[0]);
  const key = (CONFIG_KEYS as Readonly<Record<string, string | undefined>>)[variable];
  return { key: key === undefined ? 'discord' : `discord.${key}`, env: variable, message: issue.message };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
