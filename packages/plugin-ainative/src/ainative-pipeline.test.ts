import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAiNativeFake } from '../test/fake/index.js';
import { DOC_BASE_PATH, DOC_REQUEST_FIELDS } from './__fixtures__/ainative-docs.js';
import { GRANT_MICROS, reached, startGenHub, user } from './__fixtures__/genhub.js';
import { MODEL_FACTS, MODEL_KEYS, type ModelKey, requestsFor } from './__fixtures__/requests.js';

// Every model through the real pipeline (createGenHub + generation.request) against the fake:
// success, a provider failure, a provider rate limit, and polls ending in every terminal state.

const fake = await startAiNativeFake();
const requests = requestsFor(fake.fileUrl('input.png'));
let genhub: GenHub;

beforeAll(async () => {
  genhub = await startGenHub(fake);
});
afterAll(async () => {
  await genhub?.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const request = (key: ModelKey) => genhub.generation.request({ userId: user.id, ...requests[key] });
const microsOf = (credits: number) => credits * 500;
const balance = () => genhub.store.ledger.balance(user);

/** The job's one stored file. */
function storedFile(gh: GenHub, job: JobRecord): Buffer {
  expect(job.outputs).toHaveLength(1);
  return readFileSync(join(gh.config.dataDir, 'artifacts', job.outputs[0]!.key));
}

/** The plugin's one call to the model's endpoint, checked against the documents. */
function expectDocumentedGeneration(key: ModelKey): void {
  const { endpoint, body } = MODEL_FACTS[key];
  const calls = fake.callsTo(endpoint);
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call.path).toBe(`${DOC_BASE_PATH}/${endpoint}`);
  expect(call.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  const sent = call.bodyJson as Record<string, unknown>;
  const { required, optional } = DOC_REQUEST_FIELDS[endpoint];
  expect(
    Object.keys(sent).every(
      (field) =>
        (required as readonly string[]).includes(field) || (optional as readonly string[]).includes(field),
    ),
  ).toBe(true);
  for (const field of required) expect(sent).toHaveProperty(field);
  expect(sent).toMatchObject(body);
  if (endpoint === 'video/i2v') expect(sent.image_url).toBe(fake.fileUrl('input.png'));
}

describe.each(MODEL_KEYS)('ainative %s through the pipeline', (key) => {
  const facts = MODEL_FACTS[key];

  it('succeeds: stores the file and charges the credits AINative reports', async () => {
    const done = await reached(genhub, await request(key));
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expectDocumentedGeneration(key);
    expect(done.outputs[0]?.mediaType).toBe(facts.mediaType);
    const file = storedFile(genhub, done);
    const record = fake.usageRecords()[0]!;
    if (facts.mediaType === 'video/mp4') {
      expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp');
      // Core downloaded the video from the URL AINative gave (after checking the i2v input image).
      expect(fake.callsTo('files').map((call) => call.path)).toContain(`/files/${record.id}.mp4`);
    } else {
      const encoded = record.result?.[key === 'tts' ? 'audio_base64' : 'image_base64'] as string;
      expect(file.toString('base64')).toBe(encoded);
    }
    expect(done.chargedMicros).toBe(microsOf(facts.credits));
    expect(fake.callsTo('usage/{usage_id}')).toHaveLength(0);
  });

  it('fails on a 500 GPU error, retryable after 30 s, and refunds', async () => {
    const before = await balance();
    fake.failNext(facts.endpoint, 500);
    const done = await reached(genhub, await request(key));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE', retryable: true, retryAfterSeconds: 30, status: 500 },
    });
    expect(await balance()).toEqual(before);
  });

  it('fails with RATE_LIMITED and the Retry-After when AINative answers 429', async () => {
    fake.failNext(facts.endpoint, { status: 429, retryAfterSeconds: 12 });
    const done = await reached(genhub, await request(key));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 12 },
    });
    expect(fake.callsTo(facts.endpoint)).toHaveLength(1);
  });

  it('polls a processing generation through its usage record to success', async () => {
    fake.processNext(facts.endpoint, { polls: 2 });
    const job = await request(key);
    const done = await reached(genhub, job);
    expect(done.state).toBe('succeeded');
    const record = fake.usageRecords()[0]!;
    expect(done.remoteRef).toMatchObject({ id: record.id });
    const polls = fake.callsTo('usage/{usage_id}');
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.every((call) => call.path === `${DOC_BASE_PATH}/usage/${record.id}`)).toBe(true);
    expect(polls.every((call) => call.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(true);
    expect(storedFile(genhub, done).byteLength).toBeGreaterThan(0);
    expect(done.chargedMicros).toBe(microsOf(facts.credits));
  });

  it('polls a processing generation to failure, and refunds', async () => {
    const before = await balance();
    fake.processNext(facts.endpoint, { polls: 1, outcome: 'failed', error: 'RunPod worker lost' });
    const done = await reached(genhub, await request(key));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(done.error?.message).toContain('RunPod worker lost');
    expect(await balance()).toEqual(before);
  });

  it('is cancelled by the user while processing, and refunds', async () => {
    const before = await balance();
    fake.processNext(facts.endpoint, { polls: 1_000_000 });
    const job = await request(key);
    await reached(genhub, job, new Set(['running']));
    const cancelled = await genhub.generation.cancel(job.id, user.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    expect(await balance()).toEqual(before);
  });
});

describe('ainative jobs past their deadline', () => {
  let late: GenHub;
  beforeAll(async () => {
    late = await startGenHub(fake, { jobs: { deadlineMinutes: 0.01 } });
  });
  afterAll(() => late.close());

  it.each(MODEL_KEYS)('time out %s while it is still processing, refunded', async (key) => {
    fake.processNext(MODEL_FACTS[key].endpoint, { polls: 1_000_000 });
    const done = await reached(late, await late.generation.request({ userId: user.id, ...requests[key] }));
    expect(done).toMatchObject({ state: 'timed_out', chargedMicros: 0, error: { code: 'TIMEOUT' } });
    expect(fake.callsTo('usage/{usage_id}').length).toBeGreaterThan(0);
    expect(await late.store.ledger.balance(user)).toMatchObject({
      availableMicros: GRANT_MICROS,
      reservedMicros: 0,
    });
  });
});

describe('ainative refusals through the pipeline', () => {
  it.each([
    ['sora2', 'Sora 2 needs an AINative premium plan.'],
    ['t2v', 'AINative text-to-video needs an AINative premium plan.'],
  ] as const)('tells a non-premium account plainly that %s needs a premium plan', async (key, message) => {
    fake.setPremium(false);
    const done = await reached(genhub, await request(key));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: {
        code: 'INVALID_INPUT',
        message,
        retryable: false,
        details: { reason: 'premium-plan-required' },
      },
    });
  });

  it('fails with INSUFFICIENT_FUNDS when the AINative account is out of credits', async () => {
    fake.setCredits(100);
    const done = await reached(genhub, await request('seedance'));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INSUFFICIENT_FUNDS', status: 402 },
    });
    expect(done.error?.message).toContain('Insufficient credits: 520 required, 100 available');
  });

  it('refuses bad parameters before anything reaches AINative', async () => {
    const attempts = [
      { ...requests.image, params: { prompt: 'a', width: 4096 } },
      { ...requests.cogvideox, params: { prompt: 'a', num_frames: 20 } },
      {
        ...requests.wan22,
        params: { prompt: 'a', firstFrame: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      },
      { ...requests.tts, params: { prompt: 'x'.repeat(5001) } },
    ];
    for (const attempt of attempts) {
      await expect(genhub.generation.request({ userId: user.id, ...attempt })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('leaves the documented per-minute limits to core: a third i2v request in a minute never reaches AINative', async () => {
    const limited = await startGenHub(fake, { limits: { maxJobsInFlight: 100 } });
    try {
      for (let i = 0; i < 2; i++) {
        await reached(limited, await limited.generation.request({ userId: user.id, ...requests.wan22 }));
      }
      await expect(
        limited.generation.request({ userId: user.id, ...requests.seedance }),
      ).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        details: { reason: 'rate', taskClass: 'image-to-video', max: 2 },
      });
      expect(fake.callsTo('video/i2v')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
