import { afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

describe('group chats', () => {
  it('lets only chat administrators use /admin, asking Telegram once a while per member', async () => {
    const { fake, user } = await startHarness();
    const owner = await user({ first_name: 'Owner' });
    const admin = await user({ first_name: 'Admin' });
    const member = await user({ first_name: 'Member' });
    const group = fake.createGroup({ owner, admins: [admin], members: [member] });
    const answers = (count: number) =>
      fake.waitFor((f) => {
        const sent = f.botMessages(group);
        return sent.length >= count ? sent : undefined;
      });

    fake.sendText({ chat: group, from: member, text: '/admin models block fake/image' });
    expect(textOf((await answers(1))[0])).toBe('Only this community’s admins can change its settings.');
    fake.sendText({ chat: group, from: admin, text: '/admin models block fake/image' });
    expect(textOf((await answers(2))[1])).toMatch(/^Saved\.[\s\S]*Allowed models: (?!.*fake\/image)/);
    fake.sendText({ chat: group, from: owner, text: '/admin payer community' });
    expect(textOf((await answers(3))[2])).toMatch(/^Saved\./);

    // The block applies to members; the member's admin status was cached.
    fake.sendText({ chat: group, from: member, text: '/imagine a fox --model fake/image' });
    expect(textOf((await answers(4))[3])).toMatch(/does not allow fake\/image/);
    const asked = fake.calls('getChatMember').map((call) => Number(call.payload.user_id));
    expect(asked.sort()).toEqual([owner.id, admin.id, member.id].sort());
  });

  it('paces status edits more slowly in groups than in private chats', async () => {
    const { fake, user } = await startHarness({ config: { editIntervalMs: { private: 10, group: 400 } } });
    const judy = await user();
    const group = fake.createGroup({ members: [judy] });
    fake.sendText({ chat: group, from: judy, text: '/imagine a fox [slow:6]' });
    const status = await fake.waitFor((f) => f.botMessages(group).find((m) => /\nDone/.test(textOf(m))), {
      timeoutMs: 10_000,
    });
    const edits = fake
      .calls('editMessageText')
      .filter((call) => Number(call.payload.message_id) === status.messageId)
      .map((call) => call.at);
    for (let index = 1; index < edits.length; index += 1)
      expect(edits[index]! - edits[index - 1]!).toBeGreaterThanOrEqual(390);
  });
});
