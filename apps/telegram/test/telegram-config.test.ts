import { ConfigError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { CLOUD_UPLOAD_LIMIT_BYTES, LOCAL_UPLOAD_LIMIT_BYTES, telegramConfigFromEnv } from '../src/index.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function issuesOf(env: Record<string, string>): string[] {
  try {
    telegramConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => issue.env ?? issue.key);
  }
  throw new Error('no error');
}

describe('telegramConfigFromEnv', () => {
  it('reads a token alone as long polling against Telegram with the 50 MB upload limit', () => {
    const config = telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: ` ${TOKEN} ` });
    expect(config).toMatchObject({
      token: TOKEN,
      uploadLimitBytes: CLOUD_UPLOAD_LIMIT_BYTES,
      photoLimitBytes: 10 * 1024 * 1024,
      editIntervalMs: { private: 1000, group: 3000 },
    });
    expect(config.apiRoot).toBeUndefined();
    expect(config.webhook).toBeUndefined();
  });

  it('allows 2000 MB with a local Bot API server, or the limit given', () => {
    const local = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });
    expect(local.apiRoot).toBe('http://127.0.0.1:8081');
    expect(local.uploadLimitBytes).toBe(LOCAL_UPLOAD_LIMIT_BYTES);
    const given = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_UPLOAD_LIMIT_MB: '500',
    });
    expect(given.uploadLimitBytes).toBe(500 * 1024 * 1024);
  });

  it("reads the local Bot API server's files folder, absolute and only with that server", () => {
    const local = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      TELEGRAM_LOCAL_FILES_DIR: '/var/lib/telegram-bot-api',
    });
    expect(local.localFilesDir).toBe('/var/lib/telegram-bot-api');
    expect(telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN }).localFilesDir).toBeUndefined();
    expect(
      issuesOf({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
        TELEGRAM_LOCAL_FILES_DIR: 'telegram-bot-api',
      }),
    ).toEqual(['TELEGRAM_LOCAL_FILES_DIR']);
    expect(issuesOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_LOCAL_FILES_DIR: '/var/lib/x' })).toEqual([
      'TELEGRAM_LOCAL_FILES_DIR',
    ]);
  });

  it('reads webhook mode, its path from the URL unless given', () => {
    const config = telegramConfigFromEnv({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hooks/telegram',
      TELEGRAM_WEBHOOK_SECRET: 's3cret_-X',
      TELEGRAM_WEBHOOK_PORT: '9000',
    });
    expect(config.webhook).toEqual({
      url: 'https://bot.example.com/hooks/telegram',
      secret: 's3cret_-X',
      host: '0.0.0.0',
      port: 9000,
      path: '/hooks/telegram',
    });
  });

  it('names every variable at fault, never its value', () => {
    expect(issuesOf({})).toEqual(['TELEGRAM_BOT_TOKEN']);
    expect(issuesOf({ TELEGRAM_BOT_TOKEN: 'not a token' })).toEqual(['TELEGRAM_BOT_TOKEN']);
    expect(
      issuesOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/t' }),
    ).toEqual(['TELEGRAM_WEBHOOK_SECRET']);
    expect(
      issuesOf({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/t',
        TELEGRAM_WEBHOOK_SECRET: 'has spaces',
        TELEGRAM_WEBHOOK_PORT: '99999',
        TELEGRAM_UPLOAD_LIMIT_MB: 'lots',
        TELEGRAM_API_ROOT: 'ftp://x',
      }),
    ).toEqual([
      'TELEGRAM_API_ROOT',
      'TELEGRAM_UPLOAD_LIMIT_MB',
      'TELEGRAM_WEBHOOK_URL',
      'TELEGRAM_WEBHOOK_SECRET',
      'TELEGRAM_WEBHOOK_PORT',
    ]);
    expect(issuesOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'abc' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET',
    ]);
    const error = (() => {
      try {
        telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: '12:bad token!', TELEGRAM_WEBHOOK_SECRET: 'sekrit' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(String(error)).not.toMatch(/bad token|sekrit/);
  });
});
