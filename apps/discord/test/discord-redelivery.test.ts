import type { DiscordFakeInteraction } from '@genhub/chat-fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from './bot-harness.js';

let h: BotHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CALLBACK = 'POST /interactions/:interactionId/:token/callback';

describe('an interaction Discord delivers more than once', () => {
  it('runs once: a command and a button press sent again, at once and after a restart', async () => {
    h = await startBotHarness({ genhub: { chat: { confirmAboveUsd: 100, operators: [] } } });
    const harness = h;
    const { fake } = harness;
    const user = fake.addUser({ username: 'twice' });
    await harness.grant(user.id, 1);
    const userId = `discord:${user.id}`;
    const command = await fake.runCommand({ name: 'imagine', user, options: { prompt: 'a fox' } });
    const result = await fake.waitFor(() => {
      const message = command.original();
      return message && /^Done/m.test(message.content) ? message : undefined;
    });
    const press = await fake.pressButton({
      message: result,
      customId: result.button('Reroll')?.customId ?? '',
      user,
    });
    await fake.waitFor(() => press.followups().find((m) => /^Done/m.test(m.content)), { timeoutMs: 10_000 });

    const again = (interaction: DiscordFakeInteraction) =>
      fake.dispatch('INTERACTION_CREATE', interaction.payload, { guildId: fake.guild.id });
    const skipped = () => harness.logs.filter((line) => /interaction came again/.test(line.message)).length;
    again(command);
    again(command);
    again(press);
    await waitUntil(() => skipped() === 3);
    await harness.restart();
    again(command);
    again(press);
    await waitUntil(() => skipped() === 5);

    const { items: jobs } = await harness.genhub.store.jobs.usage({ userId, limit: 10 });
    expect(jobs).toHaveLength(2);
    const entries = await harness.genhub.store.ledger.entries({ kind: 'user', id: userId }, 100);
    for (const job of jobs) {
      const kinds = entries.filter((entry) => entry.jobId === job.id).map((entry) => entry.kind);
      expect(kinds.sort()).toEqual(['reserve', 'settle']);
    }
    // Each was acknowledged once: the bot acknowledges before it claims, and Discord refuses (40060)
    // the copies' acknowledgements, which ends them quietly.
    for (const interaction of [command, press]) {
      const tried = fake.callsTo(CALLBACK).filter((call) => call.params.interactionId === interaction.id);
      expect(tried).toHaveLength(interaction === command ? 4 : 3);
      expect(fake.interaction(interaction.id)?.callbacks).toHaveLength(1);
    }
    expect(harness.logs.some((line) => /could not acknowledge/.test(line.message))).toBe(false);
  });
});

/** Log lines wake no fake's waiter: look every 20 ms. */
async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
