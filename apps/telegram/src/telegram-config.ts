import { isAbsolute } from 'node:path';
import { ConfigError, type ConfigIssue } from '@genhub/core';
import { z } from 'zod';

const MB = 1024 * 1024;

/** The Bot API's upload limit (Telegram's own servers). */
export const CLOUD_UPLOAD_LIMIT_BYTES = 50 * MB;
/** A local Bot API server's upload limit. */
export const LOCAL_UPLOAD_LIMIT_BYTES = 2000 * MB;
/** The largest image `sendPhoto` takes; larger images go as documents. */
export const PHOTO_LIMIT_BYTES = 10 * MB;

/** Webhook mode: Telegram POSTs updates to `url`, which an HTTPS proxy forwards to `host:port` + `path`. */
export interface TelegramWebhookConfig {
  /** The public HTTPS address given to `setWebhook`. */
  url: string;
  /** Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token`; requests without it are refused. */
  secret: string;
  host: string;
  port: number;
  /** The path the local server answers on; the URL's path unless set. */
  path: string;
}

/** Everything the Telegram bot needs to know; `telegramConfigFromEnv` reads it from the environment. */
export interface TelegramConfig {
  token: string;
  /** A local Bot API server or a test server; Telegram's own servers when absent. */
  apiRoot?: string;
  /**
   * Where a local Bot API server (`--local`) keeps its files, as this machine sees them: the only
   * folder a `getFile` path on disk is read from. Such paths are refused when absent.
   */
  localFilesDir?: string;
  /** The largest file one message may carry. */
  uploadLimitBytes: number;
  /** The largest image sent as a photo. */
  photoLimitBytes: number;
  /** Long polling unless set. */
  webhook?: TelegramWebhookConfig;
  /** The least time between two edits of one message: about one a second in private chats, fewer in groups. */
  editIntervalMs: { private: number; group: number };
  /** How long a chat member's administrator status is trusted before asking Telegram again. */
  adminCacheMs: number;
  /** Long polling: how long one getUpdates call waits for updates, in seconds. */
  pollingTimeoutSeconds: number;
  /** Retries of a call Telegram answers with 429 or 5xx, and the longest wait it asks for that we accept. */
  retry: { maxAttempts: number; maxDelaySeconds: number };
}

/** The environment variables the Telegram bot reads. */
export const TELEGRAM_ENV_VARS = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_LOCAL_FILES_DIR',
  'TELEGRAM_UPLOAD_LIMIT_MB',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_HOST',
  'TELEGRAM_WEBHOOK_PORT',
  'TELEGRAM_WEBHOOK_PATH',
] as const;

type TelegramEnv = Readonly<Record<string, string | undefined>>;
type TelegramEnvVar = (typeof TELEGRAM_ENV_VARS)[number];

const DEFAULT_WEBHOOK_PORT = 8080;
const DEFAULT_WEBHOOK_HOST = '0.0.0.0';

/** The configuration key each variable sets, for the messages of a `ConfigError`. */
const CONFIG_KEYS: Readonly<Record<TelegramEnvVar, string>> = {
  TELEGRAM_BOT_TOKEN: 'token',
  TELEGRAM_API_ROOT: 'apiRoot',
  TELEGRAM_LOCAL_FILES_DIR: 'localFilesDir',
  TELEGRAM_UPLOAD_LIMIT_MB: 'uploadLimitBytes',
  TELEGRAM_WEBHOOK_URL: 'webhook.url',
  TELEGRAM_WEBHOOK_SECRET: 'webhook.secret',
  TELEGRAM_WEBHOOK_HOST: 'webhook.host',
  TELEGRAM_WEBHOOK_PORT: 'webhook.port',
  TELEGRAM_WEBHOOK_PATH: 'webhook.path',
};

/** Variables that mean something in webhook mode only. */
const WEBHOOK_ONLY_VARS = [
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_PORT',
  'TELEGRAM_WEBHOOK_PATH',
] as const;

/** A variable's value without surrounding spaces; a blank one counts as unset. */
function variable<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim() || undefined : value), schema);
}

/** An http(s) address, without trailing slashes. */
function httpAddress(message: string) {
  return z
    .string()
    .refine(isHttpUrl, message)
    .transform((url) => url.replace(/\/+$/, ''));
}

/**
 * The `TELEGRAM_*` variables, validated and turned into a `TelegramConfig`. Each variable's own
 * format is checked on it; the rules between variables (webhook mode) are a refinement of the
 * whole. Every message is written for the operator and never quotes the value (a token or secret
 * must not reach a log).
 */
const telegramEnvSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: variable(
      z
        .string({ error: 'is required; get a token from @BotFather.' })
        .regex(
          /^\d+:[A-Za-z0-9_-]+$/,
          'does not look like a bot token (digits, a colon, then letters); copy it again from @BotFather.',
        ),
    ),
    TELEGRAM_API_ROOT: variable(
      httpAddress('must be an http(s) address, such as http://127.0.0.1:8081.').optional(),
    ),
    TELEGRAM_LOCAL_FILES_DIR: variable(
      z
        .string()
        .refine(isAbsolute, 'must be an absolute path: the folder the local Bot API server keeps files in.')
        .optional(),
    ),
    TELEGRAM_UPLOAD_LIMIT_MB: variable(
      z
        .string()
        .refine((text) => {
          const megabytes = Number(text);
          return Number.isFinite(megabytes) && megabytes > 0 && megabytes <= 2000;
        }, 'must be a number of megabytes from 1 to 2000.')
        .transform((text) => Math.floor(Number(text) * MB))
        .optional(),
    ),
    TELEGRAM_WEBHOOK_URL: variable(
      z.string().refine(isHttpUrl, 'must be the public https:// address of this bot.').optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: variable(z.string().optional()),
    TELEGRAM_WEBHOOK_HOST: variable(z.string().optional()),
    TELEGRAM_WEBHOOK_PORT: variable(z.string().optional()),
    TELEGRAM_WEBHOOK_PATH: variable(z.string().optional()),
  })
  .superRefine(
    (env, ctx) => {
      const problem = (variable: TelegramEnvVar, message: string, key?: string) =>
        ctx.addIssue({
          code: 'custom',
          path: [variable],
          message,
          ...(key === undefined ? {} : { params: { key } }),
        });
      if (env.TELEGRAM_LOCAL_FILES_DIR !== undefined && env.TELEGRAM_API_ROOT === undefined)
        problem(
          'TELEGRAM_LOCAL_FILES_DIR',
          'is set, but TELEGRAM_API_ROOT (the local Bot API server) is not.',
        );
      const url = env.TELEGRAM_WEBHOOK_URL;
      if (url === undefined) {
        for (const name of WEBHOOK_ONLY_VARS)
          if (env[name] !== undefined) problem(name, 'is set, but TELEGRAM_WEBHOOK_URL is not.', 'webhook');
        return;
      }
      // Telegram itself only calls https addresses; a local or test server may call plain http.
      // (An address that is no http(s) at all, or a bad API root, has its own issue already.)
      const customApiRoot = env.TELEGRAM_API_ROOT !== undefined && isHttpUrl(env.TELEGRAM_API_ROOT);
      if (isHttpUrl(url) && new URL(url).protocol !== 'https:' && !customApiRoot)
        problem('TELEGRAM_WEBHOOK_URL', 'must start with https:// (Telegram only calls HTTPS).');
      const secret = env.TELEGRAM_WEBHOOK_SECRET;
      if (secret === undefined)
        problem(
          'TELEGRAM_WEBHOOK_SECRET',
          'is required with TELEGRAM_WEBHOOK_URL: 1 to 256 letters, digits, _ or -.',
        );
      else if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret))
        problem('TELEGRAM_WEBHOOK_SECRET', 'must be 1 to 256 letters, digits, _ or -.');
      const port = env.TELEGRAM_WEBHOOK_PORT;
      if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65_535))
        problem('TELEGRAM_WEBHOOK_PORT', 'must be a whole number from 0 to 65535.');
      const path = env.TELEGRAM_WEBHOOK_PATH;
      if (path !== undefined && !path.startsWith('/')) problem('TELEGRAM_WEBHOOK_PATH', 'must start with /.');
    },
    // Also when a variable is at fault already, so that one error names every problem.
    { when: ({ value }) => typeof value === 'object' && value !== null },
  )
  .transform((env): TelegramConfig => {
    const apiRoot = env.TELEGRAM_API_ROOT;
    const url = env.TELEGRAM_WEBHOOK_URL;
    // Reached only when every rule held: with a URL there is a secret, and the port is a number.
    const webhook: TelegramWebhookConfig | undefined =
      url === undefined || env.TELEGRAM_WEBHOOK_SECRET === undefined
        ? undefined
        : {
            url,
            secret: env.TELEGRAM_WEBHOOK_SECRET,
            host: env.TELEGRAM_WEBHOOK_HOST ?? DEFAULT_WEBHOOK_HOST,
            port:
              env.TELEGRAM_WEBHOOK_PORT === undefined
                ? DEFAULT_WEBHOOK_PORT
                : Number(env.TELEGRAM_WEBHOOK_PORT),
            path: env.TELEGRAM_WEBHOOK_PATH ?? (new URL(url).pathname || '/'),
          };
    return {
      token: env.TELEGRAM_BOT_TOKEN,
      ...(apiRoot === undefined ? {} : { apiRoot }),
      ...(env.TELEGRAM_LOCAL_FILES_DIR === undefined ? {} : { localFilesDir: env.TELEGRAM_LOCAL_FILES_DIR }),
      uploadLimitBytes:
        env.TELEGRAM_UPLOAD_LIMIT_MB ??
        (apiRoot === undefined ? CLOUD_UPLOAD_LIMIT_BYTES : LOCAL_UPLOAD_LIMIT_BYTES),
      photoLimitBytes: PHOTO_LIMIT_BYTES,
      ...(webhook === undefined ? {} : { webhook }),
      editIntervalMs: { private: 1000, group: 3000 },
      adminCacheMs: 60_000,
      pollingTimeoutSeconds: 30,
      retry: { maxAttempts: 5, maxDelaySeconds: 60 },
    };
  });

/**
 * Reads the bot's configuration from `TELEGRAM_*` variables. Throws a `ConfigError` naming every
 * variable at fault (never its value: a token or secret must not reach a log).
 */
export function telegramConfigFromEnv(env: TelegramEnv): TelegramConfig {
  const result = telegramEnvSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map(toConfigIssue), 'the environment');
}

/**
 * A schema issue as a `ConfigIssue`: its path is the variable at fault, whose key it names unless
 * the issue gives its own (`params.key`, for a rule about the webhook as a whole).
 */
function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const variable = String(issue.path[0]);
  const given: unknown = issue.code === 'custom' ? issue.params?.key : undefined;
  const key =
    typeof given === 'string'
      ? given
      : (CONFIG_KEYS as Readonly<Record<string, string | undefined>>)[variable];
  return { key: key === undefined ? 'telegram' : `telegram.${key}`, env: variable, message: issue.message };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
