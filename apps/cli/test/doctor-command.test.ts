import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeServer, startFakeServer } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, tempDir } from './cli-helpers.js';

const run = promisify(execFile);

async function doctor(env: Record<string, string>, config?: unknown) {
  const cwd = tempDir();
  if (config !== undefined) writeFileSync(join(cwd, 'genhub.config.json'), JSON.stringify(config));
  const result = await run(process.execPath, [BIN, 'doctor'], {
    cwd,
    env: cleanEnv(join(cwd, 'data'), env),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { code: result.code, output: result.stdout + result.stderr };
}

describe('genhub doctor', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(() => server.close());

  it('reports a broken configuration and a provider that is down in one run', async () => {
    server.route('GET /:any', { status: 503, body: 'down for maintenance' });
    server.route('GET /:any/:more', { status: 503, body: 'down for maintenance' });
    server.route('GET /:any/:more/:rest', { status: 503, body: 'down for maintenance' });
    const { code, output } = await doctor(
      {
        GENHUB_LOG_LEVEL: 'loud',
        GENHUB_JOBS_CONCURRENCY: 'lots',
        GENHUB_GATEAI_API_KEY: 'sk-test-gateai',
        GENHUB_GATEAI_BASE_URL: server.url,
        GENHUB_HTTP_RETRIES: '0',
        GENHUB_IMAROUTER_API_KEY: 'ik-test-imarouter',
        GENHUB_IMAROUTER_BASE_URL: 'not a url',
        // A folder inside a file: the database cannot be created there.
        GENHUB_DATA_DIR: join(BIN, 'data'),
      },
      // A providers section whose entry is not an object.
      { providers: { ainative: 'ak-in-the-wrong-place' } },
    );
    expect(output).toContain('problem: logLevel (GENHUB_LOG_LEVEL): ');
    expect(output).toContain('problem: jobs.concurrency (GENHUB_JOBS_CONCURRENCY): ');
    expect(output).toContain('problem: providers.ainative: ');
    expect(output).toContain(
      'The other checks use the jobs, logLevel and providers sections at their defaults.',
    );
    // A plugin's own bad setting leaves that plugin out, not the others.
    expect(output).toMatch(
      /problem: providers\.imarouter\.baseUrl \(GENHUB_IMAROUTER_BASE_URL\): .*; imarouter is not checked\.$/m,
    );
    // The provider that is down is still checked, from its GENHUB_GATEAI_* variables.
    expect(output).toMatch(/problem: GateAI .*503.*GENHUB_GATEAI_BASE_URL/);
    expect(output).toContain('eSpeak NG (espeak): ready');
    expect(output).toMatch(
      /problem: the database in \S+ could not be opened \(ENOTDIR.*\); check that the folder is writable \(GENHUB_DATA_DIR\)\.$/m,
    );
    // Three settings, the imarouter plugin, the database, and GateAI's health and balance.
    expect(output).toMatch(/^7 problems found\.$/m);
    expect(code).toBe(1);
    expect(output).not.toMatch(/\n\s+at /);
  }, 45_000);

  it("checks the bot tokens: a good one's bot name, a bad one's sentence, never a token", async () => {
    const discordToken = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GabcDE.discord-secret-token-value';
    const telegramToken = '123456789:AAE-revoked-telegram-token-value';
    server.route('GET /api/v10/users/@me', (call) =>
      call.headers.authorization === `Bot ${discordToken}`
        ? {
            json: {
              id: '1098765432109876543',
              username: 'GenHub',
              discriminator: '0',
              bot: true,
              avatar: null,
            },
          }
        : { status: 401, json: { message: '401: Unauthorized', code: 0 } },
    );
    server.route('GET /:bot/getMe', {
      status: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    const { code, output } = await doctor({
      DISCORD_TOKEN: discordToken,
      DISCORD_APPLICATION_ID: '1098765432109876543',
      DISCORD_API_URL: `${server.url}/api`,
      TELEGRAM_BOT_TOKEN: telegramToken,
      TELEGRAM_API_ROOT: server.url,
    });
    expect(output).toContain('Discord: ok, the bot is GenHub.');
    expect(output).toContain(
      'Telegram:\n  problem: TELEGRAM_BOT_TOKEN is not accepted by Telegram; get the token again from @BotFather.',
    );
    expect(output).toMatch(/^1 problem found\.$/m);
    expect(code).toBe(1);
    expect(server.callsTo('GET /:bot/getMe').at(-1)?.path).toBe(`/bot${telegramToken}/getMe`);
    expect(output).not.toContain(discordToken);
    expect(output).not.toContain(telegramToken);
    expect(output).not.toContain('AAE-revoked');
  }, 30_000);

  it('passes a configuration with nothing wrong', async () => {
    const { code, output } = await doctor({});
    expect(output).toContain('No problems found.');
    expect(output).toContain('Free allowances: none (GENHUB_WELCOME_USD, GENHUB_DAILY_FREE_USD).');
    expect(code).toBe(0);
  });

  it('says what every user gets free', async () => {
    const { output } = await doctor({ GENHUB_WELCOME_USD: '1', GENHUB_DAILY_FREE_USD: '0.25' });
    expect(output).toContain(
      'Free allowances: $1 welcome credit for each new user; $0.25 a day for each user, spent before their own credits.',
    );
  });
});
