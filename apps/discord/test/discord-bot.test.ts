import type { DiscordFakeInteraction, DiscordFakeMessage } from '@genhub/chat-fakes';
import { solidPng } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

const EPHEMERAL = 64;
const LOADING = 128;

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({
    genhub: {
      limits: { maxJobsInFlight: 100, rate: { image: { max: 2, windowSeconds: 60 } } },
      chat: { confirmAboveUsd: 0.25, operators: [] },
    },
  });
});

afterAll(async () => {
  await h?.close();
});

/** The message a command's deferred reply became, once `check` holds for its text. */
async function original(interaction: DiscordFakeInteraction, check: RegExp, timeoutMs = 10_000) {
  return h.fake.waitFor(
    () => {
      const message = interaction.original();
      return message && check.test(message.content) ? message : undefined;
    },
    { timeoutMs, description: `the reply to match ${check}` },
  );
}

const done = /^Done/m;
const jobId = (message: DiscordFakeMessage) => /job (\w+)/.exec(message.content)?.[1];

describe('GenHub on Discord (a real discord.js client against the fake)', () => {
  it('runs /imagine: deferral, paced progress edits, the result with files and buttons; Reroll makes a second job', async () => {
    const alice = h.fake.addUser({ username: 'alice' });
    await h.grant(alice.id, 1);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user: alice,
      options: { prompt: 'a fox [slow:3]', seed: 5 },
    });
    const result = await original(command, done);

    expect(command.responseType).toBe(5); // deferred at once
    const versions = result.versions;
    expect(versions[0]).toMatchObject({ via: 'callback 5', flags: LOADING });
    const lines = versions.slice(1).map((version) => version.content.split('\n').at(-1) ?? '');
    expect(lines[0]).toMatch(/^Starting/);
    expect(lines).toContainEqual(expect.stringMatching(/^(Queued|Running)/));
    expect(lines).toContainEqual(expect.stringMatching(/\d+%/));
    expect(versions.slice(1).every((version) => version.via === 'PATCH @original')).toBe(true);
    // Paced: the progress edits (after "Starting", before the result) leave the bot the edit interval
    // (20 ms here) apart; they are timed on arrival, where a slow first request shortens the gaps, so
    // this asks for half the interval on average (unpaced edits come a millisecond or two apart).
    const times = versions.slice(2, -1).map((version) => Date.parse(version.at));
    expect(times.length).toBeGreaterThan(0);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual((times.length - 1) * 10);
    expect(versions.every((version) => (version.flags & EPHEMERAL) === 0)).toBe(true);
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(result.buttons().map((button) => button.label)).toEqual([
      'Reroll',
      'Vary',
      'Animate',
      'Info',
      'Delete',
      'Report',
    ]);
    expect(result.content.length).toBeLessThanOrEqual(2000);

    const reroll = result.button('Reroll');
    const press = await h.fake.pressButton({
      message: result,
      customId: reroll?.customId ?? '',
      user: alice,
    });
    const second = await h.fake.waitFor(
      () => press.followups().find((message) => done.test(message.content)),
      { timeoutMs: 10_000, description: 'the rerolled result' },
    );
    expect(press.responseType).toBe(6); // deferred update: the pressed message stays as it was
    expect(result.content).toMatch(done);
    expect(second.attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(jobId(second)).not.toBe(jobId(result));
    const rerolled = await h.genhub.generation.get(jobId(second) ?? '');
    expect(rerolled?.params.prompt).toBe('a fox [slow:3]');
    expect(rerolled?.params.seed).not.toBe(5);
    expect(rerolled?.origin).toMatchObject({ frontEnd: 'discord', from: jobId(result) });
  });

  it('runs /animate from an attachment the fake serves, after the price is confirmed', async () => {
    const bob = h.fake.addUser({ username: 'bob' });
    await h.grant(bob.id, 5);
    const command = await h.fake.runCommand({
      name: 'animate',
      user: bob,
      options: { prompt: 'make it move' },
      attachments: { image: { filename: 'fox.png', bytes: solidPng(64, 64, [200, 90, 20]) } },
    });
    const ask = await original(command, /Confirm within/);
    expect(ask.content).toMatch(/costs about \$0\.50 .*you have \$5\.00/);
    const confirm = ask.button('Confirm');
    await h.fake.pressButton({ message: ask, customId: confirm?.customId ?? '', user: bob });
    const video = await original(command, done);
    expect(video.attachments[0]).toMatchObject({ contentType: 'video/mp4' });
    const job = await h.genhub.generation.get(jobId(video) ?? '');
    expect(job?.task).toBe('image-to-video');
    expect(h.fake.calls.some((call) => call.method === 'GET' && call.path.includes('/fox.png'))).toBe(true);
  });

  it('answers /credits ephemerally with the balance', async () => {
    const carol = h.fake.addUser({ username: 'carol' });
    await h.grant(carol.id, 2.5);
    const command = await h.fake.runCommand({ name: 'credits', user: carol });
    const answer = await original(command, /balance/i);
    expect(answer.content).toMatch(/Your balance: \$2\.50/);
    expect(answer.ephemeral).toBe(true);
    expect(command.callbacks[0]?.data).toMatchObject({ flags: EPHEMERAL });
  });

  it('refuses a generation without enough credits, with the price and the balance', async () => {
    const dave = h.fake.addUser({ username: 'dave' });
    const command = await h.fake.runCommand({ name: 'imagine', user: dave, options: { prompt: 'a fox' } });
    const answer = await original(command, /credits/);
    expect(answer.content).toMatch(/You need \$0\.01 for this and have \$0\.00; ask an admin for credits\./);
    expect(answer.attachments).toEqual([]);
  });

  it('says when to try again after the rate limit', async () => {
    const erin = h.fake.addUser({ username: 'erin' });
    await h.grant(erin.id, 1);
    const replies: DiscordFakeInteraction[] = [];
    for (const prompt of ['one', 'two', 'three'])
      replies.push(await h.fake.runCommand({ name: 'imagine', user: erin, options: { prompt } }));
    const limited = await h.fake.waitFor(
      () =>
        replies
          .map((reply) => reply.original())
          .find((message) => message && /try again in/.test(message.content)),
      { timeoutMs: 10_000, description: 'a rate-limit answer' },
    );
    expect(limited.content).toMatch(/Slow down: try again in \d+/);
  });

  it('reports a failed provider job as refunded', async () => {
    const frank = h.fake.addUser({ username: 'frank' });
    await h.grant(frank.id, 1);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user: frank,
      options: { prompt: 'a fox [fail]' },
    });
    const answer = await original(command, /Failed/);
    expect(answer.content).toMatch(/You were not charged\.$/);
    const balance = await h.genhub.store.ledger.balance({ kind: 'user', id: `discord:${frank.id}` });
    expect(balance.availableMicros).toBe(1_000_000);
    expect(answer.buttons()).toEqual([]);
  });

  it("sends a file over the interaction's attachment size limit as a link", async () => {
    const grace = h.fake.addUser({ username: 'grace' });
    await h.grant(grace.id, 1);
    const command = await h.fake.runCommand({
      name: 'imagine',
      user: grace,
      options: { prompt: 'a big fox' },
      attachmentSizeLimit: 10,
    });
    const answer = await original(command, done);
    expect(answer.attachments).toEqual([]);
    expect(answer.content).toMatch(/too large to attach here\): http:\/\/\S+\/files\//);
    // Planned as a link from the start: no upload was tried and refused.
    expect(h.logs.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('runs /vector to a PNG picture of the drawing and the sanitized .svg, with Reroll', async () => {
    const heidi = h.fake.addUser({ username: 'heidi' });
    await h.grant(heidi.id, 1);
    const command = await h.fake.runCommand({
      name: 'vector',
      user: heidi,
      options: { prompt: 'a fox logo [hostile-svg]' },
    });
    // The first SVG of a process loads the sanitizer (jsdom), a few seconds on a busy machine.
    const result = await original(command, done, 30_000);
    expect(result.attachments.map((file) => [file.contentType, file.filename.split('.').pop()])).toEqual([
      ['image/png', 'png'],
      ['image/svg+xml', 'svg'],
    ]);
    expect(result.attachments[0]!.filename).toMatch(/-preview\.png$/);
    expect(result.buttons().map((button) => button.label)).toEqual(['Reroll', 'Info', 'Delete', 'Report']);
    const job = await h.genhub.generation.get(jobId(result) ?? '');
    expect(job?.task).toBe('text-to-vector');
  });

  it('runs /sound to an audio attachment', async () => {
    const ivan = h.fake.addUser({ username: 'ivan' });
    await h.grant(ivan.id, 1);
    const command = await h.fake.runCommand({
      name: 'sound',
      user: ivan,
      options: { prompt: 'a door creaking' },
    });
    const result = await original(command, done);
    expect(result.attachments.map((file) => file.contentType)).toEqual([expect.stringMatching(/^audio\//)]);
    const job = await h.genhub.generation.get(jobId(result) ?? '');
    expect(job?.task).toBe('text-to-sound');
  });
});
