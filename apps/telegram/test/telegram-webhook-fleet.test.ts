import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, silentLogger } from '@genhub/core';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWebhook } from '../src/register-webhook.js';
import { closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

describe('a fleet of Telegram bot processes behind one webhook', () => {
  it('sets the webhook once, and handles an update delivered to two processes once', async () => {
    const first = await startHarness({ webhook: true });
    const second = await startHarness({ webhook: true, beside: first });
    const { fake } = first;
    // The second process found the webhook set as configured and left it.
    expect(fake.calls('setWebhook')).toHaveLength(1);
    expect(second.config.webhook?.url).toBe(first.config.webhook?.url);
    expect(second.logs.some((line) => line.fields?.webhook === 'already set')).toBe(true);

    const user = await first.user();
    const chat = fake.privateChat(user);
    const update = {
      update_id: 424_242,
      message: {
        message_id: 7,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: user,
        text: '/imagine a lighthouse',
        entities: [{ type: 'bot_command' as const, offset: 0, length: 8 }],
      },
    };
    // The load balancer (or Telegram retrying) hands the same update to both processes at once.
    const answers = await Promise.all(
      [first, second].map((harness) =>
        fake.postToWebhook(update, { url: harness.telegram.webhookAddress ?? '' }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.photo), { timeoutMs: 20_000 });
    const repeats = () =>
      [...first.logs, ...second.logs].filter((line) => /Telegram update came again/.test(line.message));
    await fake.waitFor(() => repeats().length === 1, { timeoutMs: 10_000 });

    // One job, one reply thread: the update ran in one process only.
    const { jobs } = await first.jobsOf(user);
    expect(jobs).toHaveLength(1);
    const replies = fake
      .botMessages(chat)
      .filter((m) => /lighthouse|Done|Starting/.test(textOf(m)) || m.message.photo);
    expect(replies.filter((m) => m.message.photo)).toHaveLength(1);
  });

  it('lets one of several processes starting together call setWebhook', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genhub-telegram-fleet-'));
    const genhub = await createGenHub({ dataDir }, { logger: silentLogger });
    try {
      const set: string[] = [];
      const api = {
        getWebhookInfo: async () => ({ url: '', has_custom_certificate: false, pending_update_count: 0 }),
        setWebhook: async (url: string) => {
          set.push(url);
          return true as const;
        },
      };
      const webhook = {
        url: 'https://bot.example/telegram',
        secret: 's3cret',
        host: '127.0.0.1',
        port: 0,
        path: '/telegram',
      };
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () =>
          registerWebhook(
            api,
            genhub.store.records,
            1234,
            webhook,
            ['message', 'callback_query'],
            silentLogger,
          ),
        ),
      );
      expect(set).toEqual([webhook.url]);
      expect(outcomes.filter((outcome) => outcome === 'set')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'set by another process')).toHaveLength(4);
      // A new secret is a new configuration: set again.
      const changed = await registerWebhook(
        {
          ...api,
          getWebhookInfo: async () => ({
            url: webhook.url,
            has_custom_certificate: false,
            pending_update_count: 0,
          }),
        },
        genhub.store.records,
        1234,
        { ...webhook, secret: 'n3w-secret' },
        ['message', 'callback_query'],
        silentLogger,
      );
      expect(changed).toBe('set');
      expect(set).toHaveLength(2);
    } finally {
      await genhub.close();
    }
  });
});
