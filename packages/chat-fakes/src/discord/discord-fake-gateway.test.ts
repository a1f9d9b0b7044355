import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import type { GatewayPayload } from './discord-api-shapes.js';
import { type DiscordFake, type DiscordFakeOptions, startDiscordFake } from './discord-fake.js';

/** A bare gateway client, to see exactly what the fake sends. */
class RawGateway {
  readonly payloads: GatewayPayload[] = [];
  readonly frames: Array<{ binary: boolean; bytes: Buffer }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly compressed: Buffer[] = [];
  private decodedLength = 0;
  private listeners = new Set<() => void>();

  private constructor(
    readonly socket: WebSocket,
    private readonly mode: 'text' | 'zlib-stream',
  ) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Buffer.isBuffer(data)
        ? data
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      this.frames.push({ binary: isBinary, bytes });
      this.payloads.push(this.decode(bytes, isBinary));
      for (const listener of this.listeners) listener();
    });
  }

  static async open(url: string, query = '?v=10&encoding=json'): Promise<RawGateway> {
    const socket = new WebSocket(`${url}${query}`);
    const gateway = new RawGateway(socket, query.includes('compress=zlib-stream') ? 'zlib-stream' : 'text');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return gateway;
  }

  private decode(bytes: Buffer, isBinary: boolean): GatewayPayload {
    if (this.mode === 'zlib-stream') {
      this.compressed.push(bytes);
      const text = inflateSync(Buffer.concat(this.compressed), {
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
      }).toString();
      const next = text.slice(this.decodedLength);
      this.decodedLength = text.length;
      return JSON.parse(next) as GatewayPayload;
    }
    return JSON.parse(isBinary ? inflateSync(bytes).toString() : bytes.toString()) as GatewayPayload;
  }

  send(payload: unknown): void {
    this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** The first payload (received so far or later) matching `predicate`. */
  next(predicate: (payload: GatewayPayload) => boolean, timeoutMs = 2000): Promise<GatewayPayload> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.payloads.find(predicate);
        if (!found) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(`no matching payload; got ${JSON.stringify(this.payloads.map((p) => p.t ?? p.op))}`),
        );
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  dispatch(event: string): Promise<GatewayPayload> {
    return this.next((payload) => payload.op === 0 && payload.t === event);
  }

  close(code = 1000): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code);
  }
}

let fake: DiscordFake;
const gateways: RawGateway[] = [];

afterEach(async () => {
  for (const gateway of gateways.splice(0)) gateway.socket.terminate();
  await fake?.close();
});

async function start(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
  fake = await startDiscordFake(options);
  return fake;
}

async function open(query?: string): Promise<RawGateway> {
  const gateway = await RawGateway.open(fake.gatewayUrl, query);
  gateways.push(gateway);
  return gateway;
}

const identify = (token: string, intents = 1, extra: Record<string, unknown> = {}) => ({
  op: 2,
  d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra },
});

describe('Discord fake gateway', () => {
  it('says HELLO, then READY and one GUILD_CREATE per guild with sequence numbers, and ACKs heartbeats', async () => {
    await start({ guilds: [{ name: 'One' }, { name: 'Two', channels: ['a', 'b'] }] });
    const gateway = await open();
    const hello = await gateway.next((payload) => payload.op === 10);
    expect(hello).toMatchObject({ op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } });
    gateway.send(identify(fake.token));
    const ready = await gateway.dispatch('READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: fake.botUser.id, bot: true },
      guilds: [
        { id: fake.guilds[0]?.id, unavailable: true },
        { id: fake.guilds[1]?.id, unavailable: true },
      ],
      resume_gateway_url: fake.gatewayUrl,
      application: { id: fake.applicationId },
      shard: [0, 1],
    });
    const creates = await gateway.next(
      () => gateway.payloads.filter((payload) => payload.t === 'GUILD_CREATE').length === 2,
    );
    expect(creates).toBeDefined();
    const guildCreates = gateway.payloads.filter((payload) => payload.t === 'GUILD_CREATE');
    expect(guildCreates.map((payload) => payload.s)).toEqual([2, 3]);
    expect(guildCreates[1]?.d).toMatchObject({
      name: 'Two',
      unavailable: false,
      channels: [{ name: 'a', type: 0 }, { name: 'b' }],
      roles: [
        { name: '@everyone', id: fake.guilds[1]?.id },
        { managed: true, tags: { bot_id: fake.botUser.id } },
      ],
      members: [{ user: { id: fake.botUser.id } }],
    });

    gateway.send({ op: 1, d: 3 });
    const ack = await gateway.next((payload) => payload.op === 11);
    expect(ack).toEqual({ op: 11, d: null, s: null, t: null });
  });

  it('sends no GUILD_CREATE without the Guilds intent, like Discord', async () => {
    await start();
    const gateway = await open();
    gateway.send(identify(fake.token, 0));
    await gateway.dispatch('READY');
    await fake.waitFor(() => fake.gateway.sessions.length === 1);
    expect(gateway.payloads.some((payload) => payload.t === 'GUILD_CREATE')).toBe(false);
  });

  it('closes with Discord close codes: 4004 bad token, 4013 invalid and 4014 disallowed intents, 4003, 4001, 4002, 4012', async () => {
    await start({ privilegedIntents: [] });
    const cases: Array<[string | undefined, unknown, number]> = [
      [undefined, identify('wrong-token'), 4004],
      [undefined, identify(fake.token, 1 << 30), 4013],
      [undefined, identify(fake.token, 1 << 15), 4014],
      [undefined, { op: 3, d: { status: 'online' } }, 4003],
      [undefined, { op: 99, d: null }, 4001],
      [undefined, 'not json', 4002],
      ['?v=9&encoding=json', undefined, 4012],
    ];
    for (const [query, payload, code] of cases) {
      const gateway = await open(query);
      if (payload !== undefined) gateway.send(payload);
      expect((await gateway.closed).code, JSON.stringify(payload ?? query)).toBe(code);
    }
  });

  it('speaks zlib-stream: one shared deflate stream, each payload flushed with 00 00 ff ff', async () => {
    await start();
    const gateway = await open('?v=10&encoding=json&compress=zlib-stream');
    await gateway.next((payload) => payload.op === 10);
    gateway.send(identify(fake.token));
    await gateway.dispatch('GUILD_CREATE');
    expect(
      gateway.frames.every(
        (frame) => frame.binary && frame.bytes.subarray(-4).equals(Buffer.from([0, 0, 255, 255])),
      ),
    ).toBe(true);
    expect(fake.gateway.sessions[0]?.compression).toBe('zlib-stream');
  });

  it('compresses dispatches one by one when IDENTIFY asks for compress: true', async () => {
    await start();
    const gateway = await open();
    gateway.send(identify(fake.token, 1, { compress: true }));
    const ready = await gateway.dispatch('READY');
    expect(ready.d).toMatchObject({ session_id: fake.gateway.sessions[0]?.id });
    expect(gateway.frames[0]?.binary).toBe(false);
    expect(gateway.frames[1]?.binary).toBe(true);
  });

  it('resumes a dropped session, replaying what was missed, and refuses unknown sessions with op 9', async () => {
    await start();
    const first = await open();
    first.send(identify(fake.token, 0));
    const ready = await first.dispatch('READY');
    const sessionId = (ready.d as { session_id: string }).session_id;
    first.close(4000);
    await first.closed;
    await fake.waitFor(() => fake.gateway.liveSessions().length === 0);
    expect(fake.dispatch('GENHUB_TEST', { n: 1 })).toBe(1);

    const second = await open();
    second.send({ op: 6, d: { token: fake.token, session_id: sessionId, seq: ready.s } });
    const missed = await second.dispatch('GENHUB_TEST');
    const resumed = await second.dispatch('RESUMED');
    expect([missed.s, resumed.s]).toEqual([2, 3]);
    expect(fake.gateway.sessions[0]).toMatchObject({ resumes: 1, connected: true });

    const third = await open();
    third.send({ op: 6, d: { token: fake.token, session_id: 'nope', seq: 1 } });
    expect(await third.next((payload) => payload.op === 9)).toMatchObject({ d: false });
  });

  it('tells the bot about its own channel messages when it asked for GUILD_MESSAGES', async () => {
    await start();
    const gateway = await open();
    gateway.send(identify(fake.token, 1 | (1 << 9)));
    await gateway.dispatch('GUILD_CREATE');
    const response = await fetch(`${fake.apiUrl}/v10/channels/${fake.channel.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello' }),
    });
    expect(response.status).toBe(200);
    const created = await gateway.dispatch('MESSAGE_CREATE');
    expect(created.d).toMatchObject({
      content: 'hello',
      guild_id: fake.guild.id,
      channel_id: fake.channel.id,
    });
  });
});
