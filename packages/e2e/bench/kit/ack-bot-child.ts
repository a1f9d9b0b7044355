// The bot under test in the acknowledgement benchmark, in a process of its own so the fake Discord
// (in the benchmark's process, as the real Discord is elsewhere) does not share its event loop.
// MODE=bare: a bare discord.js client that only defers. MODE=genhub: GenHub's Discord bot on a GenHub
// with the testkit's fake provider, USER_IDS (JSON) each granted credits. Says `ready` over IPC once
// logged in, and closes everything on `close`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import { createGenHub, silentLogger } from '@genhub/core';
import { deployCommands, discordConfigFromEnv, startDiscordBot } from '@genhub/discord';
import { fakePlugin } from '@genhub/testkit';
import { Client, Events, GatewayIntentBits } from 'discord.js';

const env = process.env;
const fake = { token: env.FAKE_TOKEN!, applicationId: env.FAKE_APPLICATION_ID!, apiUrl: env.FAKE_API_URL! };

const commandDefinitions = [
  {
    name: 'imagine',
    description: 'Make an image',
    options: [{ type: 3, name: 'prompt', description: 'What to draw', required: true }],
  },
];

async function bare(): Promise<() => Promise<void>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.rest.setToken(fake.token);
  await client.rest.put(`/applications/${fake.applicationId}/commands`, { body: commandDefinitions });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.deferReply().catch(() => undefined);
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(fake.token);
  await ready;
  return () => client.destroy();
}

async function genhubBot(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'genhub-bench-ack-'));
  const config = discordConfigFromEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });
  const genhub = await createGenHub(
    {
      dataDir,
      logLevel: 'silent',
      trustedOrigins: [env.FAKE_URL!],
      limits: { maxJobsInFlight: 100_000, rate: { image: { max: 1_000_000, windowSeconds: 60 } } },
      jobs: { concurrency: 64, pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
  );
  const controller = new ChatController(genhub);
  const bot = await startDiscordBot({ genhub, controller, config, logger: silentLogger });
  await genhub.start();
  await deployCommands(config, controller.definitions());
  for (const id of JSON.parse(env.USER_IDS ?? '[]') as string[]) {
    await genhub.store.ledger.grant({ kind: 'user', id: `discord:${id}` }, 5_000_000);
  }
  return async () => {
    await bot.stop();
    controller.close();
    await genhub.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}

const close = await (env.MODE === 'bare' ? bare() : genhubBot());
process.send?.('ready');
process.once('message', async () => {
  await close();
  process.exit(0);
});
