import type { ServerResponse } from 'node:http';
import { GenHubError } from '@genhub/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingClock, startServer, type TestServer } from './__fixtures__/test-server.js';
import { type ClosableHttpClient, createHttpClient } from './undici-http-client.js';

const KB = 1024;

let server: TestServer | undefined;
let client: ClosableHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** What the server wrote of one streamed answer, and whether the client hung up first. */
interface Streamed {
  writtenBytes: number;
  finished: boolean;
  closed: Promise<void>;
}

/**
 * Streams `total` bytes of JSON-ish text in 16 KB writes, waiting whenever the socket is full, and
 * stops as soon as the client hangs up. No Content-Length unless `declare` is set.
 */
function streamBody(res: ServerResponse, total: number, declare = false): Streamed {
  const streamed: Streamed = { writtenBytes: 0, finished: false, closed: Promise.resolve() };
  streamed.closed = new Promise((resolve) => res.once('close', resolve));
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(declare ? { 'content-length': String(total) } : {}),
  });
  const piece = Buffer.alloc(16 * KB, 'a');
  const writeMore = () => {
    while (!res.destroyed && streamed.writtenBytes < total) {
      const size = Math.min(piece.byteLength, total - streamed.writtenBytes);
      streamed.writtenBytes += size;
      if (!res.write(piece.subarray(0, size))) return void res.once('drain', writeMore);
    }
    if (!res.destroyed) {
      streamed.finished = true;
      res.end();
    }
  };
  writeMore();
  return streamed;
}

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

/** A server answering every request with a streamed body of `bytes` bytes. */
async function serve(bytes: number, declare = false): Promise<{ server: TestServer; answers: Streamed[] }> {
  const answers: Streamed[] = [];
  server = await startServer((_req, res) => answers.push(streamBody(res, bytes, declare)));
  return { server, answers };
}

function capped(maxResponseBytes: number): ClosableHttpClient {
  client = createHttpClient({ clock: recordingClock().clock, maxResponseBytes });
  return client;
}

describe('the response size cap', () => {
  it('stops reading a chunked JSON answer once the cap is passed, closes the connection and does not retry', async () => {
    const { server, answers } = await serve(64 * 1024 * KB);
    const api = capped(256 * KB).withDefaults({ provider: 'acme' });
    const error = await failure(api.json({ url: `${server.origin}/v1/tasks/7` }));
    expect(error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      provider: 'acme',
      message: `acme's answer to GET ${server.origin}/v1/tasks/7 was larger than 256 KB.`,
      details: { maxBytes: 256 * KB },
    });
    await answers[0]!.closed;
    expect(answers[0]!.finished).toBe(false);
    expect(answers[0]!.writtenBytes).toBeLessThan(32 * 1024 * KB);
    expect(server.requests).toHaveLength(1);
  });

  it('caps text() and bytes() the same way', async () => {
    const { server } = await serve(2 * 1024 * KB);
    const http = capped(100 * KB);
    const text = await failure(http.request({ url: server.origin }).then((response) => response.text()));
    expect(text.message).toBe(`The answer to GET ${server.origin}/ was larger than 100 KB.`);
    const bytes = await failure(http.request({ url: server.origin }).then((response) => response.bytes()));
    expect(bytes.message).toBe(`The answer to GET ${server.origin}/ was larger than 100 KB.`);
  });

  it('refuses a Content-Length above the cap before reading the body', async () => {
    const { server, answers } = await serve(64 * 1024 * KB, true);
    const response = await capped(1024 * KB).request({ url: `${server.origin}/file` });
    const error = await failure(response.bytes());
    expect(error).toMatchObject({
      retryable: false,
      details: { maxBytes: 1024 * KB, bytes: 64 * 1024 * KB },
    });
    expect(error.message).toBe(`The answer to GET ${server.origin}/file was larger than 1 MB.`);
    await answers[0]!.closed;
    expect(answers[0]!.finished).toBe(false);
  });

  it('reads a body of exactly the cap, with and without Content-Length, and keeps working after a refusal', async () => {
    const sizes = [300 * KB, 300 * KB, 300 * KB + 1, 300 * KB];
    let index = 0;
    server = await startServer((_req, res) => streamBody(res, sizes[index++]!, index % 2 === 0));
    const http = capped(300 * KB);
    expect((await (await http.request({ url: server.origin })).bytes()).byteLength).toBe(300 * KB);
    expect((await (await http.request({ url: server.origin })).text()).length).toBe(300 * KB);
    await failure((await http.request({ url: server.origin })).bytes());
    expect((await (await http.request({ url: server.origin })).bytes()).byteLength).toBe(300 * KB);
  });

  it('lets a client and then a request set their own cap, the request winning', async () => {
    const { server } = await serve(200 * KB);
    const http = capped(100 * KB);
    const roomy = http.withDefaults({ maxResponseBytes: 1024 * KB });
    expect((await (await roomy.request({ url: server.origin })).bytes()).byteLength).toBe(200 * KB);
    const narrow = await failure(roomy.json({ url: server.origin, maxResponseBytes: 150 * KB }));
    expect(narrow.message).toContain('larger than 150 KB');
    expect(
      (await (await http.request({ url: server.origin, maxResponseBytes: 200 * KB })).text()).length,
    ).toBe(200 * KB);
    // A client derived again keeps the cap it inherits: the whole body is read, then found not JSON.
    await expect(roomy.withDefaults({ provider: 'x' }).json({ url: server.origin })).rejects.toThrow(
      'invalid JSON',
    );
  });

  it('refuses an oversized error answer too, instead of quoting it', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'x'.repeat(200 * KB) } }));
    });
    const error = await failure(capped(64 * KB).json({ url: server.origin, retry: false }));
    expect(error.message).toBe(`The answer to GET ${server.origin}/ was larger than 64 KB.`);
  });

  it("ignores a HEAD answer's Content-Length, which describes no body", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(1024 * 1024 * KB) });
      res.end();
    });
    const response = await capped(KB).request({ method: 'HEAD', url: server.origin });
    expect(await response.text()).toBe('');
  });
});
