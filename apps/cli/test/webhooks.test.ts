import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, definePlugin, type GenHub, silentLogger } from '@genhub/core';
import { minimalMp4, waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type HttpServer, startHttpServer } from '../src/http-server.js';
import { createMetrics, type Metrics } from '../src/metrics.js';

const SECRET = 'webhook-signing-secret-0123456789';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

/** A provider whose tasks end when the test says, and that signs its calls back with an HMAC. */
function callingBackProvider() {
  const webhookUrls: Array<string | undefined> = [];
  const finished = new Set<string>();
  let polls = 0;
  let next = 0;
  const plugin = definePlugin({
    id: 'callback',
    name: 'Calls back',
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [
        {
          id: 'callback/video',
          name: 'Calls back',
          tasks: ['text-to-video'],
          output: 'video',
          params: z.object({ prompt: z.string().min(1) }),
          estimatePrice: () => ({ usd: 0.5 }),
          example: { prompt: 'waves' },
        },
      ],
      async submit(_request, options) {
        webhookUrls.push(options.webhookUrl);
        return { status: 'pending', ref: { id: `task-${++next}` } };
      },
      async poll(ref) {
        polls += 1;
        if (!finished.has(ref.id)) return { status: 'pending', pollAfterMs: 60_000 };
        return {
          status: 'succeeded',
          outputs: [{ kind: 'bytes', data: minimalMp4(), mediaType: 'video/mp4' }],
        };
      },
      webhook: {
        async verify({ headers, body }) {
          const expected = Buffer.from(sign(Buffer.from(body).toString('utf8')));
          const given = Buffer.from(headers['x-signature'] ?? '');
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
          return { taskId: (JSON.parse(Buffer.from(body).toString('utf8')) as { id: string }).id };
        },
      },
    }),
  });
  return { plugin, webhookUrls, finished, polls: () => polls };
}

describe('POST /webhooks/<provider>', () => {
  const provider = callingBackProvider();
  let genhub: GenHub;
  let metrics: Metrics;
  let server: HttpServer;
  const user = { kind: 'user', id: 'u1' } as const;
  const call = (providerId: string, body: string, signature: string) =>
    fetch(`${server.url}/webhooks/${providerId}`, {
      method: 'POST',
      headers: { 'x-signature': signature },
      body,
    });

  beforeAll(async () => {
    genhub = await createGenHub(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'genhub-webhooks-')),
        publicUrl: 'https://bot.example.com/genhub/',
        // Without a call back, the next poll would be a minute away.
        jobs: { pollInitialMs: 60_000, pollMaxMs: 60_000 },
      },
      { plugins: [provider.plugin], logger: silentLogger },
    );
    await genhub.start();
    await genhub.store.ledger.grant(user, 5_000_000);
    metrics = createMetrics(genhub.generation);
    server = await startHttpServer(genhub, metrics, 0);
  });
  afterAll(async () => {
    await server?.close();
    metrics?.close();
    await genhub?.close();
  });

  it('gives the provider its call-back URL, refuses a forged call, and finishes the job once on a genuine one', async () => {
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-video',
      params: { prompt: 'waves' },
    });
    await waitForJob(genhub, job, { timeoutMs: 5_000, states: new Set(['running'] as const) });
    expect(provider.webhookUrls).toEqual(['https://bot.example.com/genhub/webhooks/callback']);

    provider.finished.add('task-1');
    const body = JSON.stringify({ id: 'task-1', status: 'OK' });
    const forged = await call('callback', body, sign('{"id":"task-1","status":"ERROR"}'));
    expect(forged.status).toBe(401);
    expect((await call('nobody', body, sign(body))).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await genhub.generation.get(job.id))?.state).toBe('running');

    const genuine = await call('callback', body, sign(body));
    expect(genuine.status).toBe(200);
    const done = await waitForJob(genhub, job, { timeoutMs: 5_000 });
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 500_000 });
    // Called back again (a retry) after the job ended: accepted, and nothing moves twice.
    expect((await call('callback', body, sign(body))).status).toBe(200);
    const entries = await genhub.store.ledger.entries(user);
    expect(
      entries
        .filter((entry) => entry.jobId === job.id)
        .map((entry) => entry.kind)
        .sort(),
    ).toEqual(['reserve', 'settle']);
  }, 30_000);
});
