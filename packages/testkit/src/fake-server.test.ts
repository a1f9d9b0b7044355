import { afterEach, describe, expect, it } from 'vitest';
import { type FakeServer, startFakeServer, withBearer } from './fake-server.js';

describe('startFakeServer', () => {
  let server: FakeServer;

  afterEach(async () => {
    await server?.close();
  });

  it('answers routes with JSON, text, bytes, status and headers', async () => {
    server = await startFakeServer({
      'POST /api/generate': { status: 201, json: { id: 'task-1' }, headers: { 'x-request-id': 'r1' } },
      'GET /text': { body: 'hello' },
      'GET /bytes': { body: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'image/png' } },
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const created = await fetch(`${server.url}/api/generate`, { method: 'POST', body: '{}' });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(created.headers.get('x-request-id')).toBe('r1');
    expect(await created.json()).toEqual({ id: 'task-1' });

    expect(await (await fetch(`${server.url}/text`)).text()).toBe('hello');
    const bytes = await fetch(`${server.url}/bytes`);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('records every call with query, headers and parsed JSON body', async () => {
    server = await startFakeServer({ 'POST /api/generate': { json: { ok: true } } });
    await fetch(`${server.url}/api/generate?model=flux&n=1&n=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Api-Key': 'k-123' },
      body: JSON.stringify({ prompt: 'a cat' }),
    });

    const [call] = server.calls;
    expect(call).toMatchObject({
      method: 'POST',
      path: '/api/generate',
      query: { model: 'flux', n: '2' },
      route: 'POST /api/generate',
      bodyText: '{"prompt":"a cat"}',
      bodyJson: { prompt: 'a cat' },
    });
    expect(call?.headers['x-api-key']).toBe('k-123');
    expect(call?.multipart).toBeUndefined();
  });

  it('matches :param segments, ignores the query string and prefers static segments', async () => {
    server = await startFakeServer({
      'GET /get/:taskId': (call) => ({ json: { id: call.params.taskId } }),
      'GET /get/latest': { json: { latest: true } },
    });
    expect(await (await fetch(`${server.url}/get/abc%20d?verbose=1`)).json()).toEqual({ id: 'abc d' });
    expect(await (await fetch(`${server.url}/get/latest`)).json()).toEqual({ latest: true });
    expect(server.calls[0]?.params).toEqual({ taskId: 'abc d' });
    expect(server.callsTo('GET /get/:id')).toHaveLength(2);
    expect(server.callsTo('GET /get/latest')).toHaveLength(1);
  });

  it('plays a sequence one response per call and repeats the last', async () => {
    server = await startFakeServer({
      'GET /status': [
        { json: { status: 'pending' } },
        { json: { status: 'running' } },
        { json: { status: 'done' } },
      ],
    });
    const statuses: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const body = (await (await fetch(`${server.url}/status`)).json()) as { status: string };
      statuses.push(body.status);
    }
    expect(statuses).toEqual(['pending', 'running', 'done', 'done', 'done']);

    server.reset();
    expect(server.calls).toHaveLength(0);
    expect(await (await fetch(`${server.url}/status`)).json()).toEqual({ status: 'pending' });
  });

  it('replaces a route added again and supports async handlers', async () => {
    server = await startFakeServer({ 'GET /v': { json: 1 } });
    server.route('get /v', async (call) => ({ json: { echoed: call.query.q } }));
    expect(await (await fetch(`${server.url}/v?q=x`)).json()).toEqual({ echoed: 'x' });
  });

  it('answers unmatched requests with 404 and records them', async () => {
    server = await startFakeServer();
    const response = await fetch(`${server.url}/nope?x=1`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no fake route for DELETE /nope' });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.route).toBeUndefined();
  });

  it('answers 500 when a handler throws', async () => {
    server = await startFakeServer({
      'GET /boom': () => {
        throw new Error('kaput');
      },
    });
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'fake handler for GET /boom threw: kaput' });
  });

  it('parses multipart/form-data fields and files', async () => {
    server = await startFakeServer({ 'POST /upload': { json: { url: 'https://cdn.example/1.png' } } });
    const form = new FormData();
    form.append('purpose', 'image');
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'cat.png');
    form.append('file', new Blob(['second']), 'b.txt');
    await fetch(`${server.url}/upload`, { method: 'POST', body: form });

    const multipart = server.callsTo('POST /upload')[0]?.multipart;
    expect(multipart?.fields).toEqual({ purpose: 'image' });
    expect(multipart?.files.file?.filename).toBe('b.txt');
    expect(multipart?.entries.map((entry) => entry.name)).toEqual(['purpose', 'file', 'file']);
    const first = multipart?.entries[1]?.value;
    expect(first).toMatchObject({ filename: 'cat.png', type: 'image/png' });
    expect(typeof first === 'object' ? first.bytes : undefined).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it('checks bearer tokens per route without advancing sequences on failures', async () => {
    server = await startFakeServer({
      'GET /me': withBearer('secret-token', [{ json: { n: 1 } }, { json: { n: 2 } }], {
        status: 401,
        json: { message: 'Invalid API key' },
      }),
    });
    const denied = await fetch(`${server.url}/me`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ message: 'Invalid API key' });
    const auth = { headers: { authorization: 'Bearer secret-token' } };
    expect(await (await fetch(`${server.url}/me`, auth)).json()).toEqual({ n: 1 });
    expect(await (await fetch(`${server.url}/me`, auth)).json()).toEqual({ n: 2 });
    server.reset();
    expect(await (await fetch(`${server.url}/me`, auth)).json()).toEqual({ n: 1 });
  });

  it('checks every request with the auth option', async () => {
    server = await startFakeServer(
      { 'GET /x': { json: 'ok' } },
      {
        auth: {
          check: (headers) => headers['x-key'] === 'k',
          failure: { status: 403, json: { error: 'no' } },
        },
      },
    );
    expect((await fetch(`${server.url}/x`)).status).toBe(403);
    expect(await (await fetch(`${server.url}/x`, { headers: { 'x-key': 'k' } })).json()).toBe('ok');
  });

  it('delays responses and closes despite keep-alive connections and pending delays', async () => {
    server = await startFakeServer({
      'GET /slow': { json: 'late', delayMs: 60_000 },
      'GET /fast': { json: 1 },
    });
    await fetch(`${server.url}/fast`); // leaves a keep-alive socket open
    const slow = fetch(`${server.url}/slow`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await slow).toBeInstanceOf(Error);
    await expect(fetch(`${server.url}/fast`)).rejects.toThrow();
  });

  it('honours a short delay', async () => {
    server = await startFakeServer({ 'GET /slow': { json: 'late', delayMs: 80 } });
    const started = Date.now();
    expect(await (await fetch(`${server.url}/slow`)).json()).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });
});
