import { type DiscordFakeInteraction, discordGuildIdOnShard } from '@genhub/chat-fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

const harnesses: BotHarness[] = [];

afterEach(async () => {
  // The second process first: the first owns the fake.
  for (const harness of harnesses.reverse()) await harness.close();
  harnesses.length = 0;
});

const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
const WAIT = { timeoutMs: 20_000 };

/** One guild on each shard of `count`. */
function guildsOnEveryShard(count: number) {
  return Array.from({ length: count }, (_, shard) => ({
    name: `Shard ${shard}`,
    id: discordGuildIdOnShard(shard, count, shard),
  }));
}

/**
 * Runs /imagine in every guild and waits for every result: each acknowledged exactly once, and one
 * job each in the store.
 */
async function imagineEverywhere(h: BotHarness): Promise<void> {
  const { fake } = h;
  const user = fake.addUser({ username: 'everywhere' });
  await h.grant(user.id, 5);
  const commands: DiscordFakeInteraction[] = [];
  for (const guild of fake.guilds) {
    commands.push(await fake.runCommand({ name: 'imagine', user, guild, options: { prompt: guild.name } }));
  }
  for (const command of commands) {
    const result = await fake.waitFor(() => {
      const message = command.original();
      return message && /^Done/m.test(message.content) ? message : undefined;
    }, WAIT);
    expect(result.attachments).toHaveLength(1);
    const callbacks = fake.callsTo(CALLBACK).filter((call) => call.params.interactionId === command.id);
    expect(callbacks).toHaveLength(1);
  }
  const jobs = await h.genhub.store.jobs.usage({ userId: `discord:${user.id}`, limit: 100 });
  expect(jobs.items).toHaveLength(fake.guilds.length);
}

describe('a sharded Discord bot', () => {
  it("takes Discord's recommended shard count from /gateway/bot and runs every shard in one process", async () => {
    const h = await startBotHarness({
      fake: { shards: 2, maxConcurrency: 2, guilds: guildsOnEveryShard(2) },
    });
    harnesses.push(h);
    const shards = h.fake.gateway
      .liveSessions()
      .map((session) => session.shard)
      .sort(([a], [b]) => a - b);
    expect(shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.bot.client.guilds.cache.size).toBe(2);
    expect(h.fake.callsTo('GET /gateway/bot').length).toBeGreaterThan(0);
    await imagineEverywhere(h);
  });

  it('splits 4 shards over 2 bot processes on one database, paced together: every guild answered, once', {
    timeout: 90_000,
  }, async () => {
    const fakeOptions = { shards: 4, guilds: guildsOnEveryShard(4) };
    const env = (index: number) => ({
      DISCORD_SHARD_COUNT: '4',
      DISCORD_SHARD_PROCESSES: '2',
      DISCORD_SHARD_PROCESS_INDEX: String(index),
    });
    const first = await startBotHarness({ fake: fakeOptions, env: env(0) });
    harnesses.push(first);
    const second = await startBotHarness({ env: env(1), beside: first });
    harnesses.push(second);

    expect([...first.bot.client.ws.shards.keys()].sort()).toEqual([0, 2]);
    expect([...second.bot.client.ws.shards.keys()].sort()).toEqual([1, 3]);
    const identified = first.fake.gateway.liveSessions().map((session) => session.identify.shard);
    expect(identified).toHaveLength(4);
    expect(identified).toEqual(
      expect.arrayContaining([
        [0, 4],
        [1, 4],
        [2, 4],
        [3, 4],
      ]),
    );
    // Each process has the guilds of its own shards only.
    expect(first.bot.client.guilds.cache.size).toBe(2);
    expect(second.bot.client.guilds.cache.size).toBe(2);

    // One IDENTIFY per 5 s for the whole bot (max_concurrency 1), though two processes started.
    const identifies = first.fake.gateway.log
      .filter((entry) => entry.direction === 'received' && entry.op === 2)
      .map((entry) => entry.at)
      .sort((a, b) => a - b);
    expect(identifies).toHaveLength(4);
    for (let index = 1; index < identifies.length; index += 1)
      expect((identifies[index] ?? 0) - (identifies[index - 1] ?? 0)).toBeGreaterThanOrEqual(5000);

    await imagineEverywhere(first);
  });
});
