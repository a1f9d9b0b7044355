import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `json` wins over `body`; `delayMs` holds the answer back (for timeouts). */
export interface FakeResponse {
  /** 200 unless given. */
  status?: number;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  body?: string | Uint8Array;
  headers?: Readonly<Record<string, string>>;
  delayMs?: number;
  /** `reset`: drop the connection (TCP RST) instead of answering, after `delayMs`. */
  fault?: 'reset';
}

export type FakeHandler = (call: FakeCall) => FakeResponse | Promise<FakeResponse>;

/**
 * What a route answers: one response every time; a sequence, one per call with the last repeating
 * (a task that is pending, pending, then done); or a handler computing the answer from the call.
 */
export type FakeReply = FakeResponse | readonly FakeResponse[] | FakeHandler;

/** Routes keyed `'METHOD /path'`; a path segment `:name` matches any one segment. */
export type FakeRoutes = Readonly<Record<string, FakeReply>>;

/** A file sent in a multipart/form-data body. */
export interface FakeFile {
  filename: string;
  type: string;
  bytes: Uint8Array;
}

export interface FakeMultipart {
  /** Text fields; the last of repeated names wins (see `entries`). */
  fields: Record<string, string>;
  /** File fields; the last of repeated names wins (see `entries`). */
  files: Record<string, FakeFile>;
  /** Every field in order, repeats included. */
  entries: Array<{ name: string; value: string | FakeFile }>;
}

/** One request the fake server received. */
export interface FakeCall {
  method: string;
  /** Without the query string. */
  path: string;
  /** The last value of each query parameter. */
  query: Record<string, string>;
  /** Values of the matched route's `:name` segments. */
  params: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  bodyText: string;
  bodyBytes: Uint8Array;
  /** The body parsed as JSON, when it is JSON. */
  bodyJson: unknown;
  /** Fields and files of a multipart/form-data body. */
  multipart?: FakeMultipart;
  /** The key of the route that answered, such as `'GET /v1/tasks/:id'`; absent when none matched. */
  route?: string;
}

export interface FakeAuth {
  /** True when the request's (lower-case) headers carry valid credentials. */
  check(headers: Readonly<Record<string, string>>): boolean;
  /** The answer when they do not; each provider documents its own. */
  failure: FakeResponse;
}

export interface FakeServerOptions {
  /** Checks every request before any route answers it. */
  auth?: FakeAuth;
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Every request received, in order, unmatched ones included. */
  readonly calls: readonly FakeCall[];
  /** Adds a route, or replaces the one with the same key (restarting its sequence). */
  route(key: string, reply: FakeReply): void;
  /** The calls a route pattern matches, such as `callsTo('GET /v1/tasks/:id')`. */
  callsTo(key: string): FakeCall[];
  /** Forgets recorded calls and restarts every sequence; routes stay. */
  reset(): void;
  /** Stops listening and drops every connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** A reply with its own sequence position, which `rewind` restarts. */
interface Responder {
  respond(call: FakeCall): Promise<FakeResponse>;
  rewind(): void;
}

const rewindable = Symbol('genhub.fake-server.rewind');

type RewindableHandler = FakeHandler & { [rewindable]?: () => void };

function responder(reply: FakeReply): Responder {
  if (typeof reply === 'function') {
    const handler = reply as RewindableHandler;
    return { respond: async (call) => handler(call), rewind: () => handler[rewindable]?.() };
  }
  if (isSequence(reply)) {
    if (reply.length === 0) throw new TypeError('A fake response sequence needs at least one response.');
    let next = 0;
    return {
      respond: async () => {
        const response = reply[Math.min(next, reply.length - 1)]!;
        next += 1;
        return response;
      },
      rewind: () => {
        next = 0;
      },
    };
  }
  return { respond: async () => reply, rewind: () => {} };
}

function isSequence(reply: FakeResponse | readonly FakeResponse[]): reply is readonly FakeResponse[] {
  return Array.isArray(reply);
}

/**
 * Answers with `reply` when `check` accepts the request's headers and with `failure` otherwise;
 * a sequence in `reply` only advances on accepted calls.
 */
export function withAuth(
  check: FakeAuth['check'],
  reply: FakeReply,
  failure: FakeResponse = { status: 401, json: { error: 'unauthorized' } },
): FakeHandler {
  const inner = responder(reply);
  const handler: RewindableHandler = (call) => (check(call.headers) ? inner.respond(call) : failure);
  handler[rewindable] = () => inner.rewind();
  return handler;
}

/** `withAuth` for `authorization: Bearer <token>`. */
export function withBearer(token: string, reply: FakeReply, failure?: FakeResponse): FakeHandler {
  return withAuth((headers) => headers.authorization === `Bearer ${token}`, reply, failure);
}

interface Route {
  key: string;
  method: string;
  segments: string[];
  /** Routes with fewer `:name` segments win; ties go to the earlier route. */
  paramCount: number;
  responder: Responder;
}

function parseKey(key: string): { method: string; segments: string[] } {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  if (!match) throw new TypeError(`Fake route "${key}" must look like "GET /path/:param".`);
  return { method: match[1]!.toUpperCase(), segments: splitPath(match[2]!) };
}

function splitPath(path: string): string[] {
  return path
    .split('?', 1)[0]!
    .split('/')
    .filter((segment) => segment.length > 0);
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = safeDecode(segment);
    else if (part !== segment) return null;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Starts a fake HTTP API on 127.0.0.1 at a free port. */
export async function startFakeServer(
  routes: FakeRoutes = {},
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const table: Route[] = [];
  const calls: FakeCall[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const addRoute = (key: string, reply: FakeReply): void => {
    const { method, segments } = parseKey(key);
    const route: Route = {
      key,
      method,
      segments,
      paramCount: segments.filter((segment) => segment.startsWith(':')).length,
      responder: responder(reply),
    };
    const existing = table.findIndex(
      (entry) => entry.method === method && sameSegments(entry.segments, segments),
    );
    if (existing === -1) table.push(route);
    else table[existing] = route;
  };
  for (const [key, reply] of Object.entries(routes)) addRoute(key, reply);

  const findRoute = (
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | null => {
    const segments = splitPath(path);
    let best: { route: Route; params: Record<string, string> } | null = null;
    for (const route of table) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, segments);
      if (params && (best === null || route.paramCount < best.route.paramCount)) best = { route, params };
    }
    return best;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const call = await recordCall(req);
    calls.push(call);
    let response: FakeResponse;
    if (options.auth && !options.auth.check(call.headers)) {
      response = options.auth.failure;
    } else {
      const found = findRoute(call.method, call.path);
      if (found) {
        call.params = found.params;
        call.route = found.route.key;
        try {
          response = await found.route.responder.respond(call);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          response = {
            status: 500,
            json: { error: `fake handler for ${found.route.key} threw: ${message}` },
          };
        }
      } else {
        response = { status: 404, json: { error: `no fake route for ${call.method} ${call.path}` } };
      }
    }
    if (response.delayMs !== undefined && response.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, response.delayMs);
        timers.add(timer);
        res.once('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve();
        });
      });
    }
    send(res, response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, json: { error: `fake server failed: ${String(error)}` } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    calls,
    route: addRoute,
    callsTo(key) {
      const { method, segments } = parseKey(key);
      return calls.filter(
        (call) => call.method === method && matchSegments(segments, splitPath(call.path)) !== null,
      );
    },
    reset() {
      calls.length = 0;
      for (const route of table) route.responder.rewind();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
  return fake;
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

async function recordCall(req: IncomingMessage): Promise<FakeCall> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bodyBytes = new Uint8Array(Buffer.concat(chunks));
  const bodyText = new TextDecoder().decode(bodyBytes);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const contentType = headers['content-type'] ?? '';
  const call: FakeCall = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    params: {},
    headers,
    bodyText,
    bodyBytes,
    bodyJson: parseJson(bodyText, contentType),
  };
  if (/^multipart\/form-data/i.test(contentType)) {
    const multipart = await parseMultipart(bodyBytes, contentType);
    if (multipart) call.multipart = multipart;
  }
  return call;
}

function parseJson(text: string, contentType: string): unknown {
  if (text.length === 0 || /^multipart\//i.test(contentType)) return undefined;
  const looksLikeJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!looksLikeJson) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function parseMultipart(
  body: Uint8Array,
  contentType: string,
): Promise<FakeMultipart | undefined> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  const multipart: FakeMultipart = { fields: {}, files: {}, entries: [] };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      multipart.fields[name] = value;
      multipart.entries.push({ name, value });
    } else {
      const file: FakeFile = {
        filename: value.name,
        type: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      };
      multipart.files[name] = file;
      multipart.entries.push({ name, value: file });
    }
  }
  return multipart;
}

function send(res: ServerResponse, response: FakeResponse): void {
  if (res.destroyed) return;
  if (response.fault === 'reset') {
    res.socket?.resetAndDestroy();
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  let body: string | Uint8Array = '';
  if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json';
  } else if (response.body !== undefined) {
    body = response.body;
    headers['content-type'] ??=
      typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
  }
  headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.writeHead(response.status ?? 200, headers);
  res.end(body);
}
