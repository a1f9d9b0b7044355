import { afterEach, describe, expect, it } from 'vitest';
import { buttonData, closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

describe('the Telegram bot against the fake Bot API', () => {
  it('runs /imagine: status message, its edits, the photo with its keyboard, then a reroll as a second job', async () => {
    const { fake, jobOf, user } = await startHarness();
    const alice = await user({ first_name: 'Alice' });
    const chat = fake.privateChat(alice);
    const { message: command } = fake.sendText({ from: alice, text: '/imagine a fox [slow:2] --seed 5' });

    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => /\nDone/.test(textOf(m))));
    const photo = fake.botMessages(chat).find((m) => m.message.photo)!;
    expect(status?.message.reply_to_message?.message_id).toBe(command.message_id);
    const versions = status!.versions.map((version) => version.text?.split('\n').at(-1));
    expect(versions[0]).toMatch(/^Starting/);
    expect(versions).toContainEqual(expect.stringMatching(/^Queued|^Running/));
    expect(textOf(status)).toMatch(/^"a fox \[slow:2\]" · fake\/image · job \w+\nDone/);
    // The Cancel button went with the status; the result's keyboard is on the photo.
    expect(status?.message.reply_markup).toBeUndefined();
    expect(photo.message.reply_to_message?.message_id).toBe(status?.messageId);
    expect(photo.files[0]?.mimeType ?? 'image/png').toMatch(/^image\//);
    const labels = (photo.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(labels).toEqual(['Reroll', 'Vary', 'Animate', 'Info', 'Delete']);
    expect(fake.chatActions(chat).map((a) => a.action)).toContain('upload_photo');

    const first = await jobOf(status!);
    expect(first.params.seed).toBe(5);
    expect(first.userId).toBe(`telegram:${alice.id}`);
    const { callbackQuery } = fake.pressButton({
      message: photo,
      data: buttonData(photo, 'Reroll'),
      from: alice,
    });
    await fake.waitFor((f) => f.callbackAnswer(callbackQuery.id));
    const photos = await fake.waitFor((f) => {
      const sent = f.botMessages(chat).filter((m) => m.message.photo);
      return sent.length === 2 ? sent : undefined;
    });
    const secondStatus = fake
      .botMessages(chat)
      .find((m) => m.messageId === photos[1]?.message.reply_to_message?.message_id);
    expect(secondStatus?.message.reply_to_message?.message_id).toBe(photo.messageId);
    const second = await jobOf(secondStatus!);
    expect(second.id).not.toBe(first.id);
    expect(second.params.prompt).toBe('a fox [slow:2]');
    expect(second.origin.from).toBe(first.id);
  });
});
