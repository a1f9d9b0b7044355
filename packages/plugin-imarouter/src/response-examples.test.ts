import {
  type ErrorCode,
  errorCodeForStatus,
  GenHubError,
  type PollResult,
  validateParams,
} from '@genhub/core';
import { type FakeServer, startFakeServer } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider } from './__fixtures__/direct-provider.js';
import { createValidator, operations } from './__fixtures__/openapi.js';
import { REQUEST_CASES } from './__fixtures__/request-cases.js';
import { catalogue } from './catalogue.js';
import type { PollRoute } from './ima-request.js';
import type { ImarouterProvider } from './imarouter-plugin.js';
import { readCreated, readPollResult } from './task-results.js';

/** The endpoint each fetch operation of the document is read as. */
function routeOf(key: string): PollRoute | undefined {
  const path = key.split(' ')[1]!.split('#')[0]!;
  if (path === '/v1/images/generations/{task_id}') return 'image';
  if (path === '/v1/music/generations/{task_id}') return 'music';
  if (path === '/v1/audio/speech/{task_id}') return 'speech';
  if (path === '/v1/videos/{task_id}') return 'video';
  if (path === '/v1/videos/subtitle-erase/{task_id}') return 'subtitle-erase';
  if (path === '/api/v1/contents/generations/tasks/{task_id}') return 'contents';
  if (path === '/v1/video/generations/{task_id}') return 'video-generations';
  if (path === '/kling/v1/videos/text2video/{task_id}') return 'kling-text2video';
  if (path === '/kling/v1/videos/image2video/{task_id}') return 'kling-image2video';
  if (path === '/mj/task/{task_id}/fetch') return 'midjourney';
  return undefined;
}

type Expected =
  | { status: 'pending'; percent?: number }
  | { status: 'succeeded'; outputs: number; cost?: number }
  | { status: 'failed'; code: ErrorCode };

const done = (outputs: number, cost?: number): Expected => ({
  status: 'succeeded',
  outputs,
  ...(cost === undefined ? {} : { cost }),
});

/** What every 200 example of every fetch operation must read as. */
const EXPECTED: Record<string, Record<string, Expected>> = {
  'GET /v1/music/generations/{task_id}': {
    pending: { status: 'pending' },
    success: done(2, 0.15),
    failed: { status: 'failed', code: 'PROVIDER_UNAVAILABLE' },
  },
  'GET /v1/audio/speech/{task_id}': {
    queued: { status: 'pending' },
    succeeded: done(1, 0.003),
    failed: { status: 'failed', code: 'PROVIDER_UNAVAILABLE' },
  },
  'GET /v1/images/generations/{task_id}': {
    pending: { status: 'pending' },
    success: done(1, 0.032),
    failed: { status: 'failed', code: 'PROVIDER_UNAVAILABLE' },
  },
  'GET /v1/images/generations/{task_id}#gpt-image': { gpt_image_2_success: done(1, 0.084) },
  'GET /v1/images/generations/{task_id}#doubao-seedream': { doubao_seedream_success: done(1, 0.14) },
  'GET /v1/images/generations/{task_id}#wan': { wan27_success: done(1, 0.22) },
  'GET /v1/images/generations/{task_id}#pruna': { pruna_success: done(1, 0.005) },
  'GET /v1/videos/{task_id}#wan26': { wan26_video_completed: done(1, 0.43006) },
  'GET /v1/videos/{task_id}#happyhorse': {
    happyhorse_video_completed: done(1, 0.986301),
    happyhorse_i2v_video_completed: done(1, 0.986301),
    happyhorse_r2v_video_completed: done(1, 0.986301),
    happyhorse_video_edit_completed: done(1, 0.739726),
  },
  'GET /v1/videos/{task_id}#kling-v3-video': { kling_v3_video_completed: done(1, 0.410959) },
  'GET /v1/videos/{task_id}#kling-v3-omni-video': { kling_v3_omni_completed: done(1, 0.42) },
  'GET /v1/videos/{task_id}': {
    Processing: { status: 'pending', percent: 42 },
    Completed: done(1, 2.2743),
    'Character Image Scene Image_Completed': done(1, 2.2743),
    'Single image_reference_image_completed': done(1, 1.13715),
    'Single image_frame_completed': done(1, 1.13715),
    fail: { status: 'failed', code: 'PROVIDER_UNAVAILABLE' },
    'Failed_The reference video has insufficient pixels of 601300': {
      status: 'failed',
      code: 'INVALID_INPUT',
    },
  },
  'GET /api/v1/contents/generations/tasks/{task_id}': {
    in_progress: { status: 'pending', percent: 42 },
    completed: done(1, 1.007748),
  },
  'GET /v1/videos/{task_id}#pixverse': { pixverse_completed: done(1) },
  'GET /v1/videos/{task_id}#veo': { veo_completed: done(1, 0.72) },
  'GET /v1/video/generations/{task_id}#vidu': {
    processing: { status: 'pending', percent: 45 },
    completed: done(1),
    failed: { status: 'failed', code: 'CONTENT_REJECTED' },
  },
  'GET /v1/video/generations/{task_id}#pixverse': { completed: done(1) },
  'GET /v1/video/generations/{task_id}': {
    processing: { status: 'pending', percent: 30 },
    completed: done(1),
  },
};

/** Examples that are not response bodies at all (bare strings in the document). */
const MALFORMED = [
  'GET /v1/videos/subtitle-erase/{task_id} 200 处理中',
  'GET /v1/videos/subtitle-erase/{task_id} 200 已完成',
  'POST /v1/videos 400 Text content is required',
  'POST /v1/videos 500 Task creation failed',
  'POST /v1/videos 500 Task creation failed_taskid is empty',
  'POST /v1/videos 500 Task creation failed_pixel limit exceeded',
  'POST /v1/videos 500 Task creation failed_portraits are not supported yet',
];

function expectResult(result: PollResult, expected: Expected, label: string): void {
  expect(result.status, label).toBe(expected.status);
  if (result.status === 'pending' && expected.status === 'pending') {
    expect(result.percent, label).toBe(expected.percent);
  }
  if (result.status === 'succeeded' && expected.status === 'succeeded') {
    expect(result.outputs, label).toHaveLength(expected.outputs);
    for (const output of result.outputs) {
      expect(output.kind, label).toBe('url');
      if (output.kind === 'url') expect(output.url, label).toMatch(/^https:\/\//);
    }
    expect(result.cost, label).toEqual(expected.cost === undefined ? undefined : { usd: expected.cost });
  }
  if (result.status === 'failed' && expected.status === 'failed') {
    expect(result.error.code, `${label}: ${result.error.message}`).toBe(expected.code);
  }
}

const fetchOps = operations().filter((op) => op.method === 'GET' && routeOf(op.key) !== undefined);

describe('every example fetch answer of the document reads as the right pipeline state', () => {
  it('lists an expectation for every example, and every expectation is an example', () => {
    const examples = fetchOps.flatMap((op) =>
      op.responses
        .filter((response) => response.status === '200')
        .flatMap((response) =>
          response.examples.filter((e) => e.value !== undefined).map((e) => `${op.key} ${e.name}`),
        ),
    );
    const expected = Object.entries(EXPECTED).flatMap(([key, names]) =>
      Object.keys(names).map((name) => `${key} ${name}`),
    );
    expect(examples.sort()).toEqual(expected.sort());
  });

  for (const op of fetchOps) {
    const examples = op.responses.find((response) => response.status === '200')?.examples ?? [];
    for (const example of examples.filter((e) => e.value !== undefined)) {
      it(`${op.key} ${example.name}`, () => {
        const result = readPollResult(routeOf(op.key)!, example.value, 'task_example');
        expectResult(result, EXPECTED[op.key]![example.name]!, `${op.key} ${example.name}`);
      });
    }
  }

  it('keeps the songs’ titles and lyrics, and the failing task’s own words', () => {
    const music = operations().find((op) => op.key === 'GET /v1/music/generations/{task_id}')!;
    const success = music.responses[0]!.examples.find((e) => e.name === 'success')!.value;
    const result = readPollResult('music', success, 'task_music');
    expect(result.status === 'succeeded' && result.outputs.map((o) => o.metadata)).toEqual([
      expect.objectContaining({
        index: 1,
        title: 'Neon Skyline A',
        lyrics: 'Sample lyric text',
        duration: 180,
      }),
      expect.objectContaining({
        index: 2,
        title: 'Neon Skyline B',
        lyrics: 'Sample lyric text',
        duration: 182,
      }),
    ]);
    const video = operations().find((op) => op.key === 'GET /v1/videos/{task_id}')!;
    const failed = readPollResult(
      'video',
      video.responses[0]!.examples.find((e) => e.name === 'fail')!.value,
      't',
    );
    expect(failed.status === 'failed' && failed.error.message).toContain('internal error: 601300');
    expect(failed.status === 'failed' && failed.error.details).toMatchObject({ providerCode: 'task_failed' });
  });

  it('reads every documented create answer as the task it names', () => {
    for (const op of operations().filter((o) => o.method === 'POST' && o.realPath !== '/v1/assets/create')) {
      for (const example of op.responses.find((r) => r.status === '200')?.examples ?? []) {
        const kind = op.realPath.startsWith('/mj/') ? 'midjourney' : 'task';
        const value = example.value as Record<string, unknown>;
        if (op.tags.includes('Chat')) continue;
        expect(readCreated(value, kind).id, `${op.key} ${example.name}`).toBe(
          kind === 'midjourney' ? value.result : value.task_id,
        );
      }
    }
  });

  it('names the document’s malformed examples (bare strings) instead of reading them', () => {
    const malformed = operations().flatMap((op) =>
      op.responses.flatMap((response) =>
        response.examples
          .filter((e) => e.value === undefined)
          .map((e) => `${op.key} ${response.status} ${e.name}`),
      ),
    );
    expect(malformed.sort()).toEqual([...MALFORMED].sort());
  });
});

describe('Midjourney fetch answers (the document gives the schema, no examples)', () => {
  const validator = createValidator();
  const buttons = [
    { customId: 'MJ::JOB::upsample::1::abc123', label: 'U1', emoji: '', style: 2 },
    { customId: 'MJ::JOB::variation::1::abc123', label: 'V1', emoji: '', style: 2 },
  ];
  const answers: Array<[string, Record<string, unknown>, Expected]> = [
    [
      'NOT_START',
      { id: '1751234567890', action: 'IMAGINE', status: 'NOT_START', progress: '0%' },
      { status: 'pending', percent: 0 },
    ],
    [
      'SUBMITTED',
      { id: '1751234567890', action: 'IMAGINE', status: 'SUBMITTED', progress: '0%' },
      { status: 'pending', percent: 0 },
    ],
    [
      'MODAL',
      { id: '1751234567890', action: 'VARIATION', status: 'MODAL', progress: '0%' },
      { status: 'pending', percent: 0 },
    ],
    [
      'IN_PROGRESS',
      { id: '1751234567890', action: 'IMAGINE', status: 'IN_PROGRESS', progress: '42%' },
      { status: 'pending', percent: 42 },
    ],
    [
      'SUCCESS',
      {
        id: '1751234567890',
        action: 'IMAGINE',
        status: 'SUCCESS',
        progress: '100%',
        prompt: 'a fox',
        promptEn: 'a fox',
        imageUrl: 'https://cdn.example.com/mj/grid.png',
        buttons,
        properties: {},
      },
      done(1),
    ],
    [
      'FAILURE',
      {
        id: '1751234567890',
        action: 'IMAGINE',
        status: 'FAILURE',
        progress: '0%',
        failReason: 'Banned prompt detected',
      },
      { status: 'failed', code: 'CONTENT_REJECTED' },
    ],
  ];
  it.each(answers)('%s', (_status, answer, expected) => {
    expect(validator.response('GET /mj/task/{task_id}/fetch', '200', answer)).toEqual([]);
    expectResult(readPollResult('midjourney', answer, '1751234567890'), expected, String(answer.status));
  });

  it('CANCEL ends the task as cancelled', () => {
    const answer = { id: '1', action: 'IMAGINE', status: 'CANCEL', progress: '0%' };
    expect(validator.response('GET /mj/task/{task_id}/fetch', '200', answer)).toEqual([]);
    expect(readPollResult('midjourney', answer, '1').status).toBe('cancelled');
  });

  it('puts the task id and the buttons in every image’s metadata, and reads the older shape', () => {
    const result = readPollResult(
      'midjourney',
      {
        mj_id: '99',
        status: 'SUCCESS',
        progress: '100%',
        action: 'IMAGINE',
        imageUrl: 'https://cdn.example.com/grid.png',
        urls: ['https://cdn.example.com/1.png', 'https://cdn.example.com/2.png'],
        buttons,
      },
      '99',
    );
    expect(result.status === 'succeeded' && result.outputs).toEqual([
      expect.objectContaining({
        url: 'https://cdn.example.com/1.png',
        metadata: {
          midjourney: {
            taskId: '99',
            index: 1,
            action: 'IMAGINE',
            // Empty labels and emoji are dropped.
            buttons: buttons.map(({ emoji: _emoji, ...rest }) => rest),
          },
          // Core's follow-ups: each button as the request that presses it.
          followUps: [
            {
              label: 'U1',
              task: 'upscale',
              model: 'imarouter/midjourney',
              params: { action: 'MJ::JOB::upsample::1::abc123', taskId: '99' },
            },
            {
              label: 'V1',
              task: 'image-to-image',
              model: 'imarouter/midjourney',
              params: { action: 'MJ::JOB::variation::1::abc123', taskId: '99' },
            },
          ],
        },
      }),
      expect.objectContaining({ url: 'https://cdn.example.com/2.png' }),
    ]);
  });
});

describe('every documented error answer becomes a typed error', () => {
  let server: FakeServer;
  let provider: ImarouterProvider;
  let close: () => Promise<void>;
  let signal: AbortSignal;
  beforeAll(async () => {
    server = await startFakeServer();
    const started = await startProvider(server.url, 'sk-error-examples-123456');
    provider = started.provider;
    close = started.close;
    signal = started.signal;
  });
  afterAll(async () => {
    await close();
    await server.close();
  });
  const models = new Map(catalogue().map((model) => [model.spec.id, model.spec]));

  const cases = operations()
    .filter((op) => !op.tags.includes('Chat'))
    .flatMap((op) =>
      op.responses
        .filter((response) => Number(response.status) >= 400)
        .flatMap((response) =>
          response.examples
            .filter((example) => example.value !== undefined)
            .map(
              (example) =>
                [`${op.key} ${response.status} ${example.name}`, op, response.status, example.value] as const,
            ),
        ),
    );

  it.each(cases)('%s', async (_label, op, status, body) => {
    const route = `${op.method} ${op.realPath.replace('{task_id}', ':id')}`;
    server.route(route, { status: Number(status), json: body });
    let error: unknown;
    if (op.realPath.startsWith('/v1/assets/')) {
      error = await provider.assets
        .createAsset({ groupId: 'g', url: 'https://example.com/a.mp3', assetType: 'Audio' }, { signal })
        .catch((e: unknown) => e);
    } else if (op.method === 'POST') {
      const c = REQUEST_CASES.find((candidate) => candidate.operation === op.key)!;
      const { params } = validateParams(models.get(c.model)!, c.params);
      error = await provider
        .submit({ model: c.model, task: c.task, params }, { signal, idempotencyKey: 'k' })
        .catch((e: unknown) => e);
    } else {
      const poll = routeOf(op.key) ?? 'video';
      error = await provider
        .poll({ id: 'task_1', data: { poll, model: 'm' } }, { signal })
        .catch((e: unknown) => e);
    }
    expect(GenHubError.isInstance(error)).toBe(true);
    const typed = error as GenHubError;
    expect(typed.code).toBe(errorCodeForStatus(Number(status)));
    const message =
      (body as { message?: string; error?: { message?: string } }).message ??
      (body as { error?: { message?: string } }).error?.message;
    if (message) expect(typed.message).toContain(message.slice(0, 40));
  });
});
