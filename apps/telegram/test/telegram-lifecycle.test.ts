import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

const done = /\nDone/;

describe('the bot over its life', () => {
  it('registers the command list with Telegram, names like 3d included', async () => {
    const { fake, controller } = await startHarness();
    const commands = fake.commands();
    expect(commands.map((c) => c.command)).toEqual(controller.definitions().map((d) => d.name));
    expect(commands).toContainEqual({ command: '3d', description: expect.stringMatching(/3D/) });
    for (const command of commands) {
      expect(command.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(256);
    }
  });

  it('follows a running job again after a restart, in the same status message', async () => {
    const harness = await startHarness();
    const { fake, controller, user } = harness;
    const pat = await user();
    const chat = fake.privateChat(pat);
    fake.sendText({ from: pat, text: '/imagine a fox [slow:40]' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => /\nRunning/.test(textOf(m))));
    controller.close();
    await harness.telegram.stop();
    expect(fake.pendingUpdates()).toEqual([]);

    await harness.restartBot();
    await fake.waitFor((f) => done.test(textOf(f.message(chat, status.messageId))), { timeoutMs: 10_000 });
    const photo = await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.photo));
    expect(photo.message.reply_to_message?.message_id).toBe(status.messageId);
    expect(fake.botMessages(chat).filter((m) => m.message.text !== undefined)).toHaveLength(1);
  });

  it('waits out a 429 and goes on; logs what Telegram refused, without showing it to the user', async () => {
    const { fake, logs, user } = await startHarness();
    const quinn = await user();
    const chat = fake.privateChat(quinn);
    fake.floodNext('sendMessage', { retryAfter: 1 });
    fake.sendText({ from: quinn, text: '/help' });
    const help = await fake.waitFor((f) => f.botMessages(chat)[0], { timeoutMs: 5000 });
    expect(textOf(help)).toMatch(/imagine/);
    expect(fake.calls('sendMessage').map((call) => call.status)).toEqual([429, 200]);

    fake.failNext('sendMessage', { errorCode: 400, description: 'Bad Request: something odd', times: 2 });
    fake.sendText({ from: quinn, text: '/help' });
    await fake.waitFor((f) => f.calls('sendMessage').length === 4);
    fake.sendText({ from: quinn, text: '/credits' });
    const credits = await fake.waitFor((f) => f.botMessages(chat).find((m) => /balance/i.test(textOf(m))));
    expect(textOf(credits)).not.toMatch(/something odd/);
    expect(fake.botMessages(chat).some((m) => /something odd/.test(textOf(m)))).toBe(false);
    const refused = logs.filter((line) => line.message === 'Telegram refused a call');
    expect(refused.map((line) => line.fields.description)).toContain('Bad Request: something odd');
    expect(JSON.stringify(logs)).not.toContain(fake.token);
  });

  it('maps /start to the help screen and answers an unknown command in a private chat', async () => {
    const { fake, user } = await startHarness();
    const rob = await user();
    const chat = fake.privateChat(rob);
    fake.sendText({ from: rob, text: '/start' });
    fake.sendText({ from: rob, text: '/frobnicate now' });
    const answers = await fake.waitFor((f) => {
      const sent = f.botMessages(chat);
      return sent.length === 2 ? sent : undefined;
    });
    expect(textOf(answers[0])).toMatch(/\/imagine/);
    expect(textOf(answers[1])).toBe('There is no /frobnicate command; /help lists them.');
  });

  it('stops within its grace when Telegram stops answering, ending the calls under way and their retries', async () => {
    const stopGraceMs = 1500;
    const harness = await startHarness({ stopGraceMs });
    const { fake, user } = harness;
    const vera = await user();
    // The answer to /help waits 1 s (Telegram said so); by then Telegram answers nothing any more.
    fake.floodNext('sendMessage', { retryAfter: 1 });
    fake.sendText({ from: vera, text: '/help' });
    await fake.waitForCall('sendMessage');
    const port = Number(new URL(fake.apiRoot).port);
    await fake.close();
    const silent = await listenSilently(port);
    try {
      // The answer's retry now hangs at a Telegram that never replies (polling is retrying too).
      await waitUntil(() => silent.requests().some((line) => line.includes('/sendMessage')));

      const started = Date.now();
      await harness.telegram.stop();
      expect(Date.now() - started).toBeLessThan(stopGraceMs + 1000);
      // Nothing is left waiting for Telegram, and nothing calls it again.
      await waitUntil(() => silent.open() === 0);
      const calls = silent.requests().length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(silent.requests()).toHaveLength(calls);
    } finally {
      await silent.close();
    }
  });
});

/** A server on `port` that takes connections and never answers: Telegram unreachable, as seen from the bot. */
async function listenSilently(port: number) {
  const sockets = new Set<Socket>();
  const lines: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    let head = '';
    socket.on('data', (chunk) => {
      if (!head.includes('\n')) {
        head += chunk.toString('latin1');
        if (head.includes('\n')) lines.push(head.split('\n')[0] ?? '');
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    /** The request line of every request received. */
    requests: () => [...lines],
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function waitUntil(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
