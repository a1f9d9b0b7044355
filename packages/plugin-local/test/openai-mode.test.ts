import type { GenHub } from '@genhub/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLocalWorker, startFakeLocalWorker } from './fake-local-worker.js';
import { settled, startPipeline, user } from './harness.js';

// An image worker that speaks OpenAI's /v1/images/generations instead of the job protocol.

let fake: FakeLocalWorker;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeLocalWorker();
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
  fake.server.reset();
});

async function start() {
  const started = await startPipeline(fake, {
    env: { GENHUB_LOCAL_HUNYUAN_IMAGE_URL: fake.url, GENHUB_LOCAL_HUNYUAN_IMAGE_API: 'openai' },
  });
  genhub = started.genhub;
}

const request = (params: Record<string, unknown> = {}) =>
  genhub!.generation.request({
    userId: user.id,
    model: 'local/hunyuan-image',
    task: 'text-to-image',
    params: { prompt: 'a paper lantern', ...params },
  });

describe('local/hunyuan-image on an OpenAI-compatible server', () => {
  it('posts to /v1/images/generations, stores the base64 PNG and warns about what OpenAI cannot take', async () => {
    await start();
    const done = await settled(genhub!, await request({ aspectRatio: '3:4', seed: 9 }));
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('image/png');
    const [sent] = fake.server.callsTo('POST /v1/images/generations');
    expect(sent?.bodyJson).toEqual({
      model: 'hunyuan-image',
      prompt: 'a paper lantern',
      n: 1,
      size: '864x1152',
      response_format: 'b64_json',
    });
    expect(fake.submissions()).toHaveLength(0);
    expect(done.warnings).toContainEqual(expect.objectContaining({ type: 'unsupported', feature: 'seed' }));
  });

  it("OpenAI's content policy refusal is CONTENT_REJECTED, refunded", async () => {
    await start();
    fake.server.route('POST /v1/images/generations', {
      status: 400,
      json: {
        error: {
          message: 'Your request was rejected by the safety system.',
          type: 'invalid_request_error',
          code: 'content_policy_violation',
        },
      },
    });
    const done = await settled(genhub!, await request());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
  });

  it('health reads /v1/models', async () => {
    await start();
    const health = await genhub!.registry.provider('local')?.health?.({ signal: AbortSignal.timeout(5000) });
    expect(health).toEqual({ ok: true, message: 'hunyuan-image ok (OpenAI-compatible)' });
  });
});
