import { errorTable } from '@genhub/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startServer, type TestServer } from './__fixtures__/test-server.js';
import { requestJson } from './request-json.js';
import { createHttpClient } from './undici-http-client.js';

let server: TestServer;
let next: { status: number; json?: unknown; body?: string } = { status: 200 };
const reply = (answer: typeof next) => {
  next = answer;
};
const http = createHttpClient({ retry: { retries: 0 } });
const task = z.object({ id: z.string(), status: z.enum(['queued', 'done']) });

beforeAll(async () => {
  server = await startServer((_req, res) => {
    const text = next.json === undefined ? (next.body ?? '') : JSON.stringify(next.json);
    res.writeHead(next.status, { 'content-type': 'application/json' }).end(text);
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

describe('requestJson', () => {
  it('returns the body parsed by the schema', async () => {
    reply({ status: 200, json: { id: 't1', status: 'queued', extra: 1 } });
    const body = await requestJson(http, { url: `${server.origin}/v1/tasks/t1` }, task, { provider: 'acme' });
    expect(body).toEqual({ id: 't1', status: 'queued' });
  });

  it('names the field that is wrong, and a body that is not JSON', async () => {
    reply({ status: 200, json: { id: 't1', status: 'lost' } });
    await expect(
      requestJson(http, { url: `${server.origin}/x` }, task, { provider: 'acme' }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('(status: '),
      beforeAcceptance: false,
    });
    reply({ status: 200, body: '{"id": ' });
    await expect(
      requestJson(http, { url: `${server.origin}/x` }, task, { provider: 'acme' }),
    ).rejects.toMatchObject({
      message: `acme answered GET ${server.origin}/x with a body that is not JSON.`,
    });
  });

  it("maps a non-2xx answer through the provider's table", async () => {
    reply({ status: 400, json: { error: { code: 'nsfw', message: 'Not allowed' } } });
    const errors = errorTable('acme', [{ providerCode: 'nsfw', code: 'CONTENT_REJECTED' }]);
    await expect(
      requestJson(http, { method: 'POST', url: `${server.origin}/v1/tasks`, json: {} }, task, {
        provider: 'acme',
        errors,
      }),
    ).rejects.toMatchObject({ code: 'CONTENT_REJECTED', details: { providerMessage: 'Not allowed' } });
  });
});
