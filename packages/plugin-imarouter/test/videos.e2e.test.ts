import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Task } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { assetModelFor, isImarouterProvider } from '../src/index.js';
import { lastAnswer, usePipeline } from './harness.js';

const pipeline = usePipeline();

type Case = [
  name: string,
  model: string,
  task: Task,
  params: (url: (name: string) => string) => Record<string, unknown>,
  operation: string,
  poll: RegExp,
];

const cases: Case[] = [
  [
    'Seedance text',
    'imarouter/seedance-2.0-fast',
    'text-to-video',
    () => ({ prompt: 'a city at dawn', duration: 5 }),
    'POST /v1/videos',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Seedance first/last frame',
    'imarouter/seedance-2.0',
    'image-to-video',
    (url) => ({
      prompt: 'a transition',
      firstFrame: { url: url('a.png') },
      lastFrame: { url: url('b.png') },
    }),
    'POST /v1/videos',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Seedance reference video and audio',
    'imarouter/seedance-2.0-cn',
    'video-to-video',
    (url) => ({ referenceVideo: { url: url('ref.mp4') }, referenceAudio: { url: url('ref.wav') } }),
    'POST /v1/videos',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Seedance contents form',
    'imarouter/seedance-2.0',
    'text-to-video',
    () => ({ prompt: 'a skyline', endpoint: 'contents', seed: 3, audio: false }),
    'POST /api/v1/contents/generations/tasks',
    /^GET \/api\/v1\/contents/,
  ],
  [
    'Kling v3',
    'imarouter/kling-v3-video',
    'text-to-video',
    () => ({ prompt: 'a horse in the rain', mode: 'pro', sound: 'on' }),
    'POST /v1/videos#kling-v3-video',
    /#kling-v3-video kling_v3_video_completed$/,
  ],
  [
    'Kling v3 image',
    'imarouter/kling-v3-video',
    'image-to-video',
    (url) => ({ prompt: 'a push-in', firstFrame: { url: url('a.png') } }),
    'POST /v1/videos#kling-v3-video',
    /#kling-v3-video /,
  ],
  [
    'Kling v3 Omni',
    'imarouter/kling-v3-omni-video',
    'video-to-video',
    (url) => ({ prompt: 'cleaner', referenceVideo: { url: url('ref.mp4') }, sound: 'off' }),
    'POST /v1/videos#kling-v3-omni-video',
    /#kling-v3-omni-video /,
  ],
  [
    'Kling v1.6 unified',
    'imarouter/kling-v1-6',
    'text-to-video',
    () => ({ prompt: 'a cat and yarn', cfg_scale: 0.5 }),
    'POST /v1/video/generations#kling',
    /^GET \/v1\/video\/generations\/\{task_id\} /,
  ],
  [
    'Kling v2.5 OpenAI-compatible',
    'imarouter/kling-v2-5-turbo',
    'image-to-video',
    (url) => ({ firstFrame: { url: url('a.png') }, lastFrame: { url: url('b.png') }, endpoint: 'videos' }),
    'POST /v1/videos#kling',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Kling v2 master native text',
    'imarouter/kling-v2-master',
    'text-to-video',
    () => ({ prompt: 'a dewdrop', endpoint: 'kling' }),
    'POST /kling/v1/videos/text2video',
    /^GET \/v1\/video\/generations/,
  ],
  [
    'Kling v1 native image',
    'imarouter/kling-v1',
    'image-to-video',
    (url) => ({ prompt: 'a pan', firstFrame: { url: url('a.png') }, endpoint: 'kling' }),
    'POST /kling/v1/videos/image2video',
    /^GET \/v1\/video\/generations/,
  ],
  [
    'Veo 3.1 Fast',
    'imarouter/veo-3.1-fast-generate-001',
    'text-to-video',
    () => ({ prompt: 'a runway', duration: 8, aspectRatio: '9:16' }),
    'POST /v1/videos#veo',
    /#veo veo_completed$/,
  ],
  [
    'Veo 3.0 image',
    'imarouter/veo-3.0-generate-001',
    'image-to-video',
    (url) => ({ prompt: 'alive', firstFrame: { url: url('a.png') } }),
    'POST /v1/videos#veo',
    /#veo /,
  ],
  [
    'Wan 2.6 t2v',
    'imarouter/wan2.6-t2v',
    'text-to-video',
    () => ({ prompt: 'a time-lapse', size: '720P' }),
    'POST /v1/videos#wan26',
    /#wan26 /,
  ],
  [
    'Wan 2.6 i2v flash',
    'imarouter/wan2.6-i2v-flash',
    'image-to-video',
    (url) => ({ firstFrame: { url: url('a.png') }, audio: true }),
    'POST /v1/videos#wan26',
    /#wan26 /,
  ],
  [
    'Wan 2.6 r2v',
    'imarouter/wan2.6-r2v',
    'video-to-video',
    (url) => ({ referenceVideo: { url: url('ref.mp4') } }),
    'POST /v1/videos#wan26',
    /#wan26 /,
  ],
  [
    'HappyHorse t2v',
    'imarouter/happyhorse-1.0-t2v',
    'text-to-video',
    () => ({ prompt: 'a neon horse', duration: 8 }),
    'POST /v1/videos#happyhorse',
    /happyhorse_video_completed$/,
  ],
  [
    'HappyHorse i2v',
    'imarouter/happyhorse-1.0-i2v',
    'image-to-video',
    (url) => ({ firstFrame: { url: url('a.png') } }),
    'POST /v1/videos#happyhorse',
    /happyhorse_i2v_video_completed$/,
  ],
  [
    'HappyHorse r2v',
    'imarouter/happyhorse-1.0-r2v',
    'image-to-video',
    (url) => ({ prompt: 'running', images: [{ url: url('a.png') }] }),
    'POST /v1/videos#happyhorse',
    /happyhorse_r2v_video_completed$/,
  ],
  [
    'HappyHorse video edit',
    'imarouter/happyhorse-1.0-video-edit',
    'video-to-video',
    (url) => ({ prompt: 'studio', referenceVideo: { url: url('src.mp4') } }),
    'POST /v1/videos#happyhorse',
    /happyhorse_video_edit_completed$/,
  ],
  [
    'Vidu q3 pro',
    'imarouter/viduq3-pro',
    'text-to-video',
    () => ({ prompt: 'a cat', duration: 10 }),
    'POST /v1/video/generations#vidu',
    /#vidu completed$/,
  ],
  [
    'Vidu q2 pro OpenAI-compatible',
    'imarouter/viduq2-pro',
    'image-to-video',
    (url) => ({ images: [{ url: url('a.png') }], endpoint: 'videos' }),
    'POST /v1/videos#vidu',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Pixverse v6',
    'imarouter/pixverse-v6',
    'text-to-video',
    () => ({ prompt: 'a push-in', audio: true }),
    'POST /v1/videos#pixverse',
    /#pixverse pixverse_completed$/,
  ],
  [
    'Pixverse c1 generations endpoint',
    'imarouter/pixverse-c1',
    'text-to-video',
    () => ({ prompt: 'neon', endpoint: 'video-generations' }),
    'POST /v1/video/generations#pixverse',
    /#pixverse completed$/,
  ],
  [
    'MiniMax Hailuo 2.3',
    'imarouter/minimax-hailuo-2.3',
    'text-to-video',
    () => ({ prompt: 'a cat', size: '768p', duration: 10 }),
    'POST /v1/video/generations',
    /^GET \/v1\/video\/generations\/\{task_id\} completed$/,
  ],
  [
    'MiniMax Hailuo 2.3 Fast OpenAI-compatible',
    'imarouter/minimax-hailuo-2.3-fast',
    'image-to-video',
    (url) => ({ firstFrame: { url: url('a.png') }, endpoint: 'videos' }),
    'POST /v1/videos#minimax',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
  [
    'Subtitle erase',
    'imarouter/doubao-video-subtitle-erase-cn',
    'video-to-video',
    (url) => ({ referenceVideo: { url: url('subbed.mp4') } }),
    'POST /v1/videos/subtitle-erase',
    /^GET \/v1\/videos\/\{task_id\} /,
  ],
];

describe('videos through the whole pipeline against the fake imarouter', () => {
  it.each(cases)('%s', async (_name, model, task, params, operation, poll) => {
    const job = await pipeline().run({
      model,
      task,
      params: params((name) => pipeline().fake.fileUrl(name)),
    });
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    const sent = pipeline().fake.tasks.get(job.remoteRef!.id)!;
    expect(sent.operation).toBe(operation);
    // Polled where the document says tasks of that endpoint are fetched.
    const created = operation.split(' ')[1]!.split('#')[0]!;
    const polls = pipeline().fake.calls.filter(
      (call) =>
        call.method === 'GET' && !call.path.startsWith('/files/') && call.path.split('/').includes(sent.id),
    );
    expect(polls.length).toBeGreaterThan(1);
    for (const call of polls) expect(call.path).toBe(`${created}/${sent.id}`);
    const answer = lastAnswer(pipeline().fake, job.remoteRef!.id);
    expect(answer.label).toMatch(poll);
    expect(job.chargedMicros).toBe(
      answer.amountUsd === undefined ? job.reservedMicros : Math.round(answer.amountUsd * 1_000_000),
    );
    expect(job.outputs.length).toBeGreaterThan(0);
    expect(job.outputs[0]).toMatchObject({ role: 'primary', mediaType: 'video/mp4' });
    const file = readFileSync(join(pipeline().genhub.config.dataDir, 'artifacts', job.outputs[0]!.key));
    expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('carries Seedance progress through and settles at the document’s $2.2743', async () => {
    const progress: number[] = [];
    const stop = pipeline().genhub.generation.events.subscribe((event) => {
      if (event.type === 'progress' && event.job.progress?.percent !== undefined)
        progress.push(event.job.progress.percent);
    });
    const job = await pipeline().run({
      model: 'imarouter/seedance-2.0-fast',
      task: 'text-to-video',
      params: { prompt: 'dawn [pending:2]' },
    });
    stop();
    expect(job.state).toBe('succeeded');
    expect(progress).toContain(42);
    expect(job.chargedMicros).toBe(2_274_300);
    expect(job.outputs[0]!.metadata).toBeUndefined();
  });

  it('fails a Seedance task the way the document’s failed example says, refunded', async () => {
    const job = await pipeline().run({
      model: 'imarouter/seedance-2.0',
      task: 'text-to-video',
      params: { prompt: 'dawn [fail]' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0 });
    expect(job.error!.message).toMatch(/601300/);
    expect(job.error!.details).toMatchObject({ taskId: job.remoteRef!.id });
  });

  it('ends as cancelled a task the provider cancels', async () => {
    const job = await pipeline().run({
      model: 'imarouter/kling-v3-video',
      task: 'text-to-video',
      params: { prompt: 'x [cancel]' },
    });
    expect(job).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
  });

  it('passes a person’s likeness to Seedance through the portrait asset library', async () => {
    const provider = pipeline().genhub.registry.find('imarouter/seedance-2.0')!.provider;
    expect(isImarouterProvider(provider)).toBe(true);
    if (!isImarouterProvider(provider)) return;
    const model = assetModelFor('imarouter/seedance-2.0');
    expect(model).toBe('seedance-upload');
    const group = await provider.assets.createGroup({ name: 'cast', model });
    const asset = await provider.assets.createAsset({
      groupId: group.id,
      url: pipeline().fake.fileUrl('face.png'),
      name: 'lead',
      assetType: 'Image',
      model,
    });
    const active = await provider.assets.waitUntilActive(asset.id, { intervalMs: 5 });
    expect(active).toMatchObject({ status: 'Active', uri: `asset://${asset.id}` });
    const job = await pipeline().run({
      model: 'imarouter/seedance-2.0',
      task: 'image-to-video',
      params: { prompt: 'the lead walks through a market', assetImages: [active.uri], duration: 10 },
    });
    expect(job.state).toBe('succeeded');
    const sent = pipeline().fake.tasks.get(job.remoteRef!.id)!;
    expect(sent.body.images).toEqual([`asset://${asset.id}`]);
  });
});
