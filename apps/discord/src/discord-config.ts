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
  /**
   * The application's public key (hex, from the developer portal's General Information page): when
   * set, interactions come over HTTP to the interactions endpoint, signed with it, and the bot opens
   * no gateway connection.
   */
  publicKey?: string;
  /** How many shards the bot has in all; Discord's recommendation (`GET /gateway/bot`) unless set. */
  shardCount?: number;
  /**
   * The bot processes sharing the shards, and which one this is: it runs shards `id % count === index`.
   * Absent for one process, which runs every shard.
   */
  shardProcesses?: { index: number; count: number };
}

/** The environment variables the Discord bot reads. */
export const DISCORD_ENV_VARS = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DISCORD_GUILD_ID',
  'DISCORD_EDIT_INTERVAL_MS',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_SHARD_COUNT',
  'DISCORD_SHARD_PROCESSES',
  'DISCORD_SHARD_PROCESS_INDEX',
] as const;

/** Three seconds between edits of a status message: Discord's limits allow more, users do not need it. */
export const DEFAULT_EDIT_INTERVAL_MS = 3000;
const MAX_EDIT_INTERVAL_MS = 600_000;
/** More shards than any bot has: a typo, not a plan. */
const MAX_SHARDS = 100_000;

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
  DISCORD_PUBLIC_KEY: 'publicKey',
  DISCORD_SHARD_COUNT: 'shardCount',
  DISCORD_SHARD_PROCESSES: 'shardProcesses.count',
  DISCORD_SHARD_PROCESS_INDEX: 'shardProcesses.index',
};

/** A whole number from `min` to MAX_SHARDS, for the shard variables. */
function shardNumber(min: number) {
  return z
    .string()
    .refine(
      (text) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= MAX_SHARDS,
      `must be a whole number from ${min} to ${MAX_SHARDS}.`,
    )
    .transform(Number);
}

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
    DISCORD_PUBLIC_KEY: variable(
      z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key on the developer portal.')
        .transform((key) => key.toLowerCase())
        .optional(),
    ),
    DISCORD_SHARD_COUNT: variable(shardNumber(1).optional()),
    DISCORD_SHARD_PROCESSES: variable(shardNumber(1).default(1)),
    DISCORD_SHARD_PROCESS_INDEX: variable(shardNumber(0).default(0)),
  })
  .superRefine(
    (env, ctx) => {
      const processes = env.DISCORD_SHARD_PROCESSES;
      if (typeof processes !== 'number' || processes <= 1) {
        if (typeof env.DISCORD_SHARD_PROCESS_INDEX === 'number' && env.DISCORD_SHARD_PROCESS_INDEX > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['DISCORD_SHARD_PROCESS_INDEX'],
            message: 'must be less than DISCORD_SHARD_PROCESSES (1 unless set).',
          });
        return;
      }
      const index = env.DISCORD_SHARD_PROCESS_INDEX;
      if (typeof index === 'number' && index >= processes)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_PROCESS_INDEX'],
          message: `must be from 0 to ${processes - 1}: one index for each of DISCORD_SHARD_PROCESSES.`,
        });
      // Every process must split the same count: a recommendation can change between two starts.
      if (env.DISCORD_SHARD_COUNT === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_COUNT'],
          message: 'is required with DISCORD_SHARD_PROCESSES, so that every process splits the same shards.',
        });
      else if (typeof env.DISCORD_SHARD_COUNT === 'number' && env.DISCORD_SHARD_COUNT < processes)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_COUNT'],
          message: 'must be at least DISCORD_SHARD_PROCESSES, so that every process has a shard.',
        });
      if (env.DISCORD_PUBLIC_KEY !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_PROCESSES'],
          message:
            'is for gateway bots; with DISCORD_PUBLIC_KEY interactions come over HTTP, with no shards.',
        });
    },
    { when: ({ value }) => typeof value === 'object' && value !== null },
  )
  .transform(
    (env): DiscordConfig => ({
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      ...(env.DISCORD_API_URL === undefined ? {} : { apiUrl: env.DISCORD_API_URL }),
      ...(env.DISCORD_GUILD_ID === undefined ? {} : { guildId: env.DISCORD_GUILD_ID }),
      editIntervalMs: env.DISCORD_EDIT_INTERVAL_MS,
      ...(env.DISCORD_PUBLIC_KEY === undefined ? {} : { publicKey: env.DISCORD_PUBLIC_KEY }),
      ...(env.DISCORD_SHARD_COUNT === undefined ? {} : { shardCount: env.DISCORD_SHARD_COUNT }),
      ...(env.DISCORD_SHARD_PROCESSES === 1
        ? {}
        : { shardProcesses: { index: env.DISCORD_SHARD_PROCESS_INDEX, count: env.DISCORD_SHARD_PROCESSES } }),
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
