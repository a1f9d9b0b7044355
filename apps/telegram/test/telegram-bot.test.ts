import { solidPng } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonData, closeHarnesses, startHarness, textOf } from './telegram-harness.js';

/** The done-when suite: the real grammY Bot against the fake Telegram Bot API on loopback. */

afterEach(closeHarnesses);

const done = /\nDone/;

describe('the Telegram bot against the fake Bot API', () => {
  it('runs /imagine: status message, its edits, the photo with its keyboard, then a reroll as a second job', async () => {
    const { fake, jobOf, user } = await startHarness();
    const alice = await user({ first_name: 'Alice' });
    const chat = fake.privateChat(alice);
    const { message: command } = fake.sendText({ from: alice, text: '/imagine a fox [slow:2] --seed 5' });

    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const photo = fake.botMessages(chat).find((m) => m.message.photo)!;
    expect(status.message.reply_to_message?.message_id).toBe(command.message_id);
    const versions = status.versions.map((version) => version.text?.split('\n').at(-1));
    expect(versions[0]).toMatch(/^Starting/);
    expect(versions).toContainEqual(expect.stringMatching(/^Queued|^Running/));
    expect(textOf(status)).toMatch(/^"a fox \[slow:2\]" · fake\/image · job \w+\nDone/);
    // The status message loses its Cancel button; the result's keyboard is on the photo under it.
    expect(status.message.reply_markup).toBeUndefined();
    expect(photo.message.reply_to_message?.message_id).toBe(status.messageId);
    const labels = (photo.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(labels).toEqual(['Reroll', 'Vary', 'Animate', 'Info', 'Delete']);
    expect(fake.calls('sendPhoto')[0]?.transport).toBe('multipart');
    expect(fake.chatActions(chat).map((a) => a.action)).toContain('upload_photo');

    const first = await jobOf(status);
    expect(first).toMatchObject({ userId: `telegram:${alice.id}`, communityId: null, state: 'succeeded' });
    expect(first.params.seed).toBe(5);
    expect(first.origin).toMatchObject({
      frontEnd: 'telegram',
      message: { chatId: chat.id, messageId: status.messageId },
    });

    const { callbackQuery } = fake.pressButton({
      message: photo,
      data: buttonData(photo, 'Reroll'),
      from: alice,
    });
    await fake.waitFor((f) => f.callbackAnswer(callbackQuery.id));
    const secondStatus = await fake.waitFor((f) =>
      f.botMessages(chat).find((m) => m.messageId > photo.messageId && done.test(textOf(m))),
    );
    expect(secondStatus.message.reply_to_message?.message_id).toBe(photo.messageId);
    await fake.waitFor((f) => f.botMessages(chat).filter((m) => m.message.photo).length === 2);
    const second = await jobOf(secondStatus);
    expect(second.id).not.toBe(first.id);
    expect(second.params.prompt).toBe('a fox [slow:2]');
    expect(second.params.seed).not.toBe(5);
    expect(second.origin.from).toBe(first.id);
  });

  it('runs /animate on the photo it replies to, without the bot token reaching the job or the log', async () => {
    const { fake, genhub, jobOf, logs, user } = await startHarness();
    const bob = await user({ first_name: 'Bob' });
    const chat = fake.privateChat(bob);
    const picture = solidPng(64, 48, [200, 40, 40]);
    const { message: photo } = fake.sendPhoto({ from: bob, bytes: picture });
    fake.sendText({ from: bob, text: '/animate make it move', replyTo: photo });

    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const video = await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.video));
    expect(video.message.reply_markup).toBeDefined();
    expect(fake.downloads()).toEqual([{ filePath: expect.stringMatching(/^photos\//), status: 200 }]);
    const job = await jobOf(status);
    expect(job.task).toBe('image-to-video');
    const input = JSON.stringify(job.params);
    expect(input).toContain(`data:image/png;base64,${Buffer.from(picture).toString('base64')}`);
    for (const record of [input, JSON.stringify(job.origin), JSON.stringify(logs)])
      expect(record).not.toContain(fake.token);
    expect(fake.chatActions(chat).map((a) => a.action)).toContain('upload_video');

    // Without a photo, /animate says what it needs.
    fake.sendText({ from: bob, text: '/animate go' });
    const refusal = await fake.waitFor((f) =>
      f.botMessages(chat).find((m) => /needs an image/.test(textOf(m))),
    );
    expect(textOf(refusal)).toBe(
      '/animate needs an image: send it with the command as its caption, or reply to a photo.',
    );
    expect((await genhub.generation.usage({ userId: `telegram:${bob.id}` })).items).toHaveLength(1);
  });

  it('takes the photo a command is the caption of (/edit)', async () => {
    const { fake, jobOf, user } = await startHarness();
    const carol = await user();
    const chat = fake.privateChat(carol);
    fake.sendPhoto({ from: carol, bytes: solidPng(32, 32, [0, 0, 255]), caption: '/edit make it green' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const job = await jobOf(status);
    expect(job.task).toBe('image-to-image');
    expect(JSON.stringify(job.params.images)).toMatch(/^\[\{"url":"data:image\/png;base64,/);
  });

  it('sends a file over the upload limit as a link to the artifact store', async () => {
    const { fake, user } = await startHarness({
      // The fake's images are tiny (79 bytes): a 64-byte limit makes one too large.
      fake: { uploadLimitBytes: 4096 },
      config: { uploadLimitBytes: 64 },
    });
    const dave = await user();
    const chat = fake.privateChat(dave);
    fake.sendText({ from: dave, text: '/imagine a large fox' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    expect(textOf(status)).toMatch(
      /\(.+, too large to attach here\): http:\/\/127\.0\.0\.1:8787\/files\/\S+sig=/,
    );
    expect(fake.calls('sendPhoto')).toEqual([]);
    expect(fake.calls().filter((call) => call.status === 413)).toEqual([]);
    // No file to carry it: the keyboard stays on the text.
    expect(buttonData(status, 'Reroll')).toMatch(/^gh1:r:/);
  });

  it('refuses for lack of credits, with the price and the balance', async () => {
    const { fake, genhub, user } = await startHarness();
    const erin = await user({}, 0);
    const chat = fake.privateChat(erin);
    fake.sendText({ from: erin, text: '/imagine a fox' });
    const refusal = await fake.waitFor((f) =>
      f.botMessages(chat).find((m) => /credit|balance/i.test(textOf(m))),
    );
    expect(textOf(refusal)).toMatch(/\$0\.01/);
    expect(textOf(refusal).split('\n')).toHaveLength(1);
    expect((await genhub.generation.usage({ userId: `telegram:${erin.id}` })).items).toHaveLength(0);
  });

  it('says a failed provider job was refunded', async () => {
    const { fake, genhub, user } = await startHarness();
    const frank = await user({}, 1);
    const chat = fake.privateChat(frank);
    fake.sendText({ from: frank, text: '/imagine a fox [fail]' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => /\nFailed/.test(textOf(m))));
    expect(textOf(status)).toMatch(/You were not charged\.$/);
    expect(fake.calls('sendPhoto')).toEqual([]);
    const balance = await genhub.store.ledger.balance({ kind: 'user', id: `telegram:${frank.id}` });
    expect(balance.availableMicros).toBe(1_000_000);
  });

  it('answers a bad flag with one sentence naming it', async () => {
    const { fake, user } = await startHarness();
    const grace = await user();
    const chat = fake.privateChat(grace);
    fake.sendText({ from: grace, text: '/imagine a fox --bogus 3' });
    const answer = await fake.waitFor((f) => f.botMessages(chat)[0]);
    expect(textOf(answer)).toMatch(/--bogus/);
    expect(textOf(answer).split('\n')).toHaveLength(1);
  });

  it('ignores commands addressed to another bot, and takes those addressed to it in a group', async () => {
    const { fake, jobOf, user } = await startHarness();
    const heidi = await user();
    const group = fake.createGroup({ members: [heidi] });
    fake.sendText({ chat: group, from: heidi, text: '/imagine@other_bot a fox' });
    fake.sendText({ chat: group, from: heidi, text: '/unknown_command' });
    fake.sendText({ chat: group, from: heidi, text: `/imagine@${fake.botInfo.username} a cat` });
    const status = await fake.waitFor((f) => f.botMessages(group).find((m) => done.test(textOf(m))));
    expect(textOf(status)).toMatch(/^"a cat"/);
    expect(fake.botMessages(group).filter((m) => m.message.text !== undefined)).toHaveLength(1);
    const job = await jobOf(status);
    expect(job.communityId).toBe(`telegram:${group.id}`);
    expect(fake.pendingUpdates()).toEqual([]);
  });
});
