import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from '../../src/http-answers.js';

/**
 * The loopback task API (`POST /v1/tasks`, `GET /v1/tasks/:id`, Bearer auth) answering every task
 * with one `data:` URL result of the size its prompt asks for (`[data-result:BYTES]`), streamed
 * chunked (no Content-Length) so it is never held whole, here or by an honest client.
 */
export interface DataResultApi {
  url: string;
  /** Bytes of a task's last answer written before it ended or the client hung up. */
  sentBytes(taskId: string): number;
  close(): Promise<void>;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * One megabyte of base64 text made of letters and digits only: without a `/` in it, a file name
 * taken from the URL's last path segment (as GateAI's plugin takes one) is the whole payload.
 */
const BLOCK = Buffer.alloc(1024 * 1024);
for (let i = 0; i < BLOCK.byteLength; i += 1) BLOCK[i] = ALPHANUMERIC.charCodeAt((i * 7919 + (i >> 10)) % 62);

/** A `bytes`-long result's payload as base64 text, a block at a time (`bytes` rounded down to a multiple of 3). */
function* payloadPieces(bytes: number): Generator<Buffer> {
  let chars = Math.floor(bytes / 3) * 4;
  while (chars > 0) {
    const piece = Math.min(chars, BLOCK.byteLength);
    yield BLOCK.subarray(0, piece);
    chars -= piece;
  }
}

/** The sha256 of the file a `bytes`-long result decodes to. */
export function resultSha256(bytes: number): string {
  const hash = createHash('sha256');
  for (const piece of payloadPieces(bytes)) hash.update(Buffer.from(piece.toString('latin1'), 'base64'));
  return hash.digest('hex');
}

/** The decoded size of a `bytes`-long result. */
export function resultBytes(bytes: number): number {
  return Math.floor(bytes / 3) * 3;
}

export async function startDataResultApi(options: { apiKey: string }): Promise<DataResultApi> {
  const tasks = new Map<string, { bytes: number; sentBytes: number }>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Invalid API key' } });
    }
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (req.method === 'POST' && url.pathname === '/v1/tasks') {
      const prompt = String((JSON.parse(body) as { prompt?: unknown }).prompt ?? '');
      const id = `task_${tasks.size + 1}`;
      tasks.set(id, { bytes: Number(/\[data-result:(\d+)\]/.exec(prompt)?.[1] ?? 0), sentBytes: 0 });
      return sendJson(res, 201, { id, status: 'queued' });
    }
    const id = /^\/v1\/tasks\/([^/]+)$/.exec(url.pathname)?.[1];
    const task = id === undefined ? undefined : tasks.get(id);
    if (req.method !== 'GET' || id === undefined || task === undefined) {
      return sendJson(res, 404, { error: { code: 'not_found', message: 'No such task' } });
    }
    task.sentBytes = 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    const pieces = [
      Buffer.from(`{"id":"${id}","status":"succeeded","outputs":[{"url":"data:image/png;base64,`),
      ...payloadPieces(task.bytes),
      Buffer.from('","media_type":"image/png"}],"cost_usd":0.04}'),
    ];
    for (const piece of pieces) {
      if (res.destroyed) return;
      const flushed = res.write(piece);
      task.sentBytes += piece.byteLength;
      if (!flushed) await drainedOrClosed(res);
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sentBytes: (taskId) => tasks.get(taskId)?.sentBytes ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
