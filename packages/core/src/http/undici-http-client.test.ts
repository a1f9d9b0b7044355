import { GenHubError } from '@genhub/provider';
import { afterEach, describe, expect, it } from 'vitest';
import {
  recordingClock,
  sendJson,
  startServer,
  stuckClock,
  type TestServer,
  unusedPort,
} from './__fixtures__/test-server.js';
import {
  type ClosableHttpClient,
  type CreateHttpClientOptions,
  createHttpClient,
} from './undici-http-client.js';

let server: TestServer | undefined;
let client: ClosableHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(
  handler: Parameters<typeof startServer>[0],
  options: CreateHttpClientOptions = {},
): Promise<{ server: TestServer; client: ClosableHttpClient; sleeps: number[] }> {
  server = await startServer(handler);
  const { clock, sleeps } = recordingClock();
  client = createHttpClient({ clock, random: () => 0.5, ...options });
  return { server, client, sleeps };
}

/** The GenHubError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    expect(GenHubError.isInstance(error)).toBe(true);
    return error as GenHubError;
  }
  throw new Error('expected a rejection');
}

describe('createHttpClient: connections and requests', () => {
  it('reuses one keep-alive connection for consecutive requests to an origin', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, { ok: true }));
    await client.json({ url: `${server.origin}/a` });
    await client.json({ url: `${server.origin}/b` });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.remotePort).toBeDefined();
    expect(server.requests[1]?.remotePort).toBe(server.requests[0]?.remotePort);
  });

  it('joins baseUrl, appends query, merges headers case-insensitively and sends JSON', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 201, { id: 7 }));
    const api = client.withDefaults({
      baseUrl: `${server.origin}/api`,
      headers: { 'X-Team': 'default', Accept: 'text/plain' },
    });
    const result = await api.json<{ id: number }>({
      method: 'POST',
      url: '/v1/jobs',
      query: { model: 'flux', n: 2, skip: undefined, fast: true },
      headers: { 'x-team': 'request' },
      json: { prompt: 'a cat' },
    });
    expect(result).toEqual({ id: 7 });
    const seen = server.requests[0];
    expect(seen?.url).toBe('/api/v1/jobs?model=flux&n=2&fast=true');
    expect(seen?.headers['x-team']).toBe('request');
    expect(seen?.headers.accept).toBe('text/plain');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['user-agent']).toBe('genhub');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ prompt: 'a cat' });
  });

  it('sends FormData as multipart', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 200, {}));
    const form = new FormData();
    form.append('prompt', 'a dog');
    form.append('image', new Blob(['PNGDATA'], { type: 'image/png' }), 'dog.png');
    await client.json({ method: 'POST', url: `${server.origin}/upload`, body: form });
    const seen = server.requests[0];
    expect(seen?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen?.body).toContain('name="prompt"');
    expect(seen?.body).toContain('a dog');
    expect(seen?.body).toContain('filename="dog.png"');
    expect(seen?.body).toContain('PNGDATA');
  });

  it('reads bodies as text, bytes, a stream, or discards them', async () => {
    const { server, client } = await setup((_req, res) => res.end('hello world'));
    const asText = await client.request({ url: server.origin });
    expect(asText.status).toBe(200);
    expect(asText.headers['content-length']).toBe('11');
    expect(await asText.text()).toBe('hello world');
    const asBytes = await client.request({ url: server.origin });
    expect(Buffer.from(await asBytes.bytes()).toString()).toBe('hello world');
    const asStream = await client.request({ url: server.origin });
    const chunks: Uint8Array[] = [];
    for await (const chunk of asStream.stream()) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
    await (await client.request({ url: server.origin })).dump();
  });

  it('json(): an empty 2xx body is undefined, an invalid one is PROVIDER_UNAVAILABLE', async () => {
    const { server, client } = await setup((req, res) => {
      if (req.url === '/empty') res.writeHead(204).end();
      else res.end('{not json');
    });
    expect(await client.json({ url: `${server.origin}/empty` })).toBeUndefined();
    const error = await failure(client.json({ url: `${server.origin}/bad` }));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(false);
  });

  it('rejects bad URLs with INTERNAL, redacted', async () => {
    client = createHttpClient();
    const relative = await failure(client.request({ url: 'v1/models' }));
    expect(relative.code).toBe('INTERNAL');
    const invalid = await failure(client.request({ url: 'http://[bad?key=sk-abcdefghijklmnopqrstuvwxyz' }));
    expect(invalid.code).toBe('INTERNAL');
    expect(invalid.message).not.toContain('sk-abc');
  });

  it('follows redirects only when asked', async () => {
    const { server, client } = await setup((req, res) => {
      if (req.url === '/old') res.writeHead(302, { location: '/new' }).end();
      else sendJson(res, 200, { at: req.url });
    });
    const unfollowed = await client.request({ url: `${server.origin}/old` });
    expect(unfollowed.status).toBe(302);
    await unfollowed.dump();
    const followed = await client.request({ url: `${server.origin}/old`, maxRedirects: 2 });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${server.origin}/new`);
    expect(await followed.json()).toEqual({ at: '/new' });
  });
});

describe('createHttpClient: timeouts, cancellation and network errors', () => {
  it('turns a headers timeout into a retryable TIMEOUT', async () => {
    const { server, client } = await setup(() => {});
    const api = client.withDefaults({ provider: 'slowai' });
    const error = await failure(
      api.request({ url: `${server.origin}/hang`, timeouts: { headersMs: 100 }, retry: false }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.provider).toBe('slowai');
    expect(error.message).toContain('response headers');
  });

  it('turns a stalled body into TIMEOUT while reading', async () => {
    const { server, client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const response = await client.request({ url: server.origin, timeouts: { bodyMs: 100 } });
    const error = await failure(response.text());
    expect(error.code).toBe('TIMEOUT');
  });

  it('retries an idempotent json() whose body stalls', async () => {
    const { server, client, sleeps } = await setup((_req, res, _body, index) => {
      if (index === 0) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial"');
      } else sendJson(res, 200, { ok: true });
    });
    expect(await client.json({ url: server.origin, timeouts: { bodyMs: 100 } })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('rejects with CANCELLED when the signal aborts', async () => {
    const { server, client } = await setup(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.request({ url: `${server.origin}/hang`, signal: controller.signal }));
    expect(error.code).toBe('CANCELLED');
  });

  it('rejects with CANCELLED when the signal aborts while the body streams', async () => {
    const { server, client } = await setup((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const controller = new AbortController();
    const response = await client.request({ url: server.origin, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(response.text());
    expect(error.code).toBe('CANCELLED');
  });

  it('rejects with CANCELLED when the signal aborts during a retry wait', async () => {
    const { clock, sleeps } = stuckClock();
    const { server, client } = await setup((_req, res) => res.writeHead(503).end(), { clock });
    const controller = new AbortController();
    const pending = client.request({ url: server.origin, signal: controller.signal });
    await expect.poll(() => sleeps.length).toBe(1);
    controller.abort();
    const error = await failure(pending);
    expect(error.code).toBe('CANCELLED');
    expect(server.requests).toHaveLength(1);
  });

  it('turns a refused connection into retryable PROVIDER_UNAVAILABLE, after retrying', async () => {
    const port = await unusedPort();
    const { clock, sleeps } = recordingClock();
    client = createHttpClient({ clock, random: () => 1 });
    const api = client.withDefaults({ provider: 'downai' });
    const error = await failure(api.request({ url: `http://127.0.0.1:${port}/v1` }));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.provider).toBe('downai');
    expect(error.message).toContain('ECONNREFUSED');
    expect(sleeps).toEqual([500, 1000]);
  });
});

describe('createHttpClient: retries', () => {
  it('retries 429 waiting exactly the Retry-After seconds', async () => {
    const { server, client, sleeps } = await setup((_req, res, _body, index) => {
      if (index === 0) sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '2' });
      else sendJson(res, 200, { ok: true });
    });
    expect(await client.json({ url: server.origin })).toEqual({ ok: true });
    expect(sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.remotePort).toBe(server.requests[0]?.remotePort);
  });

  it('honours a Retry-After HTTP-date', async () => {
    const { clock, sleeps } = recordingClock(1_700_000_000_000);
    const date = new Date(1_700_000_000_000 + 3000).toUTCString();
    const { server, client } = await setup(
      (_req, res, _body, index) => {
        if (index === 0) res.writeHead(503, { 'retry-after': date }).end();
        else sendJson(res, 200, {});
      },
      { clock },
    );
    await client.json({ url: server.origin });
    expect(sleeps).toEqual([3000]);
  });

  it('does not wait for a Retry-After beyond maxDelayMs', async () => {
    const { server, client, sleeps } = await setup((_req, res) =>
      sendJson(res, 429, { error: { message: 'quota' } }, { 'retry-after': '60' }),
    );
    const response = await client.request({ url: server.origin, retry: { maxDelayMs: 5000 } });
    expect(response.status).toBe(429);
    await response.dump();
    const error = await failure(client.json({ url: server.origin, retry: { maxDelayMs: 5000 } }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(60);
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a GET on 503 with jittered exponential backoff, then succeeds', async () => {
    const { server, client, sleeps } = await setup((_req, res, _body, index) => {
      if (index < 2) sendJson(res, 503, { error: 'busy' });
      else sendJson(res, 200, { done: true });
    });
    expect(await client.json({ url: server.origin })).toEqual({ done: true });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up after the configured retries with the last status', async () => {
    const { server, client, sleeps } = await setup((_req, res) => sendJson(res, 502, { message: 'bad gw' }));
    const api = client.withDefaults({ provider: 'flaky', retry: { retries: 1 } });
    const error = await failure(api.json({ url: server.origin }));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.message).toContain('bad gw');
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('never retries a POST on 503', async () => {
    const { server, client, sleeps } = await setup((_req, res) => sendJson(res, 503, { error: 'busy' }));
    const error = await failure(client.json({ method: 'POST', url: server.origin, json: { a: 1 } }));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a POST marked idempotent, resending its body', async () => {
    const { server, client } = await setup((_req, res, _body, index) => {
      if (index === 0) sendJson(res, 503, {});
      else sendJson(res, 200, { ok: true });
    });
    const result = await client.json({
      method: 'POST',
      url: server.origin,
      json: { prompt: 'x' },
      headers: { 'idempotency-key': 'abc' },
      idempotent: true,
    });
    expect(result).toEqual({ ok: true });
    expect(server.requests.map((r) => r.body)).toEqual(['{"prompt":"x"}', '{"prompt":"x"}']);
  });

  it('does not retry when retry is false', async () => {
    const { server, client } = await setup((_req, res) => sendJson(res, 503, {}));
    const response = await client.request({ url: server.origin, retry: false });
    expect(response.status).toBe(503);
    await response.dump();
    expect(server.requests).toHaveLength(1);
  });
});
