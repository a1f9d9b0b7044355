/** What one bot's check found: the bot's name when its token works, and each problem as a sentence. */
export interface BotCheck {
  platform: 'Discord' | 'Telegram';
  /** `GenHub#1234` or `@genhub_bot`, when the platform accepted the token. */
  botName?: string;
  problems: string[];
}

export interface BotCheckOptions {
  /** How long to wait for the platform's answer; 10 s by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DISCORD_API = 'https://discord.com/api';
const TELEGRAM_API = 'https://api.telegram.org';
/** Discord asks every client for a User-Agent of this form. */
const DISCORD_USER_AGENT = 'DiscordBot (https://github.com/genhub/genhub, 0.1.0)';

/**
 * Checks the token of every bot that has one in `env` (DISCORD_TOKEN, TELEGRAM_BOT_TOKEN) by asking
 * the platform who the bot is. A token is never part of what is returned.
 */
export async function checkBotTokens(
  env: Readonly<Record<string, string | undefined>>,
  options: BotCheckOptions = {},
): Promise<BotCheck[]> {
  const checks: Array<Promise<BotCheck>> = [];
  const discord = env.DISCORD_TOKEN?.trim();
  if (discord) {
    checks.push(
      checkDiscordToken(
        { token: discord, apiUrl: env.DISCORD_API_URL, applicationId: env.DISCORD_APPLICATION_ID },
        options,
      ),
    );
  }
  const telegram = env.TELEGRAM_BOT_TOKEN?.trim();
  if (telegram) checks.push(checkTelegramToken({ token: telegram, apiRoot: env.TELEGRAM_API_ROOT }, options));
  return Promise.all(checks);
}

export interface DiscordSettings {
  token: string;
  /** DISCORD_API_URL; https://discord.com/api by default. */
  apiUrl?: string | undefined;
  /** DISCORD_APPLICATION_ID, which deploy-commands needs. */
  applicationId?: string | undefined;
}

/** `GET /v10/users/@me` with `Authorization: Bot <token>`: 200 with the bot's user, or 401. */
export async function checkDiscordToken(
  settings: DiscordSettings,
  options: BotCheckOptions = {},
): Promise<BotCheck> {
  const check: BotCheck = { platform: 'Discord', problems: [] };
  const base = apiBase(settings.apiUrl, DISCORD_API);
  const answer = await getJson(`${base}/v10/users/@me`, settings.token, options, {
    authorization: `Bot ${settings.token}`,
    'user-agent': DISCORD_USER_AGENT,
  });
  if ('error' in answer) {
    check.problems.push(unreachable('Discord', base, answer.error, 'DISCORD_API_URL'));
  } else if (answer.status === 401) {
    check.problems.push(
      'DISCORD_TOKEN is not accepted by Discord; copy the token again from the Developer Portal (Bot page).',
    );
  } else if (answer.status === 200 && isRecord(answer.body) && typeof answer.body.username === 'string') {
    const discriminator = answer.body.discriminator;
    const tag = typeof discriminator === 'string' && discriminator !== '0' ? `#${discriminator}` : '';
    check.botName = `${answer.body.username}${tag}`;
  } else {
    check.problems.push(
      `Discord answered the token check with ${describe(answer)}; try again later, and check DISCORD_API_URL if it is set.`,
    );
  }
  const applicationId = settings.applicationId?.trim();
  if (!applicationId) {
    check.problems.push(
      'DISCORD_APPLICATION_ID is not set, and deploy-commands needs it; copy the Application ID from the Developer Portal (General Information page).',
    );
  } else if (!/^\d{17,20}$/.test(applicationId)) {
    check.problems.push(
      'DISCORD_APPLICATION_ID is not an application id (a number of 17 to 20 digits); copy it again from the Developer Portal (General Information page).',
    );
  }
  return check;
}

export interface TelegramSettings {
  token: string;
  /** TELEGRAM_API_ROOT; https://api.telegram.org by default. */
  apiRoot?: string | undefined;
}

/** `GET /bot<token>/getMe`: `{"ok":true,"result":{...}}`, or `{"ok":false,"error_code":401,...}`. */
export async function checkTelegramToken(
  settings: TelegramSettings,
  options: BotCheckOptions = {},
): Promise<BotCheck> {
  const check: BotCheck = { platform: 'Telegram', problems: [] };
  const root = apiBase(settings.apiRoot, TELEGRAM_API);
  const answer = await getJson(`${root}/bot${settings.token}/getMe`, settings.token, options, {});
  if ('error' in answer) {
    check.problems.push(unreachable('Telegram', root, answer.error, 'TELEGRAM_API_ROOT'));
    return check;
  }
  const body = isRecord(answer.body) ? answer.body : undefined;
  const result = body?.ok === true && isRecord(body.result) ? body.result : undefined;
  if (result && typeof result.username === 'string') {
    check.botName = `@${result.username}`;
  } else if (body?.ok === false && (body.error_code === 401 || body.error_code === 404)) {
    // 401 for a token Telegram does not know; 404 for one that is not even shaped like a token.
    check.problems.push(
      'TELEGRAM_BOT_TOKEN is not accepted by Telegram; get the token again from @BotFather.',
    );
  } else {
    const said =
      typeof body?.description === 'string'
        ? `"${hide(body.description, settings.token)}"`
        : describe(answer);
    check.problems.push(
      `Telegram answered the token check with ${said}; try again later, and check TELEGRAM_API_ROOT if it is set.`,
    );
  }
  return check;
}

type Answer = { status: number; body: unknown } | { error: string };

/** GETs a URL and reads its JSON body (undefined when it is not JSON); network failures are `error`. */
async function getJson(
  url: string,
  token: string,
  options: BotCheckOptions,
  headers: Record<string, string>,
): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { error: `no answer within ${timeoutMs / 1000} s` };
    }
    // fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, ...) in its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { error: hide(reason.split('\n')[0] ?? reason, token) };
  }
}

function unreachable(platform: string, base: string, reason: string, variable: string): string {
  return `could not reach ${platform} at ${base} (${reason.replace(/[.\s]+$/, '')}); check your network or ${variable}.`;
}

function apiBase(configured: string | undefined, fallback: string): string {
  const value = configured?.trim() || fallback;
  return value.replace(/\/+$/, '');
}

function describe(answer: { status: number; body: unknown }): string {
  return `HTTP ${answer.status}${answer.body === undefined ? ' and no JSON' : ''}`;
}

/** Never let a token through, whatever a platform or the network says. */
function hide(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('[token]');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
