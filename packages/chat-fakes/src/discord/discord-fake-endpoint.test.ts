import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordFake, startDiscordFake } from './discord-fake.js';
import { discordGuildIdOnShard } from './discord-ids.js';

describe('Discord fake: sharding and the interactions endpoint', () => {
  let fake: DiscordFake;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    fake = await startDiscordFake({ shards: 3, maxConcurrency: 2 });
    // An endpoint that answers PONG to anything, signed or not: Discord would not take it.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('recommends the configured shard count and identify concurrency on GET /gateway/bot', async () => {
    const response = await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(await response.json()).toMatchObject({ shards: 3, session_start_limit: { max_concurrency: 2 } });
  });

  it('makes guild ids that Discord routes to a chosen shard', () => {
    for (let shard = 0; shard < 5; shard += 1) {
      const id = discordGuildIdOnShard(shard, 5, shard);
      expect(Number((BigInt(id) >> 22n) % 5n)).toBe(shard);
    }
  });

  it('refuses an endpoint that does not check signatures, as the developer portal does', async () => {
    await expect(fake.useInteractionsEndpoint(url)).rejects.toThrow(/bad signature with 200, not 401/);
    expect(fake.endpointDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
  });
});
