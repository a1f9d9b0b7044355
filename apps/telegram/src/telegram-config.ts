import { ConfigError, type ConfigIssue } from '@genhub/core';

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
  'TELEGRAM_UPLOAD_LIMIT_MB',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_HOST',
  'TELEGRAM_WEBHOOK_PORT',
  'TELEGRAM_WEBHOOK_PATH',
] as const;

type TelegramEnv = Readonly<Record<string, string | undefined>>;

const DEFAULT_WEBHOOK_PORT = 8080;
const DEFAULT_WEBHOOK_HOST = '0.0.0.0';

/**
 * Reads the bot's configuration from `TELEGRAM_*` variables. Throws a `ConfigError` naming every
 * variable at fault (never its value: a token or secret must not reach a log).
 */
export function telegramConfigFromEnv(env: TelegramEnv): TelegramConfig {
  const issues: ConfigIssue[] = [];
  const problem = (variable: string, key: string, message: string) =>
    issues.push({ key: `telegram.${key}`, env: variable, message });
  const read = (name: (typeof TELEGRAM_ENV_VARS)[number]) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const token = read('TELEGRAM_BOT_TOKEN');
  if (token === undefined)
    problem('TELEGRAM_BOT_TOKEN', 'token', 'is required; get a token from @BotFather.');
  else if (!/^\d+:[A-Za-z0-9_-]+$/.test(token))
    problem(
      'TELEGRAM_BOT_TOKEN',
      'token',
      'does not look like a bot token (digits, a colon, then letters); copy it again from @BotFather.',
    );

  const apiRootText = read('TELEGRAM_API_ROOT');
  let apiRoot: string | undefined;
  if (apiRootText !== undefined) {
    if (isHttpUrl(apiRootText)) apiRoot = apiRootText.replace(/\/+$/, '');
    else
      problem('TELEGRAM_API_ROOT', 'apiRoot', 'must be an http(s) address, such as http://127.0.0.1:8081.');
  }

  let uploadLimitBytes = apiRootText === undefined ? CLOUD_UPLOAD_LIMIT_BYTES : LOCAL_UPLOAD_LIMIT_BYTES;
  const uploadText = read('TELEGRAM_UPLOAD_LIMIT_MB');
  if (uploadText !== undefined) {
    const megabytes = Number(uploadText);
    if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > 2000)
      problem(
        'TELEGRAM_UPLOAD_LIMIT_MB',
        'uploadLimitBytes',
        'must be a number of megabytes from 1 to 2000.',
      );
    else uploadLimitBytes = Math.floor(megabytes * MB);
  }

  let webhook: TelegramWebhookConfig | undefined;
  const url = read('TELEGRAM_WEBHOOK_URL');
  const secret = read('TELEGRAM_WEBHOOK_SECRET');
  if (url === undefined) {
    for (const name of ['TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_WEBHOOK_PORT', 'TELEGRAM_WEBHOOK_PATH'] as const)
      if (read(name) !== undefined) problem(name, 'webhook', 'is set, but TELEGRAM_WEBHOOK_URL is not.');
  } else {
    let parsed: URL | undefined;
    if (!isHttpUrl(url))
      problem('TELEGRAM_WEBHOOK_URL', 'webhook.url', 'must be the public https:// address of this bot.');
    else {
      parsed = new URL(url);
      // Telegram itself only calls https addresses; a local or test server may call plain http.
      if (parsed.protocol !== 'https:' && apiRoot === undefined)
        problem(
          'TELEGRAM_WEBHOOK_URL',
          'webhook.url',
          'must start with https:// (Telegram only calls HTTPS).',
        );
    }
    if (secret === undefined)
      problem(
        'TELEGRAM_WEBHOOK_SECRET',
        'webhook.secret',
        'is required with TELEGRAM_WEBHOOK_URL: 1 to 256 letters, digits, _ or -.',
      );
    else if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      problem('TELEGRAM_WEBHOOK_SECRET', 'webhook.secret', 'must be 1 to 256 letters, digits, _ or -.');
    const portText = read('TELEGRAM_WEBHOOK_PORT');
    const port = portText === undefined ? DEFAULT_WEBHOOK_PORT : Number(portText);
    if (portText !== undefined && !(/^\d+$/.test(portText) && port <= 65_535))
      problem('TELEGRAM_WEBHOOK_PORT', 'webhook.port', 'must be a whole number from 0 to 65535.');
    const pathText = read('TELEGRAM_WEBHOOK_PATH');
    if (pathText !== undefined && !pathText.startsWith('/'))
      problem('TELEGRAM_WEBHOOK_PATH', 'webhook.path', 'must start with /.');
    if (parsed && secret !== undefined)
      webhook = {
        url,
        secret,
        host: read('TELEGRAM_WEBHOOK_HOST') ?? DEFAULT_WEBHOOK_HOST,
        port,
        path: pathText ?? (parsed.pathname === '' ? '/' : parsed.pathname),
      };
  }

  if (issues.length > 0 || token === undefined) throw new ConfigError(issues, 'the environment');
  return {
    token,
    ...(apiRoot !== undefined ? { apiRoot } : {}),
    uploadLimitBytes,
    photoLimitBytes: PHOTO_LIMIT_BYTES,
    ...(webhook ? { webhook } : {}),
    editIntervalMs: { private: 1000, group: 3000 },
    adminCacheMs: 60_000,
    pollingTimeoutSeconds: 30,
    retry: { maxAttempts: 5, maxDelaySeconds: 60 },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
