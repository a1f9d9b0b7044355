import type { DiscordFakeInteraction, DiscordFakeMessage } from '@genhub/chat-fakes';
import { BLOCKED_PROMPT_SENTENCE, BLOCKED_USER_SENTENCE } from '@genhub/core';
import { fakePlugin, recordingPlugin } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

const recording = recordingPlugin(fakePlugin);
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({
    fake: { guilds: [{ name: 'Art', channels: ['general', 'mod-reports'] }] },
    genhub: {
      limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
      chat: { confirmAboveUsd: 5, operators: [] },
    },
    plugins: [recording.plugin],
  });
});

afterAll(async () => {
  await h?.close();
});

/** The first message of an interaction (its reply or a follow-up) whose text matches. */
function answer(interaction: DiscordFakeInteraction, check: RegExp): Promise<DiscordFakeMessage> {
  return h.fake.waitFor(
    () =>
      [interaction.original(), ...interaction.followups()].find(
        (message) => message !== undefined && !message.deleted && check.test(message.content),
      ),
    { timeoutMs: 15_000, description: `an answer matching ${check}` },
  );
}

describe('community safety on Discord', () => {
  it('blocklist, report to the admin channel, Delete and Block from the report, and the log', async () => {
    const guild = h.fake.guild;
    const reportsChannel = guild.channels.find((channel) => channel.name === 'mod-reports');
    if (!reportsChannel) throw new Error('no #mod-reports');
    const admin = h.fake.addUser({ username: 'mod', permissions: ['ManageGuild'] });
    const member = h.fake.addUser({ username: 'member' });
    const reporter = h.fake.addUser({ username: 'reporter' });
    await h.grant(member.id, 1);
    const account = { kind: 'user' as const, id: `discord:${member.id}` };

    const add = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'blocklist',
      user: admin,
      options: { action: 'add', entry: 'bad, nud*' },
    });
    expect((await answer(add, /Saved/)).content).toBe('Saved; the blocklist has 2 entries.');
    const route = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'reports',
      user: admin,
      options: { channel: reportsChannel },
    });
    expect((await answer(route, /Saved/)).content).toBe(`Saved; reports go to ${reportsChannel.id}.`);

    // A blocked word however written: refused before any price, reservation or provider request.
    const before = await h.genhub.store.ledger.balance(account);
    for (const prompt of ['a BAD dog', 'a b.a d dog', 'B A D', 'Nudity please']) {
      const refused = await h.fake.runCommand({ name: 'imagine', user: member, options: { prompt } });
      const sentence = await answer(refused, /allow/);
      expect(sentence.content).toBe(BLOCKED_PROMPT_SENTENCE);
      expect(sentence.ephemeral).toBe(true);
    }
    expect(await h.genhub.store.ledger.balance(account)).toEqual(before);
    expect(recording.submitted).toHaveLength(0);
    expect((await h.genhub.generation.usage({ userId: account.id })).items).toHaveLength(0);

    // A clean prompt runs, with a Report button.
    const clean = await h.fake.runCommand({ name: 'imagine', user: member, options: { prompt: 'a badger' } });
    const result = await answer(clean, /^Done/m);
    expect(recording.submitted).toHaveLength(1);
    const report = result.button('Report');
    expect(report).toBeDefined();

    const pressed = await h.fake.pressButton({
      message: result,
      customId: report?.customId ?? '',
      user: reporter,
    });
    expect((await answer(pressed, /Thanks/)).ephemeral).toBe(true);
    const filed = await h.fake.waitFor(
      () =>
        h.fake.messages({ channelId: reportsChannel.id }).find((message) => /^Report:/.test(message.content)),
      { timeoutMs: 15_000, description: 'the report in #mod-reports' },
    );
    expect(filed.content).toContain(`reported a result by discord:${member.id}`);
    expect(filed.content).toContain('Prompt: a badger');
    expect(filed.attachments[0]).toMatchObject({ contentType: 'image/png' });

    // Only admins may use the report's buttons.
    const deleteButton = filed.button('Delete result')?.customId ?? '';
    const blockButton = filed.button('Block user')?.customId ?? '';
    const denied = await h.fake.pressButton({ message: filed, customId: deleteButton, user: reporter });
    await answer(denied, /Only the admins/);
    expect(result.deleted).toBe(false);

    const removed = await h.fake.pressButton({ message: filed, customId: deleteButton, user: admin });
    await answer(removed, /Deleted the result/);
    await h.fake.waitFor(() => result.deleted, { timeoutMs: 15_000, description: 'the result deleted' });
    const blocked = await h.fake.pressButton({ message: filed, customId: blockButton, user: admin });
    await answer(blocked, /Blocked/);

    // The blocked member's next command is refused, with nothing charged.
    const submittedBefore = recording.submitted.length;
    const next = await h.fake.runCommand({ name: 'imagine', user: member, options: { prompt: 'a fox' } });
    expect((await answer(next, /blocked/)).content).toBe(BLOCKED_USER_SENTENCE);
    expect(recording.submitted).toHaveLength(submittedBefore);

    // The log lists both actions (and the rest), for admins only.
    const log = await h.fake.runCommand({ name: 'admin', subcommand: 'log', user: admin });
    const lines = (await answer(log, /delete-result/)).content.split('\n');
    expect(lines[0]).toContain(`discord:${admin.id} · block · discord:${member.id}`);
    expect(lines[1]).toMatch(
      new RegExp(`discord:${admin.id} · delete-result · \\w+ · result by discord:${member.id}`),
    );
    expect(lines.join('\n')).toMatch(/report/);
    expect(lines.join('\n')).toMatch(/prompt-refused/);

    const unblock = await h.fake.runCommand({
      name: 'admin',
      subcommand: 'unblock',
      user: admin,
      options: { user: member },
    });
    await answer(unblock, /again/);
    const again = await h.fake.runCommand({ name: 'imagine', user: member, options: { prompt: 'a fox' } });
    await answer(again, /^Done/m);
  });
});
