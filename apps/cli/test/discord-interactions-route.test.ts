import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '@genhub/chat';
import { type DiscordFake, startDiscordFake } from '@genhub/chat-fakes';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFrontEnd, startFrontEnds } from '../src/front-ends.js';
import { type HttpServer, startHttpServer } from '../src/http-server.js';
import { createMetrics, type Metrics } from '../src/metrics.js';

let fake: DiscordFake;
let genhub: GenHub;
let controller: ChatController;
let metrics: Metrics;
let server: HttpServer;
let frontEnds: RunningFrontEnd[];

beforeAll(async () => {
  fake = await startDiscordFake();
  genhub = await createGenHub(
    { dataDir: mkdtempSync(join(tmpdir(), 'genhub-cli-discord-http-')) },
    { logger: silentLogger },
  );
  controller = new ChatController(genhub);
  metrics = createMetrics(genhub.generation);
  server = await startHttpServer(genhub, metrics, 0);
  const env = {
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_PUBLIC_KEY: fake.publicKey,
  };
  frontEnds = await startFrontEnds(genhub, controller, silentLogger, env, server);
  await genhub.start();
});

afterAll(async () => {
  for (const frontEnd of frontEnds ?? []) await frontEnd.stop();
  controller?.close();
  metrics?.close();
  await server?.close();
  await genhub?.close();
  await fake?.close();
});

describe('genhub start with DISCORD_PUBLIC_KEY', () => {
  it('serves Discord interactions at /discord/interactions on its HTTP server, with no gateway connection', async () => {
    expect(frontEnds.map((frontEnd) => frontEnd.name)).toEqual(['Discord']);
    await fake.useInteractionsEndpoint(`${server.url}/discord/interactions`);
    const command = await fake.runCommand({ name: 'help' });
    expect(command.responseType).toBe(5);
    const answer = await fake.waitFor(() => command.original()?.content, { timeoutMs: 20_000 });
    expect(answer).toMatch(/imagine/);
    expect(fake.gateway.sessions).toHaveLength(0);
    const other = await fetch(`${server.url}/discord/interactions`, { method: 'GET' });
    expect(other.status).toBe(405);
  });
});
