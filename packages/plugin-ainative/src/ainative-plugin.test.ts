import {
  createHttpClient,
  GenHubError,
  type Output,
  type Provider,
  silentLogger,
  systemClock,
} from '@genhub/core';
import type { FakeCall } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startAiNativeFake } from '../test/fake/index.js';
import { DOC_BASE_PATH, DOC_EXAMPLES, DOC_REQUEST_FIELDS } from './__fixtures__/ainative-docs.js';
import { MODEL_FACTS, MODEL_KEYS, requestsFor } from './__fixtures__/requests.js';
import { ainativePlugin } from './ainative-plugin.js';

const fake = await startAiNativeFake();
afterAll(() => fake.close());
const requests = requestsFor(fake.fileUrl('input.png'));

/** What the plugin sent to a generation endpoint must be what the user guide documents. */
function expectDocumentedCall(call: FakeCall | undefined, endpoint: keyof typeof DOC_REQUEST_FIELDS): void {
  expect(call, `a call to ${endpoint}`).toBeDefined();
  expect(call!.method).toBe('POST');
  expect(call!.path).toBe(`${DOC_BASE_PATH}/${endpoint}`);
  expect(call!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  expect(call!.headers['content-type']).toMatch(/^application\/json/);
  const body = call!.bodyJson as Record<string, unknown>;
  const { required, optional } = DOC_REQUEST_FIELDS[endpoint];
  for (const field of required) expect(body, `${endpoint} sends ${field}`).toHaveProperty(field);
  for (const field of Object.keys(body)) expect([...required, ...optional]).toContain(field);
}

const bytesOf = (output: Output | undefined): Uint8Array => {
  if (output?.kind !== 'bytes') throw new Error(`expected a bytes output, got ${output?.kind}`);
  return output.data;
};

testProvider({
  plugin: ainativePlugin,
  supports: { cancel: false },
  fake: {
    // The fake outlives the suite: the tests after it use it too.
    start: async () => ({ config: fake.config, server: fake, close: async () => {} }),
    scenarios: {
      success: { request: requests.image, arrange: () => fake.reset() },
      failure: {
        request: requests.tts,
        arrange: () => {
          fake.reset();
          fake.failNext('tts', 500);
        },
        expect: { code: 'PROVIDER_UNAVAILABLE' },
      },
      rateLimit: {
        request: requests.wan22,
        arrange: () => {
          fake.reset();
          fake.failNext('video/i2v', { status: 429, retryAfterSeconds: 7 });
        },
        expect: { retryAfterSeconds: 7 },
      },
      pendingThenSucceeded: {
        request: requests.cogvideox,
        arrange: () => {
          fake.reset();
          fake.processNext('video/cogvideox', { polls: 2 });
        },
      },
      pendingThenFailed: {
        request: requests.seedance,
        arrange: () => {
          fake.reset();
          fake.processNext('video/i2v', { polls: 1, outcome: 'failed', error: 'GPU worker crashed' });
        },
        expect: { code: 'PROVIDER_UNAVAILABLE' },
      },
    },
  },
  additionalTests(ctx) {
    describe('AINative wire format', () => {
      beforeEach(() => fake.reset());

      it.each(DOC_EXAMPLES)('sends the user guide example for $model as documented', async (example) => {
        const result = await ctx.run({
          request: { model: example.model, task: example.task, params: { ...example.params } },
        });
        expect(result.error?.message).toBeUndefined();
        const call = fake.callsTo(example.endpoint)[0];
        expectDocumentedCall(call, example.endpoint);
        expect(call!.bodyJson).toEqual(example.body);
      });

      it.each(MODEL_KEYS)('runs %s: documented call, decoded output, credits as cost', async (key) => {
        const facts = MODEL_FACTS[key];
        const result = await ctx.run({ request: requests[key] });
        expect(result.error?.message).toBeUndefined();
        expect(result.status).toBe('succeeded');
        const call = fake.callsTo(facts.endpoint)[0];
        expectDocumentedCall(call, facts.endpoint);
        expect(call!.bodyJson).toMatchObject(facts.body);
        if (facts.endpoint === 'video/i2v')
          expect(call!.bodyJson).toMatchObject({ image_url: fake.fileUrl('input.png') });
        expect(result.cost).toEqual({ usd: facts.credits * 0.0005 });
        const [output] = result.outputs;
        expect(output?.mediaType).toBe(facts.mediaType);
        expect(output?.role).toBe('primary');
        const record = fake.usageRecords()[0]!;
        if (output?.kind === 'url') {
          expect(output.url).toBe(`${fake.url}/files/${record.id}.mp4`);
          expect(output.metadata).toMatchObject({
            usageId: record.id,
            creditsUsed: facts.credits,
            format: 'mp4',
          });
        } else {
          const encoded = record.result?.[key === 'tts' ? 'audio_base64' : 'image_base64'] as string;
          expect(Buffer.from(bytesOf(output)).toString('base64')).toBe(encoded);
        }
      });

      it('keeps speech duration and credits with the audio, and reports the balance AINative gave', async () => {
        const result = await ctx.run({ request: requests.tts });
        expect(result.outputs[0]?.metadata).toMatchObject({
          format: 'mp3',
          creditsUsed: 14,
          creditsRemaining: 100_000 - 14,
          durationMs: expect.any(Number),
        });
        expect(await ctx.provider.balance!({ signal: ctx.signal })).toMatchObject({
          credits: 100_000 - 14,
          usd: (100_000 - 14) * 0.0005,
          details: { source: 'credits_remaining' },
        });
      });

      it('decodes JPEG and data-URI base64 and warns when the image size differs', async () => {
        const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
        fake.failNext('image', {
          status: 201,
          json: {
            image_base64: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
            format: 'jpg',
            width: 1024,
            height: 1024,
            credits_used: 50,
          },
        });
        const result = await ctx.run({ request: requests.image });
        expect(result.outputs[0]).toMatchObject({ kind: 'bytes', mediaType: 'image/jpeg' });
        expect(Buffer.from(bytesOf(result.outputs[0]))).toEqual(jpeg);
        expect(result.warnings).toContainEqual(
          expect.objectContaining({ type: 'adjusted', param: 'width', from: 768, to: 1024 }),
        );
      });

      it('fails, without retrying, a generation whose base64 is broken', async () => {
        fake.failNext('tts', {
          status: 201,
          json: { audio_base64: 'not base64!!', format: 'mp3', credits_used: 14 },
        });
        const result = await ctx.run({ request: requests.tts });
        expect(result.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
        expect(result.error?.message).toContain('not valid base64');
      });

      it('maps 400, 401, 402, 429 without Retry-After and 500 to typed errors', async () => {
        const cases = [
          [
            { status: 400, detail: 'Invalid request: text must be 1-5000 characters' },
            'INVALID_INPUT',
            false,
            undefined,
          ],
          [{ status: 401 }, 'AUTH', false, undefined],
          [
            { status: 402, detail: 'Insufficient credits: 14 required, 3 available' },
            'INSUFFICIENT_FUNDS',
            false,
            undefined,
          ],
          [{ status: 429 }, 'RATE_LIMITED', true, 60],
          [{ status: 500 }, 'PROVIDER_UNAVAILABLE', true, 30],
        ] as const;
        for (const [failure, code, retryable, retryAfterSeconds] of cases) {
          fake.failNext('tts', failure);
          const { error } = await ctx.run({ request: requests.tts });
          expect(error, `HTTP ${failure.status}`).toMatchObject({ code, retryable, status: failure.status });
          expect(error?.retryAfterSeconds).toBe(retryAfterSeconds);
          if ('detail' in failure) expect(error?.message).toContain(failure.detail);
        }
        expect(fake.callsTo('tts')).toHaveLength(cases.length);
      });

      it('says plainly that Sora 2 and text-to-video need a premium plan', async () => {
        fake.setPremium(false);
        const sora = await ctx.run({ request: requests.sora2 });
        expect(sora.error).toMatchObject({ code: 'INVALID_INPUT', retryable: false, status: 402 });
        expect(sora.error?.message).toBe('Sora 2 needs an AINative premium plan.');
        expect(sora.error?.suggestions).toEqual(['ainative/i2v-wan22', 'ainative/i2v-seedance']);
        expect(sora.error?.details).toMatchObject({
          reason: 'premium-plan-required',
          providerMessage: expect.stringMatching(/premium/i),
        });
        const t2v = await ctx.run({ request: requests.t2v });
        expect(t2v.error?.message).toBe('AINative text-to-video needs an AINative premium plan.');
        const wan = await ctx.run({ request: requests.wan22 });
        expect(wan.status).toBe('succeeded');
      });

      it('reads a bare 403 on a premium model as the premium refusal, and low credits as low credits', async () => {
        fake.failNext('video/i2v', { status: 403, detail: 'Forbidden' });
        expect((await ctx.run({ request: requests.sora2 })).error?.message).toBe(
          'Sora 2 needs an AINative premium plan.',
        );
        fake.failNext('video/i2v', { status: 403, detail: 'Forbidden' });
        expect((await ctx.run({ request: requests.wan22 })).error?.code).toBe('AUTH');
        fake.setCredits(10);
        expect((await ctx.run({ request: requests.sora2 })).error?.code).toBe('INSUFFICIENT_FUNDS');
      });

      it('polls the usage record by id with the bearer key', async () => {
        fake.processNext('video/t2v', { polls: 3 });
        const result = await ctx.run({ request: requests.t2v });
        expect(result.status).toBe('succeeded');
        expect(result.pendingPolls).toBe(3);
        const record = fake.usageRecords()[0]!;
        expect(result.ref).toEqual({
          id: record.id,
          data: { model: 'ainative/t2v', kind: 'video', creditsUsed: 1000 },
        });
        const polls = fake.callsTo('usage/{usage_id}');
        expect(polls).toHaveLength(4);
        for (const poll of polls) {
          expect(poll.path).toBe(`${DOC_BASE_PATH}/usage/${record.id}`);
          expect(poll.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
        }
        expect(result.cost).toEqual({ usd: 0.5 });
        expect(result.outputs[0]).toMatchObject({ kind: 'url', url: `${fake.url}/files/${record.id}.mp4` });
      });

      it('polls speech and images too when AINative answers them as processing', async () => {
        fake.processNext('tts', { polls: 1 });
        fake.processNext('image', { polls: 1 });
        for (const request of [requests.tts, requests.image]) {
          const result = await ctx.run({ request });
          expect(result.submitted?.status).toBe('pending');
          expect(result.status).toBe('succeeded');
          expect(result.outputs[0]?.kind).toBe('bytes');
        }
      });

      it('maps failed records: premium and credit refusals, safety, GPU errors', async () => {
        const cases = [
          ['Premium tier required for sora2', 'INVALID_INPUT'],
          ['Insufficient credits', 'INSUFFICIENT_FUNDS'],
          ['Rejected by content moderation', 'CONTENT_REJECTED'],
          ['CUDA out of memory', 'PROVIDER_UNAVAILABLE'],
        ] as const;
        for (const [error, code] of cases) {
          fake.processNext('video/i2v', { polls: 0, outcome: 'failed', error });
          const result = await ctx.run({ request: requests.sora2 });
          expect(result.failedAt).toBe('poll');
          expect(result.error?.code, error).toBe(code);
        }
      });

      it('fails a task whose usage record is gone, and retries a usage endpoint that errs', async () => {
        const gone = await ctx.provider.poll(
          { id: 'usg_missing', data: { model: 'ainative/t2v', kind: 'video' } },
          { signal: ctx.signal },
        );
        expect(gone).toMatchObject({
          status: 'failed',
          error: { code: 'PROVIDER_UNAVAILABLE', retryable: false },
        });
        fake.reset();
        fake.processNext('video/cogvideox', { polls: 0 });
        fake.failNext('usage/{usage_id}', 500, 3);
        const result = await ctx.run({ request: requests.cogvideox });
        expect(result.error).toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          retryable: true,
          retryAfterSeconds: 30,
        });
        expect(fake.callsTo('usage/{usage_id}')).toHaveLength(3);
      });

      it('answers health from GET /health and checks the key on GET /usage', async () => {
        expect(await ctx.provider.health!({ signal: ctx.signal })).toEqual({
          ok: true,
          message: 'AINative multimodal is healthy.',
        });
        const [health] = fake.callsTo('health');
        expect(health?.path).toBe(`${DOC_BASE_PATH}/health`);
        expect(health?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
        expect(fake.callsTo('usage')[0]?.query).toEqual({ limit: '1' });
        fake.setHealth({ json: { status: 'healthy', runpod_connected: false } });
        expect(await ctx.provider.health!({ signal: ctx.signal })).toMatchObject({ ok: false });
        fake.setHealth({ status: 503, json: { detail: 'maintenance' } });
        expect(await ctx.provider.health!({ signal: ctx.signal })).toEqual({
          ok: false,
          message: 'AINative health check answered HTTP 503: maintenance.',
        });
      });
    });
  },
});

describe('an AINative provider with a wrong key', () => {
  const http = createHttpClient();
  let provider: Provider;
  afterAll(() => http.close());

  it('is refused with AUTH and reports its health as not ok', async () => {
    provider = await ainativePlugin.setup(
      { http, logger: silentLogger, clock: systemClock, signal: new AbortController().signal },
      ainativePlugin.config.parse({ apiKey: 'wrong-key-123456', baseUrl: fake.baseUrl }),
    );
    const signal = AbortSignal.timeout(5000);
    const error = await provider
      .submit(
        { model: 'ainative/tts', task: 'text-to-speech', params: { prompt: 'a', voice: 'Wise_Woman' } },
        { signal, idempotencyKey: 'k' },
      )
      .catch((thrown: unknown) => thrown);
    expect(GenHubError.isInstance(error) && error.code).toBe('AUTH');
    expect(await provider.health!({ signal })).toEqual({
      ok: false,
      message: 'AINative health check answered HTTP 401: Not authenticated.',
    });
    expect(await provider.balance!({ signal })).toMatchObject({ details: { source: 'none' } });
  });
});
