import type { DiscordFakeInteraction } from '@genhub/chat-fakes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

const EPHEMERAL = 64;

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({
    genhub: { limits: { maxJobsInFlight: 100 }, chat: { confirmAboveUsd: 100, operators: [] } },
  });
});

afterAll(async () => {
  await h?.close();
});

async function original(interaction: DiscordFakeInteraction, check: RegExp) {
  return h.fake.waitFor(
    () => {
      const message = interaction.original();
      return message && check.test(message.content) ? message : undefined;
    },
    { timeoutMs: 10_000, description: `the reply to match ${check}` },
  );
}

describe('Discord interactions', () => {
  it('registers every command for servers and DMs, /admin only for Manage Server', () => {
    const commands = h.fake.commands();
    expect(commands.map((command) => command.name)).toEqual(
      h.controller.definitions().map((definition) => definition.name),
    );
    for (const command of commands) {
      expect(command.contexts).toEqual([0, 1]);
      expect(command.integration_types).toEqual([0]);
    }
    const admin = commands.find((command) => command.name === 'admin');
    expect(admin?.default_member_permissions).toBe('32');
    expect(commands.filter((command) => command.default_member_permissions !== null)).toHaveLength(1);
  });

  it('answers autocomplete with the models for the command, at most 25', async () => {
    const sent = await h.fake.autocomplete({ name: 'imagine', focused: 'model', value: 'fake' });
    const choices = await h.fake.waitFor(() => sent.choices);
    expect(choices).toEqual([{ name: 'Fake Image (fake/image)', value: 'fake/image' }]);
    const none = await h.fake.autocomplete({ name: 'imagine', focused: 'model', value: 'no such model' });
    expect(await h.fake.waitFor(() => none.choices)).toEqual([]);
  });

  it('works in DMs: no community, results in the DM channel', async () => {
    const user = h.fake.addUser({ username: 'dm-user' });
    await h.grant(user.id, 1);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user,
      dm: true,
      options: { prompt: 'hello' },
    });
    const result = await original(command, /^Done/m);
    expect(result.channelId).toBe(h.fake.dmChannel(user).id);
    expect(result.guildId).toBeUndefined();
    const job = await h.genhub.generation.get(/job (\w+)/.exec(result.content)?.[1] ?? '');
    expect(job?.communityId ?? null).toBeNull();
    expect(job?.userId).toBe(`discord:${user.id}`);
  });

  it('lets members with Manage Server use /admin, and maps users to discord:<id>', async () => {
    const member = h.fake.addUser({ username: 'member' });
    await expect(
      h.fake.runCommand({ name: 'admin', subcommand: 'payer', user: member, options: { who: 'community' } }),
    ).rejects.toThrow(/default_member_permissions/);
    const admin = h.fake.addUser({ username: 'mod', permissions: ['ManageGuild'] });
    const command = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'models',
      user: admin,
      options: { action: 'block', model: 'fake/video' },
    });
    const answer = await original(command, /Allowed models/);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).not.toMatch(/fake\/video/);
    const community = await h.controller.settings.community(`discord:${h.fake.guild.id}`);
    expect(community.allowedModels).not.toContain('fake/video');

    const grant = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'grant',
      user: admin,
      options: { user: member, amount_usd: 5 },
    });
    expect((await original(grant, /operators/)).content).toMatch(/Only GenHub’s operators can grant credits/);
  });

  it('gives a private answer to a public deferral as an ephemeral follow-up, and removes the deferral', async () => {
    const user = h.fake.addUser({ username: 'typo' });
    const command = await h.fake.runCommand({
      name: 'imagine',
      user,
      options: { prompt: 'a fox', model: 'nosuch/model' },
    });
    const answer = await h.fake.waitFor(() => command.followups()[0]);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toBe("That model doesn't exist; use /models to see the ones you can pick.");
    expect(command.original()?.deleted).toBe(true);
    expect(h.fake.messages().filter((message) => message.interactionId === command.id)).toEqual([answer]);
  });

  it('defers privately for users whose settings say private', async () => {
    const user = h.fake.addUser({ username: 'shy' });
    await h.grant(user.id, 1);
    const settings = await h.fake.runCommand({ name: 'settings', user, options: { privacy: 'private' } });
    await original(settings, /Privacy: private/);
    const command = await h.fake.runCommand({ name: 'imagine', user, options: { prompt: 'a quiet fox' } });
    const result = await original(command, /^Done/m);
    expect(command.callbacks[0]?.data).toMatchObject({ flags: EPHEMERAL });
    expect(result.ephemeral).toBe(true);
    expect(result.attachments).toHaveLength(1);
  });

  it('shows a job’s info as a follow-up and lets only its owner delete it', async () => {
    const owner = h.fake.addUser({ username: 'owner' });
    const other = h.fake.addUser({ username: 'other' });
    await h.grant(owner.id, 1);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user: owner,
      options: { prompt: 'mine', seed: 7 },
    });
    const result = await original(command, /^Done/m);
    const press = (user: typeof owner, label: string) =>
      h.fake.pressButton({ message: result, customId: result.button(label)?.customId ?? '', user });

    const info = await press(owner, 'Info');
    const shown = await h.fake.waitFor(() => info.followups()[0]);
    expect(shown.content).toMatch(/seed: 7/);

    const refused = await press(other, 'Delete');
    const sorry = await h.fake.waitFor(() => refused.followups()[0]);
    expect(sorry).toMatchObject({
      ephemeral: true,
      content: 'Only the person who asked for this can delete it.',
    });
    expect(result.deleted).toBe(false);

    await press(owner, 'Delete');
    await h.fake.waitFor(() => result.deleted);
  });

  it('acknowledges in time even when the settings cannot be read', async () => {
    const user = h.fake.addUser({ username: 'hurried' });
    await h.grant(user.id, 1);
    // The first read (deciding whether to defer privately) never answers.
    vi.spyOn(h.controller.settings, 'effective').mockImplementationOnce(() => new Promise(() => {}));
    const started = Date.now();
    const command = await h.fake.runCommand({ name: 'imagine', user, options: { prompt: 'quick' } });
    await h.fake.waitFor(() => command.acknowledged);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(command.callbacks[0]?.data?.flags ?? 0).toBe(0);
    await original(command, /^Done/m);
  });
});
