import { afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, type Harness, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

const done = /\nDone/;

/** Waits for the user's one job to finish, then says what there is: jobs, and ledger entries per job. */
async function settled(harness: Harness, user: Parameters<Harness['jobsOf']>[0]) {
  const { fake } = harness;
  const chat = fake.privateChat(user);
  await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))), { timeoutMs: 10_000 });
  await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.photo));
  return harness.jobsOf(user);
}

describe('an update Telegram delivers more than once', () => {
  it('runs once in webhook mode, however often and however soon it comes again', async () => {
    const harness = await startHarness({ webhook: true });
    const { fake, logs, user } = harness;
    const ivan = await user();
    const { update } = fake.sendText({ from: ivan, text: '/imagine a fox' });
    if (!update) throw new Error('not delivered');
    // Telegram did not see the answer: the same update again, twice at once.
    const again = await Promise.all([fake.postToWebhook(update), fake.postToWebhook(update)]);
    expect(again.map((response) => response.status)).toEqual([200, 200]);

    const { jobs, entries } = await settled(harness, ivan);
    expect(jobs).toHaveLength(1);
    expect(entries[jobs[0]!.id]).toEqual(['reserve', 'settle']);
    expect(fake.botMessages(fake.privateChat(ivan)).filter((m) => m.message.text !== undefined)).toHaveLength(
      1,
    );
    expect(logs.filter((line) => /came again/.test(line.message)).length).toBeGreaterThanOrEqual(2);
  });

  it('runs once with long polling, within one batch and after a restart', async () => {
    const harness = await startHarness();
    const { fake, user } = harness;
    const olga = await user();
    const chat = fake.privateChat(olga);
    const { update } = fake.sendText({ from: olga, text: '/imagine a fox' });
    if (!update) throw new Error('not delivered');
    fake.pushUpdate(update);
    const first = await settled(harness, olga);
    expect(first.jobs).toHaveLength(1);

    // Stopped before it could confirm: a new start is handed the same update again.
    await harness.telegram.stop();
    fake.pushUpdate(update);
    fake.sendText({ from: olga, text: '/credits' });
    await harness.restartBot();
    await fake.waitFor((f) => f.botMessages(chat).find((m) => /balance/i.test(textOf(m))));
    expect(fake.pendingUpdates()).toEqual([]);
    const { jobs, entries } = await harness.jobsOf(olga);
    expect(jobs).toHaveLength(1);
    expect(entries[jobs[0]!.id]).toEqual(['reserve', 'settle']);
  });

  it('answers the webhook before handling the update, so Telegram has no reason to send it again', async () => {
    const harness = await startHarness({ webhook: true });
    const { fake, user } = harness;
    const pia = await user();
    const chat = fake.privateChat(pia);
    // The answer to /help cannot go out for 2 s (Telegram says to wait).
    fake.floodNext('sendMessage', { retryAfter: 2 });
    const response = await fake.postToWebhook({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: pia,
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    });
    expect(response.status).toBe(200);
    expect(fake.botMessages(chat)).toEqual([]);
    await fake.waitFor((f) => f.botMessages(chat)[0], { timeoutMs: 5000 });
  });
});
