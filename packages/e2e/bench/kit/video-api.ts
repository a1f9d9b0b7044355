// A loopback video API for the benchmarks: tasks that take `taskMs` to finish and result files of
// `fileBytes` bytes generated as they are sent (the server never holds a file), each one's sha256
// recorded so a benchmark can check what arrived.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VideoApiOptions {
  fileBytes: number;
  taskMs: number;
}

export interface VideoApi {
  url: string;
  /** Status calls received. */
  polls(): number;
  /** The sha256 of each file sent in full, by task id. */
  sentHashes(): ReadonlyMap<string, string>;
  close(): Promise<void>;
}

const CHUNK = 256 * 1024;
/** An MP4 `ftyp` box, so the artifact store recognises the file as a video. */
const FTYP = Buffer.from('0000001c6674797069736f6d0000020069736f6d69736f326d703431', 'hex');

export async function startVideoApi(options: VideoApiOptions): Promise<VideoApi> {
  const created = new Map<string, number>();
  const hashes = new Map<string, string>();
  // One block of noise reused for every chunk: never changed once made, so it can be queued many times.
  const noise = randomBytes(CHUNK);
  let polls = 0;
  let next = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const sendFile = async (id: string, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(options.fileBytes) });
    const hash = createHash('sha256');
    let closed = false;
    res.once('close', () => {
      closed = true;
      res.emit('drain');
    });
    let sent = 0;
    while (sent < options.fileBytes) {
      const first = sent === 0;
      const size = Math.min(CHUNK, options.fileBytes - sent);
      const chunk = first ? Buffer.concat([FTYP, noise]).subarray(0, size) : noise.subarray(0, size);
      hash.update(chunk);
      sent += size;
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      if (closed) return;
    }
    res.end();
    hashes.set(id, hash.digest('hex'));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', base).pathname;
    if (req.method === 'POST' && path === '/v1/videos') {
      req.resume();
      next += 1;
      const id = `v${next}`;
      created.set(id, Date.now());
      return json(res, 201, { id });
    }
    const task = /^\/v1\/videos\/([\w-]+)$/.exec(path);
    if (req.method === 'GET' && task) {
      polls += 1;
      const at = created.get(task[1]!);
      if (at === undefined) return json(res, 404, { error: 'no such task' });
      if (Date.now() - at < options.taskMs) return json(res, 200, { id: task[1], status: 'running' });
      return json(res, 200, { id: task[1], status: 'succeeded', url: `${base}/files/${task[1]}.mp4` });
    }
    const file = /^\/files\/([\w-]+)\.mp4$/.exec(path);
    if (req.method === 'GET' && file && created.has(file[1]!)) {
      sendFile(file[1]!, res).catch(() => res.destroy());
      return;
    }
    json(res, 404, { error: 'not found' });
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    polls: () => polls,
    sentHashes: () => hashes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
