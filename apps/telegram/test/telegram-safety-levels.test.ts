import type { TgChat, TgUser } from '@genhub/chat-fakes';
import { bflPlugin } from '@genhub/plugin-bfl';
import { FAKE_BFL_KEY, type FakeBflApi, startFakeBflApi } from '@genhub/plugin-bfl/test-fake';
import { fakePlugin } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeHarnesses, type Harness, startHarness, textOf } from './telegram-harness.js';

const MODEL = 'bfl/flux-2-pro';

let bfl: FakeBflApi;

beforeAll(async () => {
  bfl = await startFakeBflApi();
  bfl.plan({ pendingPolls: 0, ending: 'Ready' });
});
afterEach(closeHarnesses);
afterAll(async () => {
  await bfl?.close();
});

function startWithBfl(): Promise<Harness> {
  return startHarness({
    genhub: { trustedOrigins: [bfl.global.url, bfl.regional.url] },
    plugins: [fakePlugin, bflPlugin],
    env: { GENHUB_BFL_API_KEY: FAKE_BFL_KEY, GENHUB_BFL_BASE_URL: bfl.url },
  });
}

/** The bot's `index`-th message in the chat (0 first), once it has sent that many. */
function nth(h: Harness, chat: TgChat | number, index: number) {
  return h.fake.waitFor((f) => f.botMessages(chat)[index], { timeoutMs: 15_000 });
}

const balance = (h: Harness, user: TgUser) =>
  h.genhub.store.ledger.balance({ kind: 'user', id: `telegram:${user.id}` });

describe('safety levels on Telegram', () => {
  it('keeps mature off in a group until its admins turn it on, then runs at the mature setting behind a spoiler', async () => {
    const h = await startWithBfl();
    const admin = await h.user({ first_name: 'Admin' });
    const member = await h.user({ first_name: 'Member' }, 5);
    const group = h.fake.createGroup({ owner: admin, members: [member] });
    const before = await balance(h, member);
    const submitted = bfl.submits().length;

    h.fake.sendText({
      chat: group,
      from: member,
      text: `/imagine a figure study --model ${MODEL} --safety mature`,
    });
    expect(textOf(await nth(h, group, 0))).toBe(
      'Mature generations are off here; a group admin can turn them on with /admin safety mature.',
    );
    h.fake.sendText({
      chat: group,
      from: member,
      text: `/imagine a figure study --model ${MODEL} --safety_tolerance 4`,
    });
    expect(textOf(await nth(h, group, 1))).toBe(
      'The safety level here is standard, so safetyTolerance cannot be 4; leave it out or use 0 to 2.',
    );
    expect(await balance(h, member)).toEqual(before);
    expect(bfl.submits()).toHaveLength(submitted);

    h.fake.sendText({ chat: group, from: member, text: '/admin safety mature' });
    expect(textOf(await nth(h, group, 2))).toBe('Only this community’s admins can change its settings.');
    h.fake.sendText({ chat: group, from: admin, text: '/admin safety mature --spoiler on' });
    expect(textOf(await nth(h, group, 3))).toMatch(
      /^Saved\.\nSafety level of the community: mature\.\nHere: mature\./,
    );
    const [logged] = await h.genhub.moderation.log({ community: `telegram:${group.id}` });
    expect(logged).toMatchObject({
      actor: `telegram:${admin.id}`,
      action: 'set-safety',
      detail: 'level mature community-wide, spoiler on',
    });

    h.fake.sendText({ chat: group, from: member, text: `/imagine a figure study --model ${MODEL}` });
    const photo = await h.fake.waitFor(
      (f) => f.botMessages(group).find((message) => message.message.photo !== undefined),
      { timeoutMs: 15_000 },
    );
    expect(photo.message.has_media_spoiler).toBe(true);
    const body = bfl.submits('flux-2-pro').at(-1)?.bodyJson as Record<string, unknown>;
    expect(body.safety_tolerance).toBe(5);
    expect(h.fake.calls('sendPhoto').at(-1)?.payload.has_spoiler).toBeTruthy();
  });

  it('uses the operator’s level in private chats: standard, so mature is refused there', async () => {
    const h = await startWithBfl();
    const user = await h.user({ first_name: 'Solo' }, 5);
    const chat = user.id;
    h.fake.sendText({ chat, from: user, text: `/imagine a fox --model ${MODEL} --safety mature` });
    expect(textOf(await nth(h, chat, 0))).toBe(
      'Mature generations are off in direct messages with this bot; its operator has set them to standard.',
    );
  });
});
