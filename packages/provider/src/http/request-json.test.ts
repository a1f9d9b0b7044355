import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorTable } from './error-table.js';
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.js';
import { requestJson } from './request-json.js';

/** A client that answers every request with `status` and `text`, and remembers what it was asked. */
function answering(status: number, text: string): HttpClient & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const response: HttpResponse = {
    status,
    headers: { 'content-type': 'application/json' },
    url: 'https://api.example.com/x',
    text: async () => text,
    json: async () => JSON.parse(text),
    bytes: async () => new TextEncoder().encode(text),
    stream: async function* () {},
    dump: async () => {},
  };
  const client: HttpClient & { requests: HttpRequest[] } = {
    requests,
    request: async (request) => {
      requests.push(request);
      return response;
    },
    json: async () => JSON.parse(text),
    withDefaults: () => client,
  };
  return client;
}

const task = z.object({ id: z.string(), status: z.enum(['queued', 'done']) });
const json = (value: unknown) => JSON.stringify(value);

describe('requestJson', () => {
  it('returns the body parsed by the schema', async () => {
    const http = answering(200, json({ id: 't1', status: 'queued', extra: 1 }));
    const body = await requestJson(http, { url: '/v1/tasks/t1' }, task, { provider: 'acme' });
    expect(body).toEqual({ id: 't1', status: 'queued' });
    expect(http.requests).toEqual([{ url: '/v1/tasks/t1' }]);
  });

  it('names the field that is wrong, and a body that is not JSON', async () => {
    await expect(
      requestJson(answering(200, json({ id: 't1', status: 'lost' })), { url: '/x' }, task, {
        provider: 'acme',
      }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('(status: '),
      beforeAcceptance: false,
    });
    await expect(
      requestJson(answering(200, '{"id": '), { url: '/x?key=1' }, task, { provider: 'acme' }),
    ).rejects.toMatchObject({ message: 'acme answered GET /x with a body that is not JSON.' });
  });

  it("maps a non-2xx answer through the provider's table, naming the request", async () => {
    const http = answering(400, json({ error: { code: 'nsfw', message: 'Not allowed' } }));
    const errors = errorTable('acme', [{ providerCode: 'nsfw', code: 'CONTENT_REJECTED' }]);
    const error = await requestJson(http, { method: 'POST', url: '/v1/tasks', json: {} }, task, {
      provider: 'acme',
      errors,
    }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'CONTENT_REJECTED', details: { providerMessage: 'Not allowed' } });
    expect((error as Error).message).toContain('to POST /v1/tasks');
  });

  it('maps by status alone without a table', async () => {
    await expect(
      requestJson(answering(401, json({ error: 'bad key' })), { url: '/x' }, task, { provider: 'acme' }),
    ).rejects.toMatchObject({ code: 'AUTH', status: 401, provider: 'acme' });
  });
});
