import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import { type DiscordFake, startDiscordFake } from '@genhub/chat-fakes';
import { createGenHub, createMemoryLogger, type GenHub, type MemoryLogLine } from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/deploy-commands.js';
import { discordConfigFromEnv } from '../src/discord-config.js';
import { DISCORD_INTERACTIONS_PATH } from '../src/discord-interactions-endpoint.js';
import {
  type DiscordInteractionsBot,
  startDiscordInteractionsBot,
} from '../src/start-discord-interactions-bot.js';

interface HttpHarness {
  fake: DiscordFake;
  genhub: GenHub;
  bot: DiscordInteractionsBot;
  /** The Interactions Endpoint URL. */
  url: string;
  logs: MemoryLogLine[];
  close(): Promise<void>;
}

/** The fake Discord, GenHub, and the bot's interactions endpoint on an HTTP server of its own. */
async function startHttpHarness(): Promise<HttpHarness> {
  const fake = await startDiscordFake();
  const { logger, lines } = createMemoryLogger({ level: 'debug' });
  const config = discordConfigFromEnv({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_EDIT_INTERVAL_MS: '20',
    DISCORD_PUBLIC_KEY: fake.publicKey,
  });
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-discord-http-')),
      trustedOrigins: [fake.url],
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger },
  );
  const controller = new ChatController(genhub);
  const bot = await startDiscordInteractionsBot({ genhub, controller, config, logger });
  await genhub.start();
  await deployCommands(config, controller.definitions());
  const server: Server = createServer((request, response) => {
    if (request.url === DISCORD_INTERACTIONS_PATH) void bot.handleRequest(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${DISCORD_INTERACTIONS_PATH}`;
  return {
    fake,
    genhub,
    bot,
    url,
    logs: lines,
    async close() {
      await bot.stop();
      controller.close();
      await genhub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fake.close();
    },
  };
}

let h: HttpHarness;

beforeEach(async () => {
  h = await startHttpHarness();
});

afterEach(async () => {
  await h.close();
});

const ping = (id: string) =>
  JSON.stringify({ id, application_id: h.fake.applicationId, type: 1, token: 't', version: 1 });

const post = (body: string, headers: Record<string, string>) =>
  fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the Discord interactions endpoint (DISCORD_PUBLIC_KEY)', () => {
  it("passes Discord's own check of the URL: a signed PING gets PONG, a badly signed one 401", async () => {
    await h.fake.useInteractionsEndpoint(h.url);
    expect(h.fake.endpointDeliveries.map((delivery) => delivery.status)).toEqual([200, 401]);
    expect(h.fake.endpointDeliveries[0]?.json).toEqual({ type: 1 });
  });

  it('refuses a missing or wrong signature, a body changed after signing, and a stale timestamp', async () => {
    const body = ping('1');
    const signed = h.fake.signInteraction(body);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { ...signed, 'x-signature-ed25519': 'ab'.repeat(64) })).status).toBe(401);
    expect((await post(ping('2'), signed)).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await post(body, h.fake.signInteraction(body, tenMinutesAgo))).status).toBe(401);
    // None of these spent the signature: the good request still goes through, once.
    const good = await post(body, signed);
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ type: 1 });
    expect(
      h.logs
        .filter((line) => /refused a Discord interaction/.test(line.message))
        .map((line) => line.fields?.reason),
    ).toEqual(['no signature', 'bad signature', 'bad signature', 'stale timestamp']);
  });

  it('refuses a request sent again with the same signature', async () => {
    const body = ping('3');
    const signed = h.fake.signInteraction(body);
    expect((await post(body, signed)).status).toBe(200);
    expect((await post(body, signed)).status).toBe(401);
    expect(h.logs.some((line) => line.fields?.reason === 'replayed signature')).toBe(true);
  });

  it('answers /imagine with a deferral in the HTTP response, then edits the original with the result', async () => {
    await h.fake.useInteractionsEndpoint(h.url);
    const user = h.fake.addUser({ username: 'webhooked' });
    await h.genhub.store.ledger.grant({ kind: 'user', id: `discord:${user.id}` }, 1_000_000);
    const command = await h.fake.runCommand({ name: 'imagine', user, options: { prompt: 'a fox' } });
    const delivery = h.fake.endpointDeliveries.find((entry) => entry.interactionId === command.id);
    expect(delivery).toMatchObject({ status: 200, json: { type: 5 } });
    expect(command.responseType).toBe(5);
    const result = await h.fake.waitFor(
      () => {
        const message = command.original();
        return message && /^Done/m.test(message.content) ? message : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(result.versions.slice(1).every((version) => version.via === 'PATCH @original')).toBe(true);
    // No gateway, and no REST callback: the deferral was the HTTP answer.
    expect(h.fake.gateway.sessions).toHaveLength(0);
    expect(h.fake.callsTo('POST /interactions/:interactionId/:token/callback')).toHaveLength(0);

    // A button on the result is a component interaction: deferred as an update (type 6).
    const press = await h.fake.pressButton({
      message: result,
      customId: result.button('Info')?.customId ?? '',
      user,
    });
    expect(h.fake.endpointDeliveries.find((entry) => entry.interactionId === press.id)).toMatchObject({
      status: 200,
      json: { type: 6 },
    });
  });

  it('answers autocomplete in the HTTP response (type 8), and a repeat of a handled interaction with 500', async () => {
    await h.fake.useInteractionsEndpoint(h.url);
    const typed = await h.fake.autocomplete({ name: 'imagine', focused: 'model', value: 'fake' });
    expect(h.fake.endpointDeliveries.find((entry) => entry.interactionId === typed.id)?.json).toEqual({
      type: 8,
      data: { choices: [{ name: 'Fake Image (fake/image)', value: 'fake/image' }] },
    });
    expect(typed.choices).toEqual([{ name: 'Fake Image (fake/image)', value: 'fake/image' }]);

    // The same interaction, signed again a minute earlier (within the 5-minute window, and never the
    // same signature as the delivery seconds ago): it was claimed, so no second handling or answer.
    const command = await h.fake.runCommand({ name: 'help' });
    expect(command.responseType).toBe(5);
    const body = JSON.stringify(command.payload);
    const again = await post(body, h.fake.signInteraction(body, Math.floor(Date.now() / 1000) - 60));
    expect(again.status).toBe(500);
    expect(h.logs.some((line) => /interaction came again/.test(line.message))).toBe(true);
  });
});
