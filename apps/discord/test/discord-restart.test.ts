import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

let h: BotHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Discord messages that outlive the interaction', () => {
  it('finishes a job after a restart in its message, through the channel once the token expired', async () => {
    h = await startBotHarness({ genhub: { chat: { confirmAboveUsd: 100, operators: [] } } });
    const harness = h;
    const user = harness.fake.addUser({ username: 'patient' });
    await harness.grant(user.id, 1);
    const command = await harness.fake.runCommand({
      name: 'imagine',
      user,
      options: { prompt: 'a slow fox [slow:60]' },
    });
    const message = await harness.fake.waitFor(() => {
      const reply = command.original();
      return reply && /\d+%/.test(reply.content) ? reply : undefined;
    });
    const jobId = /job (\w+)/.exec(message.content)?.[1] ?? '';
    await harness.stopGenHub();
    expect(jobId).not.toBe('');
    command.expire(); // the 15 minutes are up

    await harness.restart();
    await harness.fake.waitFor(() => /^Done/m.test(message.content), { timeoutMs: 15_000 });
    expect(message.versions.at(-1)?.via).toBe('channel PATCH');
    expect(message.attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(message.content).toContain(`job ${jobId}`);
    expect(
      harness.logs.some(
        (line) => line.message === 'the interaction token no longer works; using the channel',
      ),
    ).toBe(true);

    // Its buttons point at the stored job, so they work for the new process too.
    const press = await harness.fake.pressButton({
      message,
      customId: message.button('Reroll')?.customId ?? '',
      user,
    });
    const second = await harness.fake.waitFor(() => press.followups().find((m) => /^Done/m.test(m.content)), {
      timeoutMs: 10_000,
    });
    expect(second.content).not.toContain(`job ${jobId}`);
  });

  it('logs a refused upload (never the token) and still delivers the result, as links', async () => {
    h = await startBotHarness({
      fake: { uploadLimit: 10 },
      genhub: { chat: { confirmAboveUsd: 100, operators: [] } },
    });
    const harness = h;
    const user = harness.fake.addUser({ username: 'dm-lover' });
    await harness.grant(user.id, 1);
    const settings = await harness.fake.runCommand({ name: 'settings', user, options: { delivery: 'dm' } });
    await harness.fake.waitFor(() => /Delivery: direct messages/.test(settings.original()?.content ?? ''));
    const command = await harness.fake.runCommand({
      name: 'imagine',
      user,
      options: { prompt: 'a fox for me' },
    });
    // The note is for the user alone: an ephemeral follow-up in place of the public deferral.
    const note = await harness.fake.waitFor(() => command.followups()[0]);
    expect(note).toMatchObject({ ephemeral: true, content: expect.stringMatching(/direct messages/) });
    const dm = harness.fake.dmChannel(user);
    const result = await harness.fake.waitFor(
      () => harness.fake.messages({ channelId: dm.id }).find((message) => /^Done/m.test(message.content)),
      { timeoutMs: 10_000 },
    );
    expect(result.attachments).toEqual([]);
    expect(result.content).toMatch(/too large to attach here\): http:\/\/\S+\/files\//);
    const refused = harness.logs.find((line) => line.message === 'could not edit a Discord message');
    expect(refused?.fields).toMatchObject({ status: 413, code: 40005, messageId: result.id });
    expect(JSON.stringify(harness.logs)).not.toContain(command.token);
    expect(JSON.stringify(harness.logs)).not.toContain(harness.fake.token);
  });
});
