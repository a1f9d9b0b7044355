import { BLOCKED_PROMPT_SENTENCE, BLOCKED_USER_SENTENCE } from '@genhub/core';
import { fakePlugin, recordingPlugin } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonData, closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

describe('community safety on Telegram', () => {
  it('blocklist, a report to the admins in private, Delete and Block from it, and the log', async () => {
    const recording = recordingPlugin(fakePlugin);
    const { fake, genhub, user } = await startHarness({ plugins: [recording.plugin] });
    const owner = await user({ first_name: 'Owner' });
    const admin = await user({ first_name: 'Admin' });
    const member = await user({ first_name: 'Member' });
    const reporter = await user({ first_name: 'Reporter' });
    const group = fake.createGroup({ owner, admins: [admin], members: [member, reporter] });
    const inGroup = (check: RegExp) =>
      fake.waitFor((f) => f.botMessages(group).find((m) => check.test(textOf(m))), {
        timeoutMs: 15_000,
      });
    const account = { kind: 'user' as const, id: `telegram:${member.id}` };

    fake.sendText({ chat: group, from: admin, text: '/admin blocklist add bad' });
    expect(textOf(await inGroup(/^Saved; the blocklist/))).toBe('Saved; the blocklist has 1 entry.');
    fake.sendText({ chat: group, from: member, text: '/admin blocklist add good' });
    await inGroup(/^Only this community’s admins can do that/);

    const before = await genhub.store.ledger.balance(account);
    for (const prompt of ['a BAD dog', 'a b.a-d dog', 'B A D']) {
      const count = fake.botMessages(group).length;
      fake.sendText({ chat: group, from: member, text: `/imagine ${prompt}` });
      const answer = await fake.waitFor((f) => f.botMessages(group)[count], { timeoutMs: 15_000 });
      expect(textOf(answer)).toBe(BLOCKED_PROMPT_SENTENCE);
    }
    expect(await genhub.store.ledger.balance(account)).toEqual(before);
    expect(recording.submitted).toHaveLength(0);

    fake.sendText({ chat: group, from: member, text: '/imagine a badger' });
    const status = await inGroup(/a badger[\s\S]*\nDone/);
    const result = await fake.waitFor((f) =>
      f
        .botMessages(group)
        .find((m) => m.message.photo && m.message.reply_to_message?.message_id === status.messageId),
    );
    const withKeyboard = result.message.reply_markup ? result : status;
    expect(recording.submitted).toHaveLength(1);

    fake.pressButton({ message: withKeyboard, data: buttonData(withKeyboard, 'Report'), from: reporter });
    await inGroup(/^Thanks; this community’s admins have your report/);
    // Each admin gets it in private, with the picture and the two buttons.
    const filed = await fake.waitFor(
      (f) => {
        const found = [owner, admin].map((person) =>
          f.botMessages(person.id).find((m) => /^Report:/.test(textOf(m))),
        );
        return found.every((m) => m !== undefined) ? found : undefined;
      },
      { timeoutMs: 15_000 },
    );
    const adminsReport = filed[1]!;
    expect(textOf(adminsReport)).toContain(`reported a result by telegram:${member.id}`);
    expect(textOf(adminsReport)).toContain('Prompt: a badger');
    expect(adminsReport.message.photo).toBeDefined();

    // The buttons in a private chat work for the group's admins only.
    const privateChat = fake.privateChat(admin);
    fake.pressButton({ message: adminsReport, data: buttonData(adminsReport, 'Delete result'), from: admin });
    await fake.waitFor((f) => f.botMessages(privateChat).find((m) => /^Deleted the result/.test(textOf(m))), {
      timeoutMs: 15_000,
    });
    const left = fake.botMessages(group).map((m) => m.messageId);
    expect(left).not.toContain(status.messageId);
    expect(left).not.toContain(result.messageId);

    fake.pressButton({ message: adminsReport, data: buttonData(adminsReport, 'Block user'), from: admin });
    await fake.waitFor((f) => f.botMessages(privateChat).find((m) => /^Blocked telegram:/.test(textOf(m))), {
      timeoutMs: 15_000,
    });

    fake.sendText({ chat: group, from: member, text: '/imagine a fox' });
    expect(textOf(await inGroup(/blocked from generating/))).toBe(BLOCKED_USER_SENTENCE);
    expect(recording.submitted).toHaveLength(1);

    fake.sendText({ chat: group, from: admin, text: '/admin log' });
    const log = textOf(await inGroup(/delete-result/)).split('\n');
    expect(log[0]).toContain(`telegram:${admin.id} · block · telegram:${member.id}`);
    expect(log[1]).toContain(`telegram:${admin.id} · delete-result`);
    expect(log.join('\n')).toContain('prompt-refused');
  });
});
