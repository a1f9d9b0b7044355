import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeflate, type Deflate, deflateSync, constants as zlibConstants } from 'node:zlib';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  ALL_INTENTS,
  GatewayCloseCode,
  GatewayIntent,
  GatewayOp,
  type GatewayPayload,
  type JsonObject,
  PRIVILEGED_INTENTS,
} from './discord-api-shapes.js';
import { apiGuildCreate, apiMember, readyPayload } from './discord-fake-payloads.js';
import type { DiscordFakeState } from './discord-fake-state.js';
import { sessionId as newSessionId } from './discord-ids.js';

/** How a connection compresses what the gateway sends. */
export type GatewayCompression = 'zlib-stream' | 'identify' | 'none';

/** A gateway session: one IDENTIFY, possibly resumed over several connections. */
export interface DiscordGatewaySession {
  readonly id: string;
  readonly intents: number;
  readonly shard: readonly [number, number];
  /** The IDENTIFY payload's `d`, token included. */
  readonly identify: JsonObject;
  /** The last sequence number sent. */
  readonly sequence: number;
  readonly connected: boolean;
  /** False once the client closed with 1000/1001 or the session was invalidated. */
  readonly resumable: boolean;
  readonly compression: GatewayCompression;
  readonly heartbeats: number;
  readonly resumes: number;
}

/** One gateway payload sent or received. */
export interface DiscordGatewayLogEntry {
  readonly direction: 'sent' | 'received';
  readonly op: number;
  readonly t: string | null;
  readonly s: number | null;
  readonly d: unknown;
  readonly at: number;
}

export interface DiscordFakeGateway {
  /** `ws://127.0.0.1:<port>`, what `GET /gateway/bot` answers. */
  readonly url: string;
  readonly sessions: readonly DiscordGatewaySession[];
  readonly log: readonly DiscordGatewayLogEntry[];
  /** Sessions with an open, identified connection. */
  liveSessions(): DiscordGatewaySession[];
  /**
   * Sends a dispatch (op 0) to every session whose shard holds `target.guildId` (shard 0 for DMs) and,
   * when `target.intents` is given, that asked for one of those intents; returns how many sessions got
   * it. Disconnected but resumable sessions keep it for the RESUME replay.
   */
  dispatch(event: string, data: JsonObject, target?: DispatchTarget): number;
  /** Asks every client to reconnect and resume (op 7). */
  requestReconnect(): void;
  /** Closes every connection with `code` (4000 unless given), as a network blip would; clients resume. */
  dropConnections(code?: number): void;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

/** Which sessions a dispatch goes to. */
export interface DispatchTarget {
  guildId?: string | undefined;
  intents?: number | undefined;
}

export interface GatewayOptions {
  state: DiscordFakeState;
  token: string;
  applicationId: string;
  applicationFlags: number;
  heartbeatIntervalMs: number;
  /** Privileged intents switched on for the application; others close the gateway with 4014. */
  privilegedIntents: number;
  onActivity: () => void;
}

interface SessionRecord extends DiscordGatewaySession {
  sequence: number;
  connection: Connection | undefined;
  resumable: boolean;
  compression: GatewayCompression;
  heartbeats: number;
  resumes: number;
  readonly backlog: GatewayPayload[];
  readonly connected: boolean;
}

interface Connection {
  socket: WebSocket;
  session: SessionRecord | undefined;
  deflate: Deflate | undefined;
  identifyCompress: boolean;
  chain: Promise<void>;
}

const BACKLOG_LIMIT = 1000;

/** Starts the fake gateway on 127.0.0.1 at a free port. */
export async function startDiscordGateway(options: GatewayOptions): Promise<DiscordFakeGateway> {
  const { state } = options;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions: SessionRecord[] = [];
  const log: DiscordGatewayLogEntry[] = [];
  const connections = new Set<Connection>();

  const record = (direction: 'sent' | 'received', payload: GatewayPayload) => {
    log.push({
      direction,
      op: payload.op,
      t: payload.t ?? null,
      s: payload.s ?? null,
      d: payload.d,
      at: Date.now(),
    });
  };

  const send = (connection: Connection, payload: GatewayPayload) => {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    record('sent', payload);
    const text = JSON.stringify({
      t: payload.t ?? null,
      s: payload.s ?? null,
      op: payload.op,
      d: payload.d ?? null,
    });
    const { deflate } = connection;
    if (deflate) {
      connection.chain = connection.chain.then(
        () =>
          new Promise<void>((resolve) => {
            deflate.write(text);
            deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
              const parts: Buffer[] = [];
              for (
                let chunk = deflate.read() as Buffer | null;
                chunk !== null;
                chunk = deflate.read() as Buffer | null
              ) {
                parts.push(chunk);
              }
              if (connection.socket.readyState === connection.socket.OPEN)
                connection.socket.send(Buffer.concat(parts));
              resolve();
            });
          }),
      );
    } else if (connection.identifyCompress && payload.op === GatewayOp.Dispatch) {
      connection.socket.send(deflateSync(text));
    } else {
      connection.socket.send(text);
    }
  };

  const close = (connection: Connection, code: number, reason: string) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.close(code, reason);
  };

  const dispatchTo = (session: SessionRecord, event: string, data: JsonObject) => {
    session.sequence += 1;
    const payload: GatewayPayload = { op: GatewayOp.Dispatch, t: event, s: session.sequence, d: data };
    session.backlog.push(payload);
    if (session.backlog.length > BACKLOG_LIMIT) session.backlog.shift();
    if (session.connection) send(session.connection, payload);
  };

  const shardOf = (guildId: string | undefined, count: number) =>
    guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));

  const identify = (connection: Connection, d: JsonObject) => {
    if (connection.session)
      return close(connection, GatewayCloseCode.AlreadyAuthenticated, 'Already authenticated.');
    if (typeof d.token !== 'string' || d.token.replace(/^Bot\s+/i, '') !== options.token) {
      return close(connection, GatewayCloseCode.AuthenticationFailed, 'Authentication failed.');
    }
    const intents = d.intents;
    if (
      typeof intents !== 'number' ||
      !Number.isInteger(intents) ||
      intents < 0 ||
      (intents & ~ALL_INTENTS) !== 0
    ) {
      return close(connection, GatewayCloseCode.InvalidIntents, 'Invalid intent(s).');
    }
    if ((intents & PRIVILEGED_INTENTS & ~options.privilegedIntents) !== 0) {
      return close(connection, GatewayCloseCode.DisallowedIntents, 'Disallowed intent(s).');
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const [id, count] = Array.isArray(d.shard) ? d.shard : [];
      if (typeof id !== 'number' || typeof count !== 'number' || count < 1 || id < 0 || id >= count) {
        return close(connection, GatewayCloseCode.InvalidShard, 'Invalid shard.');
      }
      shard = [id, count];
    }
    connection.identifyCompress = d.compress === true;
    const session: SessionRecord = {
      id: newSessionId(),
      intents,
      shard,
      identify: d,
      sequence: 0,
      connection,
      resumable: true,
      compression: connection.deflate ? 'zlib-stream' : connection.identifyCompress ? 'identify' : 'none',
      heartbeats: 0,
      resumes: 0,
      backlog: [],
      get connected() {
        return this.connection !== undefined;
      },
    };
    sessions.push(session);
    connection.session = session;
    const guilds = state.guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    dispatchTo(
      session,
      'READY',
      readyPayload(state, {
        sessionId: session.id,
        resumeUrl: url,
        applicationId: options.applicationId,
        applicationFlags: options.applicationFlags,
        shard,
        guilds,
      }),
    );
    if ((intents & GatewayIntent.Guilds) !== 0) {
      for (const guild of guilds) dispatchTo(session, 'GUILD_CREATE', apiGuildCreate(state, guild, intents));
    }
  };

  const resume = (connection: Connection, d: JsonObject) => {
    if (connection.session)
      return close(connection, GatewayCloseCode.AlreadyAuthenticated, 'Already authenticated.');
    const token = typeof d.token === 'string' ? d.token.replace(/^Bot\s+/i, '') : '';
    if (token !== options.token)
      return close(connection, GatewayCloseCode.AuthenticationFailed, 'Authentication failed.');
    const session = sessions.find((candidate) => candidate.id === d.session_id && candidate.resumable);
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session) return send(connection, { op: GatewayOp.InvalidSession, d: false });
    if (seq > session.sequence) return close(connection, GatewayCloseCode.InvalidSeq, 'Invalid seq.');
    if (session.connection && session.connection !== connection) {
      close(session.connection, GatewayCloseCode.SessionTimedOut, 'Session resumed elsewhere.');
    }
    session.connection = connection;
    session.resumes += 1;
    connection.session = session;
    for (const payload of session.backlog) if ((payload.s ?? 0) > seq) send(connection, payload);
    dispatchTo(session, 'RESUMED', { _trace: ['["gateway-fake-local",{"micros":1}]'] });
  };

  const requestMembers = (connection: Connection, session: SessionRecord, d: JsonObject) => {
    const guild = typeof d.guild_id === 'string' ? state.guild(d.guild_id) : undefined;
    if (!guild) return;
    const ids = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : [];
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    if (ids.length === 0 && (session.intents & GatewayIntent.GuildMembers) === 0) {
      return close(connection, GatewayCloseCode.DisallowedIntents, 'Requesting members needs GUILD_MEMBERS.');
    }
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const users = guild.memberIds.flatMap((id) => state.users.get(id) ?? []);
    const matching =
      ids.length > 0
        ? users.filter((user) => ids.includes(user.id))
        : users.filter((user) => user.username.toLowerCase().startsWith(query)).slice(0, limit);
    dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: matching.map((user) => apiMember(state, guild.id, user)),
      chunk_index: 0,
      chunk_count: 1,
      ...(ids.length > 0 ? { not_found: ids.filter((id) => !matching.some((user) => user.id === id)) } : {}),
      ...(d.nonce === undefined ? {} : { nonce: d.nonce }),
    });
  };

  const onMessage = (connection: Connection, data: RawData) => {
    let payload: GatewayPayload;
    try {
      const parsed = JSON.parse(
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(toBuffers(data)).toString('utf8'),
      ) as unknown;
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        typeof (parsed as GatewayPayload).op !== 'number'
      ) {
        throw new Error('not a payload');
      }
      payload = parsed as GatewayPayload;
    } catch {
      return close(connection, GatewayCloseCode.DecodeError, 'Error while decoding payload.');
    }
    record('received', payload);
    const d = typeof payload.d === 'object' && payload.d !== null ? (payload.d as JsonObject) : {};
    const { session } = connection;
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        if (session) session.heartbeats += 1;
        send(connection, { op: GatewayOp.HeartbeatAck, d: null });
        break;
      case GatewayOp.Identify:
        identify(connection, d);
        break;
      case GatewayOp.Resume:
        resume(connection, d);
        break;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestSoundboardSounds:
        if (!session) close(connection, GatewayCloseCode.NotAuthenticated, 'Not authenticated.');
        break;
      case GatewayOp.RequestGuildMembers:
        if (!session) close(connection, GatewayCloseCode.NotAuthenticated, 'Not authenticated.');
        else requestMembers(connection, session, d);
        break;
      default:
        close(connection, GatewayCloseCode.UnknownOpcode, 'Unknown opcode.');
    }
    options.onActivity();
  };

  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    const connection: Connection = {
      socket,
      session: undefined,
      deflate: undefined,
      identifyCompress: false,
      chain: Promise.resolve(),
    };
    connections.add(connection);
    socket.on('message', (data) => onMessage(connection, data));
    socket.on('error', () => {});
    socket.on('close', (code) => {
      connections.delete(connection);
      connection.deflate?.close();
      const { session } = connection;
      if (session?.connection === connection) {
        session.connection = undefined;
        // A client closing with 1000 or 1001 ends its session; other codes keep it resumable.
        if (code === 1000 || code === 1001) session.resumable = false;
      }
      options.onActivity();
    });
    const version = query.get('v');
    if (version !== null && version !== '10') {
      return close(connection, GatewayCloseCode.InvalidApiVersion, 'Invalid API version.');
    }
    if ((query.get('encoding') ?? 'json') !== 'json') {
      return close(connection, GatewayCloseCode.DecodeError, 'The fake gateway speaks JSON only.');
    }
    const compress = query.get('compress');
    if (compress === 'zlib-stream') connection.deflate = createDeflate();
    else if (compress !== null)
      return close(connection, GatewayCloseCode.DecodeError, `Unsupported compress=${compress}.`);
    send(connection, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: options.heartbeatIntervalMs, _trace: ['["gateway-fake-local",{"micros":1}]'] },
    });
  });

  return {
    url,
    sessions,
    log,
    liveSessions: () => sessions.filter((session) => session.connection !== undefined),
    dispatch(event, data, target = {}) {
      let count = 0;
      for (const session of sessions) {
        if (!session.resumable || shardOf(target.guildId, session.shard[1]) !== session.shard[0]) continue;
        if (target.intents !== undefined && (session.intents & target.intents) === 0) continue;
        dispatchTo(session, event, data);
        count += 1;
      }
      return count;
    },
    requestReconnect() {
      for (const connection of connections) send(connection, { op: GatewayOp.Reconnect, d: null });
    },
    dropConnections(code = GatewayCloseCode.UnknownError) {
      for (const connection of connections) close(connection, code, 'Dropped by the fake.');
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const connection of connections) {
          connection.deflate?.close();
          connection.socket.terminate();
        }
        connections.clear();
        server.close(() => resolve());
      });
    },
  };
}

function toBuffers(data: RawData): Buffer[] {
  if (Array.isArray(data)) return data;
  return [Buffer.from(data as ArrayBuffer)];
}
