import { generateKeyPairSync } from 'node:crypto';
import type { GenHub, WebhookRequest } from '@genhub/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFalApi, startFakeFalApi } from './fake-fal-api.js';
import { GRANT_MICROS, settled, startPipeline, user } from './harness.js';

// fal's webhook calls: verify() on its own, then through the pipeline, where a call only wakes the job.

let fake: FakeFalApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeFalApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
  fake.server.reset();
});

/** GenHub at a public URL fal can reach, reading fal's keys from the fake; polls far apart. */
async function start(pollInitialMs = 60_000) {
  const started = await startPipeline(fake, {
    env: { GENHUB_FAL_JWKS_URL: fake.jwksUrl },
    config: { publicUrl: 'https://genhub.example', jobs: { pollInitialMs, pollMaxMs: pollInitialMs } },
  });
  genhub = started.genhub;
  return started;
}

const verify = (request: WebhookRequest) =>
  genhub!.registry.provider('fal')!.webhook!.verify(request, { signal: AbortSignal.timeout(5000) });

/** Requests a Pika video and waits for fal's request id. */
async function submitJob() {
  const job = await genhub!.generation.request({
    userId: user.id,
    model: 'fal/pika:v2.2:text-to-video',
    task: 'text-to-video',
    params: { prompt: 'waves' },
  });
  await waitFor(() => fake.submits().length > 0);
  await waitFor(async () => (await genhub!.generation.get(job.id))?.remoteRef != null);
  const id = ((await genhub!.generation.get(job.id))!.remoteRef as { id: string }).id;
  return { job, id };
}

describe("verify(): fal's ED25519 signature over its JWKS", () => {
  it('accepts a call signed with a key of the JWKS, naming its request', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const { id } = await submitJob();
    expect(await verify(fake.webhookCall(id))).toEqual({ taskId: id });
  });

  it('refuses a body changed after signing', async () => {
    await start();
    const { id } = await submitJob();
    const call = fake.webhookCall(id);
    const body = Buffer.from(new TextDecoder().decode(call.body).replace('"OK"', '"ERROR"'));
    expect(await verify({ ...call, body })).toBeUndefined();
  });

  it('refuses a signature by a key not in the JWKS', async () => {
    await start();
    const { id } = await submitJob();
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(await verify(fake.webhookCall(id, { privateKey }))).toBeUndefined();
  });

  it('refuses a call signed more than five minutes ago, or ahead', async () => {
    await start();
    const { id } = await submitJob();
    const now = Date.now() / 1000;
    expect(await verify(fake.webhookCall(id, { timestampSeconds: now - 301 }))).toBeUndefined();
    expect(await verify(fake.webhookCall(id, { timestampSeconds: now + 301 }))).toBeUndefined();
    expect(await verify(fake.webhookCall(id, { timestampSeconds: now - 200 }))).toEqual({ taskId: id });
  });

  it('refuses a call without fal headers, or with a signature for another request', async () => {
    await start();
    const { id } = await submitJob();
    const call = fake.webhookCall(id);
    expect(await verify({ headers: {}, body: call.body })).toBeUndefined();
    const renamed = { ...call.headers, 'x-fal-webhook-request-id': crypto.randomUUID() };
    expect(await verify({ headers: renamed, body: call.body })).toBeUndefined();
  });
});

describe('webhooks through the pipeline', () => {
  it("submits with fal_webhook at GenHub's public URL", async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    await submitJob();
    expect(fake.submits()[0]?.query.fal_webhook).toBe('https://genhub.example/webhooks/fal');
  });

  it('a good call finishes the job at once, and once, even when a poll sees the end too', async () => {
    await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const { job, id } = await submitJob();
    const call = fake.webhookCall(id);
    // Twice, as fal retries; the host polls at once each time.
    const outcomes = await Promise.all([
      genhub!.generation.receiveWebhook('fal', call),
      genhub!.generation.receiveWebhook('fal', call),
    ]);
    expect(outcomes).toEqual(['accepted', 'accepted']);
    const done = await settled(genhub!, job, 5000);
    expect(done.state).toBe('succeeded');
    expect(done.outputs).toHaveLength(1);
    expect(await genhub!.store.ledger.balance(user)).toMatchObject({
      availableMicros: GRANT_MICROS - 200_000,
      reservedMicros: 0,
    });
  });

  it('a forged call is refused and changes nothing', async () => {
    const { logs } = await start();
    fake.plan({ runningPolls: 0, ending: 'succeeded' });
    const { job, id } = await submitJob();
    const { privateKey } = generateKeyPairSync('ed25519');
    const statusCallsBefore = fake.statusCalls().length;
    expect(await genhub!.generation.receiveWebhook('fal', fake.webhookCall(id, { privateKey }))).toBe(
      'refused',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.statusCalls()).toHaveLength(statusCallsBefore);
    expect((await genhub!.generation.get(job.id))?.state).toBe('running');
    expect(JSON.stringify(logs)).toContain('refused a webhook call');
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
