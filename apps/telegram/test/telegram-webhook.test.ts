import { request } from 'node:http';
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

  it('counts the bytes of a body as they arrive: 413 past 1 MB, whatever the headers say', async () => {
    const { fake, config, logs, telegram, user } = await startHarness({ webhook: true });
    const url = telegram.webhookAddress ?? '';
    const secret = config.webhook?.secret ?? '';

    // Chunked, no Content-Length, and never finished: refused once more than 1 MB has come.
    const endless = await postChunked(url, secret, (write) => {
      for (let sent = 0; sent < 2 * 1024 * 1024; sent += 64 * 1024) write(Buffer.alloc(64 * 1024, 0x20));
    });
    expect(endless).toBe(413);
    // A declared size over the limit is refused without reading it.
    expect(await postChunked(url, secret, () => {}, { 'content-length': String(3 * 1024 * 1024) })).toBe(413);
    expect(logs.filter((line) => /over the size limit/.test(line.message))).toHaveLength(2);

    // A real update, chunked, is taken.
    const una = await user();
    const chat = fake.privateChat(una);
    const update = {
      update_id: 9001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: una,
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    const status = await postChunked(url, secret, (write, end) => {
      const json = Buffer.from(JSON.stringify(update));
      write(json.subarray(0, 10));
      write(json.subarray(10));
      end();
    });
    expect(status).toBe(200);
    await fake.waitFor((f) => f.botMessages(chat).find((m) => /imagine/.test(textOf(m))));
  });
});

/** POSTs a body written by `send`, chunked unless headers say otherwise; resolves with the status. */
function postChunked(
  url: string,
  secret: string,
  send: (write: (chunk: Buffer) => void, end: () => void) => void,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, ...headers },
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    // Once answered, the server closes the connection: writes after that may fail.
    req.on('error', reject);
    req.flushHeaders();
    send(
      (chunk) => req.write(chunk),
      () => req.end(),
    );
  });
}
