import { GenHubError, Redactor } from '@genhub/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logging/memory-logger.js';
import { createLogger } from '../logging/pino-logger.js';
import {
  recordingClock,
  sendJson,
  startServer,
  type TestServer,
  unusedPort,
} from './__fixtures__/test-server.js';
import { type ClosableHttpClient, createHttpClient } from './undici-http-client.js';

/** Not credential-shaped: only the `secrets` list can hide it. */
const API_KEY = 'gk_live_4f9a8b7c6d5e4f3a2b1c';
/** Sent as a bearer token in a header; never listed as a secret. */
const BEARER = 'tok_9Z8Y7X6W5V4U3T2S1R0Q';
/** `sk-`-shaped, sent in the query string; never listed as a secret. */
const SK_KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUv012345';

let server: TestServer | undefined;
let client: ClosableHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  try {
    await promise;
  } catch (error) {
    expect(GenHubError.isInstance(error)).toBe(true);
    return error as GenHubError;
  }
  throw new Error('expected a rejection');
}

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(BEARER);
  expect(text).not.toContain(SK_KEY);
}

describe('HTTP client redaction', () => {
  it('keeps keys out of log lines and error messages even when the provider echoes them', async () => {
    server = await startServer((req, res) =>
      sendJson(res, 401, {
        error: {
          message: `Invalid credentials: x-api-key=${API_KEY}, Authorization: Bearer ${BEARER}, url ${req.url}`,
        },
      }),
    );
    const memory = createMemoryLogger();
    const pinoLines: string[] = [];
    const pinoLogger = createLogger({
      level: 'debug',
      redactor: new Redactor(),
      destination: { write: (line: string) => pinoLines.push(line) },
    });
    const { clock } = recordingClock();
    const logger = {
      ...memory.logger,
      debug: (message: string, fields?: Record<string, unknown>) => {
        memory.logger.debug(message, fields);
        pinoLogger.debug(message, fields);
      },
    };
    client = createHttpClient({ logger, clock });
    const api = client.withDefaults({
      baseUrl: server.origin,
      provider: 'gateai',
      secrets: [API_KEY],
      headers: { 'x-api-key': API_KEY, Authorization: `Bearer ${BEARER}` },
    });

    const error = await failure(api.json({ url: '/v1/models', query: { key: SK_KEY, other: API_KEY } }));

    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(server.requests[0]?.url).toContain(encodeURIComponent(SK_KEY));
    expect(error.code).toBe('AUTH');
    expect(error.status).toBe(401);
    expect(error.provider).toBe('gateai');
    expect(error.message).toContain('Invalid credentials');
    expect(error.message).toContain('[REDACTED]');
    expectNoSecrets(error.message);
    expectNoSecrets(JSON.stringify(error.toJSON()));

    expect(memory.lines.length).toBeGreaterThan(0);
    const line = memory.lines.find((l) => l.message === 'http response');
    expect(line?.level).toBe('debug');
    expect(line?.fields).toMatchObject({ method: 'GET', status: 401, attempt: 1, provider: 'gateai' });
    expect(typeof line?.fields.durationMs).toBe('number');
    expect(line?.fields.url).toContain('/v1/models?key=[REDACTED]');
    expectNoSecrets(JSON.stringify(memory.lines));
    expect(pinoLines.length).toBeGreaterThan(0);
    expectNoSecrets(pinoLines.join('\n'));
  });

  it('redacts the URL in network error messages', async () => {
    const port = await unusedPort();
    const { logger, lines } = createMemoryLogger();
    client = createHttpClient({ logger, retry: { retries: 0 } });
    const api = client.withDefaults({ secrets: [API_KEY] });
    const error = await failure(
      api.request({ url: `http://127.0.0.1:${port}/x?token=${BEARER}&k=${API_KEY}` }),
    );
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.message).toContain(`127.0.0.1:${port}/x?token=[REDACTED]`);
    expectNoSecrets(error.message);
    expectNoSecrets(JSON.stringify(lines));
  });

  it('scopes withDefaults secrets to that client', async () => {
    server = await startServer((_req, res) => sendJson(res, 400, { message: `bad ${API_KEY}` }));
    const shared = new Redactor();
    client = createHttpClient({ redactor: shared, retry: { retries: 0 } });
    const scoped = client.withDefaults({ secrets: [API_KEY] });
    expect((await failure(scoped.json({ url: server.origin }))).message).not.toContain(API_KEY);
    expect((await failure(client.json({ url: server.origin }))).message).toContain(API_KEY);
    expect(shared.redact(API_KEY)).toBe(API_KEY);
  });
});
