import { afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

describe('webhook mode', () => {
  it('sets the webhook with its secret, takes updates through it, and refuses requests without the secret', async () => {
    const { fake, config, logs, telegram, user } = await startHarness({ webhook: true });
    expect(fake.webhook()).toMatchObject({
      url: config.webhook?.url,
      secretToken: config.webhook?.secret,
      allowedUpdates: ['message', 'callback_query'],
    });
    expect(telegram.webhookAddress).toBe(config.webhook?.url);
    expect(fake.calls('getUpdates')).toEqual([]);

    const ivan = await user();
    const chat = fake.privateChat(ivan);
    const { message } = fake.sendText({ from: ivan, text: '/imagine a fox' });
    await fake.waitFor((f) => f.botMessages(chat).find((m) => /\nDone/.test(textOf(m))));
    await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.photo));
    await fake.waitFor((f) => f.pendingUpdates().length === 0);

    const sent = fake.botMessages(chat).length;
    const again = { message: { ...message, message_id: message.message_id + 100, text: '/help' } };
    expect(await fake.postToWebhook(again, { secret: null })).toMatchObject({ status: 401 });
    expect(await fake.postToWebhook(again, { secret: 'not-the-secret' })).toMatchObject({ status: 401 });
    expect(fake.botMessages(chat)).toHaveLength(sent);
    expect(logs.filter((line) => /refused a webhook request/.test(line.message))).toHaveLength(2);

    // With the secret, the same update is answered.
    expect(await fake.postToWebhook(again)).toMatchObject({ status: 200 });
    await fake.waitFor((f) => f.botMessages(chat).length === sent + 1);
    expect(JSON.stringify(logs)).not.toContain(config.webhook?.secret);
  });
});
