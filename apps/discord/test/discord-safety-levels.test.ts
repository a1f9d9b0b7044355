import type { DiscordFakeChannel, DiscordFakeInteraction, DiscordFakeUser } from '@genhub/chat-fakes';
import { bflPlugin } from '@genhub/plugin-bfl';
import { FAKE_BFL_KEY, type FakeBflApi, startFakeBflApi } from '@genhub/plugin-bfl/test-fake';
import { fakePlugin } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

const MODEL = 'bfl/flux-2-pro';

let bfl: FakeBflApi;
let h: BotHarness;
let general: DiscordFakeChannel;
let art: DiscordFakeChannel;
let admin: DiscordFakeUser;

beforeAll(async () => {
  bfl = await startFakeBflApi();
  bfl.plan({ pendingPolls: 0, ending: 'Ready' });
  h = await startBotHarness({
    fake: { guilds: [{ name: 'Studio', channels: ['general', { name: 'art-after-dark', nsfw: true }] }] },
    genhub: {
      chat: { confirmAboveUsd: 100, operators: [] },
      trustedOrigins: [bfl.global.url, bfl.regional.url],
    },
    plugins: [fakePlugin, bflPlugin],
    env: { GENHUB_BFL_API_KEY: FAKE_BFL_KEY, GENHUB_BFL_BASE_URL: bfl.url },
  });
  [general, art] = h.fake.guild.channels as [DiscordFakeChannel, DiscordFakeChannel];
  admin = h.fake.addUser({ username: 'mod', permissions: ['ManageGuild'] });
}, 30_000);

afterAll(async () => {
  await h?.close();
  await bfl?.close();
});

/** The reply a command's deferral became, once it matches. */
function reply(interaction: DiscordFakeInteraction, check: RegExp) {
  return h.fake.waitFor(
    () => {
      // A refusal replaces the deferred reply with a private follow-up.
      const messages = [interaction.original(), ...interaction.followups()];
      return messages.find((message) => message !== undefined && check.test(message.content));
    },
    { timeoutMs: 15_000, description: `a reply matching ${check}` },
  );
}

async function balanceOf(user: DiscordFakeUser) {
  return h.genhub.store.ledger.balance({ kind: 'user', id: `discord:${user.id}` });
}

async function member(name: string): Promise<DiscordFakeUser> {
  const user = h.fake.addUser({ username: name });
  await h.grant(user.id, 5);
  return user;
}

describe('safety levels on Discord', () => {
  it('refuses mature in a channel without the age-restricted flag, before any money moves or request is sent', async () => {
    const user = await member('ann');
    const before = await balanceOf(user);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user,
      channel: general,
      options: { prompt: 'a moody figure study', model: MODEL, safety: 'mature' },
    });
    const answer = await reply(command, /age-restricted/);
    expect(answer.content).toBe(
      'Mature generations are only made in an age-restricted channel, and this one is not; use one marked age-restricted.',
    );
    expect(await balanceOf(user)).toEqual(before);
    expect(bfl.submits()).toHaveLength(0);
  });

  it('refuses a provider safety option past the level, so no flag overrides it', async () => {
    const user = await member('ben');
    const before = await balanceOf(user);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user,
      channel: general,
      options: { prompt: 'a lighthouse', model: MODEL, safety_tolerance: 5 },
    });
    const answer = await reply(command, /safety level/);
    expect(answer.content).toBe(
      'The safety level here is standard, so safetyTolerance cannot be 5; leave it out or use 0 to 2.',
    );
    expect(await balanceOf(user)).toEqual(before);
    expect(bfl.submits()).toHaveLength(0);
  });

  it('will not set mature for a channel that is not age-restricted', async () => {
    const command = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'safety',
      user: admin,
      channel: general,
      options: { level: 'mature', where: 'here' },
    });
    expect((await reply(command, /age-restricted/)).content).toMatch(/^This channel is not age-restricted;/);
  });

  it('runs at the provider’s mature setting in an age-restricted channel the admins set to mature, behind a spoiler', async () => {
    const set = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'safety',
      user: admin,
      channel: art,
      options: { level: 'mature', where: 'here', spoiler: true },
    });
    expect((await reply(set, /Saved/)).content).toContain('Here: mature.');

    const user = await member('cat');
    const submitted = bfl.submits().length;
    const command = await h.fake.runCommand({
      name: 'imagine',
      user,
      channel: art,
      options: { prompt: 'a moody figure study', model: MODEL },
    });
    const result = await reply(command, /^Done/m);
    const body = bfl.submits('flux-2-pro')[submitted]?.bodyJson as Record<string, unknown>;
    expect(body.safety_tolerance).toBe(5);
    expect(result.attachments.length).toBeGreaterThan(0);
    expect(result.attachments.every((file) => file.filename.startsWith('SPOILER_'))).toBe(true);
  });

  it('follows the parent channel in a thread, and lets a user ask for a stricter level there', async () => {
    const thread = h.fake.addThread({ parent: art, name: 'sketches' });
    const user = await member('dan');
    const submitted = bfl.submits().length;
    const mature = await h.fake.runCommand({
      name: 'imagine',
      user,
      channel: thread,
      options: { prompt: 'charcoal sketch', model: MODEL },
    });
    await reply(mature, /^Done/m);
    const strict = await h.fake.runCommand({
      name: 'imagine',
      user,
      channel: thread,
      options: { prompt: 'charcoal sketch', model: MODEL, safety: 'strict' },
    });
    const strictResult = await reply(strict, /^Done/m);
    const bodies = bfl.submits('flux-2-pro').slice(submitted);
    expect(bodies.map((call) => (call.bodyJson as Record<string, unknown>).safety_tolerance)).toEqual([5, 0]);
    // Spoilers are for mature results only.
    expect(strictResult.attachments.some((file) => file.filename.startsWith('SPOILER_'))).toBe(false);
  });
});
