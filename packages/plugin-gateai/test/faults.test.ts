// The fault-injection suite for GateAI (issue 12): lost submit answers and polls that never succeed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GateAiFake, type GateAiGenerateFault, startGateAiFake } from './fake/index.js';
import { settled, startPipeline, user } from './harness.js';

// Fault injection: GateAI accepts (and bills) a generation, then its answer is lost. GateAI takes no
// idempotency key, so the submit must not be sent again: the job adopts the task GateAI lists in
// `GET /api/me`, or fails, refunded, with the operator told the provider may have billed a task.

let fake: GateAiFake;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startGateAiFake({ apiKey: 'sk-gateai-lost-answer-key-0077' });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

async function start() {
  // A short headers timeout, so a stalled answer is given up on quickly (but not so short that a
  // loaded CI machine times out a healthy answer).
  const started = await startPipeline(fake, { config: { http: { headersTimeoutMs: 2_500 } } });
  genhub = started.genhub;
  return started;
}

function request(prompt: string): Promise<JobRecord> {
  return genhub!.generation.request({
    userId: user.id,
    model: 'gateai/gpt-image-2',
    task: 'text-to-image',
    params: { prompt },
  });
}

const FAULTS: readonly GateAiGenerateFault[] = [
  'reset-after-accept',
  'bad-json-after-accept',
  '500-after-accept',
  'stall-after-accept',
];

describe('a GateAI submit whose answer is lost after GateAI accepted it', () => {
  it.each(FAULTS)('%s: one task at GateAI, adopted and finished', async (fault) => {
    const { logs } = await start();
    fake.faultNextGenerate(fault);
    const done = await settled(genhub!, await request('a lighthouse at dusk'), 20_000);

    expect(fake.callsTo('POST /api/generate')).toHaveLength(1);
    expect(fake.tasks).toHaveLength(1);
    expect(done.state).toBe('succeeded');
    expect(done.remoteRef?.id).toBe(fake.tasks[0]!.id);
    expect(done.outputs).toHaveLength(1);
    expect(done.chargedMicros).toBe(done.reservedMicros);
    expect(logs.some((line) => line.message === 'adopted the task of a submit whose answer was lost')).toBe(
      true,
    );
  });

  it('works with the fault named in the prompt too', async () => {
    await start();
    const done = await settled(genhub!, await request('a fox [fault:500-after-accept]'), 20_000);
    expect(fake.tasks).toHaveLength(1);
    expect(done.state).toBe('succeeded');
  });

  it('refunds and tells the operator when GateAI lists no task of it', async () => {
    const { logs } = await start();
    // A 500 from something in front of GateAI: nothing was created, but GenHub cannot know that.
    fake.failNextGenerate({ status: 500, json: { error: 'Internal server error' } });
    const job = await request('a quiet harbour');
    const done = await settled(genhub!, job, 20_000);

    expect(fake.callsTo('POST /api/generate')).toHaveLength(1);
    expect(fake.callsTo('GET /api/me').length).toBeGreaterThan(0);
    expect(done.state).toBe('failed');
    expect(done.chargedMicros).toBe(0);
    expect(done.error?.details).toMatchObject({ maybeBilledTask: true });
    expect(done.error?.message).toContain('may have billed');
    const balance = await genhub!.store.ledger.balance(user);
    expect(balance).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
    const warning = logs.find((line) => line.message === 'the provider may have billed a task');
    expect(warning?.fields).toMatchObject({ jobId: job.id, provider: 'gateai' });
  });

  it('adopts nothing when another job already owns the only task GateAI lists', async () => {
    await start();
    const first = await settled(genhub!, await request('the first one'), 20_000);
    expect(first.state).toBe('succeeded');
    fake.failNextGenerate({ status: 502, json: { error: 'Bad gateway' } });
    const second = await settled(genhub!, await request('the second one'), 20_000);

    expect(second.state).toBe('failed');
    expect(second.error?.details).toMatchObject({ maybeBilledTask: true });
    expect(fake.tasks).toHaveLength(1);
  });

  it('still retries a refusal that proves nothing was accepted (429 before acceptance)', async () => {
    await start();
    fake.failNextGenerate({
      status: 429,
      headers: { 'retry-after': '0' },
      json: { error: 'Too many concurrent requests: max 5 in flight per key', code: 'RATE_LIMITED' },
    });
    const done = await settled(genhub!, await request('patience'), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.callsTo('POST /api/generate')).toHaveLength(2);
    expect(fake.tasks).toHaveLength(1);
  });
});

describe('a GateAI job found mid-submit after a restart', () => {
  it('adopts the task GateAI created instead of submitting again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genhub-gateai-restart-'));
    // The first process took the job and was sending it when it died: the job is stored as
    // `submitting`, and GateAI created the task.
    const first = await startPipeline(fake, { config: { dataDir } });
    const now = Date.now();
    const job = await first.genhub.store.createJobWithReservation({
      now,
      job: {
        id: 'job-restarted-while-sending',
        userId: user.id,
        communityId: null,
        payer: user,
        requestedModel: 'gateai/gpt-image-2',
        route: ['gateai/gpt-image-2'],
        routeIndex: 0,
        task: 'text-to-image',
        params: { prompt: 'a windmill', quality: 'low' },
        warnings: [],
        state: 'queued',
        idempotencyKey: 'job-restarted-while-sending-0',
        remoteRef: null,
        progress: null,
        reservedMicros: 50_000,
        chargedMicros: null,
        outputs: [],
        error: null,
        origin: {},
        createdAt: now,
        updatedAt: now,
        submittedAt: null,
        finishedAt: null,
        deadlineAt: now + 60_000,
      },
    });
    await first.genhub.store.jobs.update(job.id, ['queued'], { state: 'submitting' });
    const created = await fetch(`${fake.url}/api/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-image-2', type: 'image', params: { prompt: 'a windmill' } }),
    });
    expect(created.status).toBe(200);
    await first.genhub.close();

    const second = await startPipeline(fake, { config: { dataDir } });
    genhub = second.genhub;
    const done = await settled(genhub, job, 20_000);
    expect(done.state).toBe('succeeded');
    expect(done.remoteRef?.id).toBe(fake.tasks[0]!.id);
    expect(fake.callsTo('POST /api/generate')).toHaveLength(1);
    expect(fake.tasks).toHaveLength(1);
  });
});

describe('a GateAI job whose polls always fail', () => {
  let broken: GateAiFake;
  beforeAll(async () => {
    broken = await startGateAiFake({ apiKey: 'sk-gateai-broken-polls-key-0099' });
    broken.server.route('GET /get/:id', { status: 500, json: { error: 'Internal server error' } });
  });
  afterAll(() => broken.close());
  beforeEach(() => broken.reset());

  async function run(jobs: { deadlineMinutes: number; pollFailureMinutes?: number }) {
    const started = await startPipeline(broken, { config: { jobs } });
    genhub = started.genhub;
    const requestedAt = Date.now();
    const job = await genhub.generation.request({
      userId: user.id,
      model: 'gateai/gpt-image-2',
      task: 'text-to-image',
      params: { prompt: 'never answered' },
    });
    const done = await settled(genhub, job, 30_000);
    return { job, done, tookMs: Date.now() - requestedAt };
  }

  it("ends by the operator's deadline, which caps the model's own 40 minutes, refunded", async () => {
    // 0.05 minutes (3 s) stands for the operator's minute; polls are 5 to 20 ms apart here.
    const { job, done, tookMs } = await run({ deadlineMinutes: 0.05 });
    expect(job.deadlineAt - job.createdAt).toBe(3_000);
    expect(done.state).toBe('timed_out');
    expect(done.chargedMicros).toBe(0);
    // Minutes before the model's own 40: the slack is for a loaded CI machine, not the runner.
    expect(tookMs).toBeLessThan(3_000 + 12_000);
  });

  it('fails after polls kept failing for pollFailureMinutes, well before the deadline', async () => {
    const { done, tookMs } = await run({ deadlineMinutes: 40, pollFailureMinutes: 0.02 });
    expect(done.state).toBe('failed');
    expect(done.chargedMicros).toBe(0);
    expect(done.error?.message).toMatch(
      /could not be asked about the job for 0\.02 minutes .* stopped and refunded\./,
    );
    expect(tookMs).toBeLessThan(20_000);
  });
});
