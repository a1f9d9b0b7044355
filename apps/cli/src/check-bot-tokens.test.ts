import { createServer } from 'node:net';
import { type FakeServer, startFakeServer } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotCheck, checkBotTokens, checkDiscordToken, checkTelegramToken } from './check-bot-tokens.js';

const DISCORD_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GabcDE.discord-secret-token-value';
const TELEGRAM_TOKEN = '123456789:AAE-telegram-secret-token-value';
const APPLICATION_ID = '1098765432109876543';

/** The bodies Discord and Telegram document for these calls. */
const discordUser = {
  id: APPLICATION_ID,
  username: 'GenHub',
  avatar: null,
  discriminator: '0',
  public_flags: 0,
  flags: 0,
  bot: true,
  global_name: null,
};
const discordUnauthorized = { status: 401, json: { message: '401: Unauthorized', code: 0 } };
const telegramMe = {
  ok: true,
  result: {
    id: 123456789,
    is_bot: true,
    first_name: 'GenHub',
    username: 'genhub_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  },
};
const telegramUnauthorized = {
  status: 401,
  json: { ok: false, error_code: 401, description: 'Unauthorized' },
};

function expectNoToken(check: BotCheck): void {
  const text = JSON.stringify(check);
  expect(text).not.toContain(DISCORD_TOKEN);
  expect(text).not.toContain(TELEGRAM_TOKEN);
}

/** A port that was free a moment ago, so nothing answers on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('bot token checks', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(() => server.close());

  it('Discord: a good token gives the bot name, asked with the Bot authorization and a DiscordBot user agent', async () => {
    server.route('GET /api/v10/users/@me', { json: discordUser });
    const check = await checkDiscordToken({
      token: DISCORD_TOKEN,
      apiUrl: `${server.url}/api/`,
      applicationId: APPLICATION_ID,
    });
    expect(check).toEqual({ platform: 'Discord', botName: 'GenHub', problems: [] });
    const call = server.callsTo('GET /api/v10/users/@me').at(-1)!;
    expect(call.headers.authorization).toBe(`Bot ${DISCORD_TOKEN}`);
    expect(call.headers['user-agent']).toMatch(/^DiscordBot \(\S+, [\d.]+\)$/);
  });

  it('Discord: a legacy discriminator is kept, a missing or malformed application id is a problem', async () => {
    server.route('GET /api/v10/users/@me', { json: { ...discordUser, discriminator: '4821' } });
    const missing = await checkDiscordToken({ token: DISCORD_TOKEN, apiUrl: `${server.url}/api` });
    expect(missing.botName).toBe('GenHub#4821');
    expect(missing.problems).toEqual([
      'DISCORD_APPLICATION_ID is not set, and deploy-commands needs it; copy the Application ID from the Developer Portal (General Information page).',
    ]);
    const malformed = await checkDiscordToken({
      token: DISCORD_TOKEN,
      apiUrl: `${server.url}/api`,
      applicationId: 'GenHub',
    });
    expect(malformed.problems[0]).toMatch(/^DISCORD_APPLICATION_ID is not an application id/);
  });

  it('Discord: a 401 says the token is not accepted and where to get it again', async () => {
    server.route('GET /api/v10/users/@me', discordUnauthorized);
    const check = await checkDiscordToken({
      token: DISCORD_TOKEN,
      apiUrl: `${server.url}/api`,
      applicationId: APPLICATION_ID,
    });
    expect(check.botName).toBeUndefined();
    expect(check.problems).toEqual([
      'DISCORD_TOKEN is not accepted by Discord; copy the token again from the Developer Portal (Bot page).',
    ]);
  });

  it('Discord: another answer is reported with its status', async () => {
    server.route('GET /api/v10/users/@me', { status: 502, body: '<html>Bad gateway</html>' });
    const check = await checkDiscordToken({
      token: DISCORD_TOKEN,
      apiUrl: `${server.url}/api`,
      applicationId: APPLICATION_ID,
    });
    expect(check.problems).toEqual([
      'Discord answered the token check with HTTP 502 and no JSON; try again later, and check DISCORD_API_URL if it is set.',
    ]);
  });

  it('Telegram: getMe gives the bot username; the token travels in the path', async () => {
    server.route('GET /:bot/getMe', { json: telegramMe });
    const check = await checkTelegramToken({ token: TELEGRAM_TOKEN, apiRoot: server.url });
    expect(check).toEqual({ platform: 'Telegram', botName: '@genhub_test_bot', problems: [] });
    expect(server.callsTo('GET /:bot/getMe').at(-1)?.path).toBe(`/bot${TELEGRAM_TOKEN}/getMe`);
  });

  it('Telegram: a 401 or a 404 (a token of the wrong shape) says to get the token again from @BotFather', async () => {
    server.route('GET /:bot/getMe', telegramUnauthorized);
    const unauthorized = await checkTelegramToken({ token: TELEGRAM_TOKEN, apiRoot: server.url });
    expect(unauthorized.problems).toEqual([
      'TELEGRAM_BOT_TOKEN is not accepted by Telegram; get the token again from @BotFather.',
    ]);
    server.route('GET /:bot/getMe', {
      status: 404,
      json: { ok: false, error_code: 404, description: 'Not Found' },
    });
    const notFound = await checkTelegramToken({ token: 'not-a-token', apiRoot: server.url });
    expect(notFound.problems).toEqual(unauthorized.problems);
    expectNoToken(unauthorized);
  });

  it('says which platform could not be reached and why, without the token', async () => {
    const port = await closedPort();
    const [discord, telegram] = await checkBotTokens({
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    });
    expect(discord?.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^could not reach Discord at http://127\\.0\\.0\\.1:${port}/api \\(.*ECONNREFUSED.*\\); check your network or DISCORD_API_URL\\.$`,
        ),
      ),
    ]);
    expect(telegram?.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^could not reach Telegram at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); check your network or TELEGRAM_API_ROOT\\.$`,
        ),
      ),
    ]);
    expectNoToken(discord!);
    expectNoToken(telegram!);
  });

  it('gives up after the timeout', async () => {
    server.route('GET /:bot/getMe', { json: telegramMe, delayMs: 2000 });
    const check = await checkTelegramToken(
      { token: TELEGRAM_TOKEN, apiRoot: server.url },
      { timeoutMs: 100 },
    );
    expect(check.problems).toEqual([
      `could not reach Telegram at ${server.url} (no answer within 0.1 s); check your network or TELEGRAM_API_ROOT.`,
    ]);
  });

  it('checks only the bots whose token is set', async () => {
    expect(await checkBotTokens({ DISCORD_API_URL: 'http://127.0.0.1:9', TELEGRAM_BOT_TOKEN: ' ' })).toEqual(
      [],
    );
  });
});
