import { afterEach, describe, expect, it } from 'vitest';
import { buttonData, closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

const done = /\nDone/;

describe('buttons and where results go', () => {
  it('asks to confirm a price, and turns the confirmation into the status message', async () => {
    const { fake, genhub, user } = await startHarness({ genhub: { chat: { confirmAboveUsd: 0.1 } } });
    const sam = await user();
    const chat = fake.privateChat(sam);
    fake.sendText({ from: sam, text: '/3d a fox' });
    const ask = await fake.waitFor((f) => f.botMessages(chat).find((m) => /Confirm within/.test(textOf(m))));
    fake.pressButton({ message: ask, data: buttonData(ask, 'Confirm'), from: sam });
    await fake.waitFor((f) => done.test(textOf(f.message(chat, ask.messageId))));
    const preview = await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.photo));
    expect(preview.message.reply_to_message?.message_id).toBe(ask.messageId);
    expect((await genhub.generation.usage({ userId: `telegram:${sam.id}` })).items).toHaveLength(1);
  });

  it('cancels a running job from its status message, refunded', async () => {
    const { fake, genhub, user } = await startHarness();
    const tess = await user({}, 1);
    const chat = fake.privateChat(tess);
    fake.sendText({ from: tess, text: '/imagine a fox [slow:200]' });
    const status = await fake.waitFor((f) => {
      const sent = f.botMessages(chat)[0];
      return sent?.message.reply_markup ? sent : undefined;
    });
    fake.pressButton({ message: status, data: buttonData(status, 'Cancel'), from: tess });
    await fake.waitFor((f) => /\nCancelled/.test(textOf(f.message(chat, status.messageId))));
    expect(fake.message(chat, status.messageId)?.message.reply_markup).toBeUndefined();
    const balance = await genhub.store.ledger.balance({ kind: 'user', id: `telegram:${tess.id}` });
    expect(balance.availableMicros).toBe(1_000_000);
  });

  it('sends results to the private chat of a user who asked for that, or here if the bot may not write there', async () => {
    const { fake, user } = await startHarness();
    const uma = await user();
    const vic = await user({ started: false });
    const group = fake.createGroup({ members: [uma, vic] });
    fake.sendText({ from: uma, text: '/settings --delivery dm' });
    fake.sendText({ chat: group, from: vic, text: '/settings --delivery dm' });
    await fake.waitFor(
      (f) => f.botMessages().filter((m) => /Delivery: direct messages/.test(textOf(m))).length === 2,
    );

    fake.sendText({ chat: group, from: uma, text: '/imagine a fox' });
    const direct = await fake.waitFor((f) => f.botMessages(uma.id).find((m) => m.message.photo));
    expect(direct.message.reply_markup).toBeDefined();
    const note = fake.botMessages(group).find((m) => /^Working on it/.test(textOf(m)));
    expect(textOf(note)).toBe('Working on it; the result will come to your direct messages.');

    // The bot may not write to Vic first: his result comes to the group.
    fake.sendText({ chat: group, from: vic, text: '/imagine a cat' });
    const here = await fake.waitFor((f) => f.botMessages(group).find((m) => m.message.photo));
    expect(here.message.reply_markup).toBeDefined();
    expect(
      fake
        .calls()
        .filter((call) => call.status === 403)
        .map((call) => call.method),
    ).toEqual(['sendChatAction']);
  });
});
