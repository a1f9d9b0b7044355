import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solidPng } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { startProvider } from '../src/__fixtures__/direct-provider.js';
import { midjourneyFollowUp, midjourneyResultOf, supportedButtons } from '../src/index.js';
import { startImarouterFake } from './fake/index.js';
import { usePipeline, user } from './harness.js';

const pipeline = usePipeline();

describe('music and speech through the pipeline', () => {
  it('makes several songs per task, keeping each title and lyrics, at the document’s $0.15', async () => {
    const job = await pipeline().run({
      model: 'imarouter/sonic',
      task: 'text-to-music',
      params: {
        prompt: 'Bright synth-pop',
        style: 'synth-pop',
        title: 'Neon Skyline',
        model_version: 'sonic-v5',
      },
    });
    expect(job.state).toBe('succeeded');
    expect(job.chargedMicros).toBe(150_000);
    expect(job.outputs.map((output) => output.metadata)).toEqual([
      expect.objectContaining({ title: 'Neon Skyline A', lyrics: 'Sample lyric text', duration: 180 }),
      expect.objectContaining({ title: 'Neon Skyline B', lyrics: 'Sample lyric text', duration: 182 }),
    ]);
    for (const output of job.outputs) expect(output.mediaType).toMatch(/^audio\//);
    expect(pipeline().fake.tasks.get(job.remoteRef!.id)!.body).toMatchObject({
      model: 'sonic',
      tags: 'synth-pop',
    });
  });

  it('fails a music task as the document’s failed example, refunded', async () => {
    const job = await pipeline().run({
      model: 'imarouter/sonic',
      task: 'text-to-music',
      params: { prompt: 'x [fail]' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'PROVIDER_UNAVAILABLE' } });
  });

  it('speaks text at the document’s $0.003, and SSML as ssml', async () => {
    const job = await pipeline().run({
      model: 'imarouter/seed-tts-2.0',
      task: 'text-to-speech',
      params: { prompt: 'Hello there.' },
    });
    expect(job).toMatchObject({ state: 'succeeded', chargedMicros: 3000 });
    expect(job.outputs[0]).toMatchObject({ mediaType: 'audio/mpeg', metadata: { characters: 80 } });
    const ssml = await pipeline().run({
      model: 'imarouter/seed-tts-2.0',
      task: 'text-to-speech',
      params: { prompt: '<speak>Hello</speak>', voice: 'en_male_test' },
    });
    expect(ssml.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(ssml.remoteRef!.id)!.body).toEqual({
      model: 'seed-tts-2.0',
      ssml: '<speak>Hello</speak>',
      voice: 'en_male_test',
    });
  });
});

describe('Midjourney through the pipeline, with its own follow-up buttons', () => {
  it('imagines, then upscales with a button from the result, then varies a region and remixes', async () => {
    const imagine = await pipeline().run({
      model: 'imarouter/midjourney',
      task: 'text-to-image',
      params: { prompt: 'a fox in an autumn forest', aspectRatio: '16:9' },
    });
    expect(imagine.state).toBe('succeeded');
    const sent = pipeline().fake.tasks.get(imagine.remoteRef!.id)!;
    expect(sent.body).toEqual({ model: 'mj_imagine', prompt: 'a fox in an autumn forest --ar 16:9' });
    const grid = midjourneyResultOf(imagine.outputs[0]!.metadata);
    expect(grid).toMatchObject({ taskId: imagine.remoteRef!.id, action: 'IMAGINE', index: 1 });
    expect(grid!.buttons.map((button) => button.label ?? button.emoji)).toEqual([
      'U1',
      'U2',
      'U3',
      'U4',
      '🔄',
      'V1',
      'V2',
      'V3',
      'V4',
    ]);

    // A follow-up is an ordinary generation request naming the parent task and the button.
    const u2 = grid!.buttons.find((button) => button.label === 'U2')!;
    const request = midjourneyFollowUp({ taskId: grid!.taskId, customId: u2.customId });
    expect(request).toEqual({
      model: 'imarouter/midjourney',
      task: 'upscale',
      params: { action: u2.customId, taskId: grid!.taskId },
    });
    const upscale = await pipeline().run(request);
    expect(upscale.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(upscale.remoteRef!.id)!.body).toEqual({
      model: 'mj_upscale',
      taskId: grid!.taskId,
      customId: u2.customId,
    });
    expect(pipeline().fake.tasks.get(upscale.remoteRef!.id)!.operation).toBe('POST /mj/submit/change');
    const upscaled = midjourneyResultOf(upscale.outputs[0]!.metadata)!;
    expect(upscaled.action).toBe('UPSCALE');
    const file = readFileSync(join(pipeline().genhub.config.dataDir, 'artifacts', upscale.outputs[0]!.key));
    expect(file.subarray(1, 4).toString('latin1')).toBe('PNG');
    // GenHub offers every button it can press; the bookmark is not one.
    const pressable = supportedButtons(upscaled.buttons);
    expect(pressable.length).toBe(upscaled.buttons.length - 1);

    const region = upscaled.buttons.find((button) => button.label === 'Vary (Region)')!;
    const mask = `data:image/png;base64,${Buffer.from(solidPng(4, 4, [255, 255, 255])).toString('base64')}`;
    const varied = await pipeline().run({
      ...midjourneyFollowUp({ taskId: upscaled.taskId, customId: region.customId, prompt: 'a red scarf' }),
      params: {
        action: region.customId,
        taskId: upscaled.taskId,
        prompt: 'a red scarf',
        mask: { url: mask },
      },
    });
    expect(varied.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(varied.remoteRef!.id)!).toMatchObject({
      operation: 'POST /mj/submit/modal',
      body: { model: 'mj_remix', customId: region.customId, maskBase64: mask, prompt: 'a red scarf' },
    });

    const remix = upscaled.buttons.find((button) => button.label === 'Remix')!;
    const remixed = await pipeline().run(
      midjourneyFollowUp({ taskId: upscaled.taskId, customId: remix.customId, prompt: 'a wizard hat' }),
    );
    expect(remixed.state).toBe('succeeded');

    const zoom = upscaled.buttons.find((button) => button.label === 'Custom Zoom')!;
    const zoomed = await pipeline().run(
      midjourneyFollowUp({ taskId: upscaled.taskId, customId: zoom.customId, prompt: '--zoom 1.5' }),
    );
    expect(zoomed.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(zoomed.remoteRef!.id)!.body).toMatchObject({ model: 'mj_custom_zoom' });

    const pan = upscaled.buttons.find((button) => button.emoji === '⬅️')!;
    const panned = await pipeline().run(
      midjourneyFollowUp({ taskId: upscaled.taskId, customId: pan.customId }),
    );
    expect(pipeline().fake.tasks.get(panned.remoteRef!.id)!.body).toMatchObject({ model: 'mj_pan' });

    for (const label of ['V1', '🔄']) {
      const button = grid!.buttons.find((b) => (b.label ?? b.emoji) === label)!;
      const job = await pipeline().run(
        midjourneyFollowUp({ taskId: grid!.taskId, customId: button.customId }),
      );
      expect(job.state).toBe('succeeded');
    }
  });

  it('refuses a button GenHub cannot press before anything is charged', async () => {
    await expect(
      pipeline().genhub.generation.request({
        userId: user.id,
        ...midjourneyFollowUp({ taskId: '1751234567891', customId: 'MJ::BOOKMARK::abc' }),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // An upscale without its button is caught at submit: failed and refunded.
    const job = await pipeline().run({
      model: 'imarouter/midjourney',
      task: 'upscale',
      params: { prompt: 'no button' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'INVALID_INPUT' } });
  });

  it('fails a button the parent task does not have, as the API does', async () => {
    const job = await pipeline().run(
      midjourneyFollowUp({ taskId: '404', customId: 'MJ::JOB::upsample::1::nothing' }),
    );
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'INVALID_INPUT' } });
  });

  it('blends images, with and without a prompt', async () => {
    const images = [{ url: pipeline().fake.fileUrl('a.png') }, { url: pipeline().fake.fileUrl('b.png') }];
    const plain = await pipeline().run({
      model: 'imarouter/midjourney',
      task: 'image-to-image',
      params: { images, aspectRatio: '2:3' },
    });
    expect(plain.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(plain.remoteRef!.id)!).toMatchObject({
      operation: 'POST /mj/submit/imagine',
      body: { model: 'mj_blend', dimensions: 'PORTRAIT' },
    });
    const prompted = await pipeline().run({
      model: 'imarouter/midjourney',
      task: 'image-to-image',
      params: { images, prompt: 'cinematic style' },
    });
    expect(prompted.state).toBe('succeeded');
    expect(pipeline().fake.tasks.get(prompted.remoteRef!.id)!.operation).toBe('POST /mj/submit/blend');
  });

  it('fails a refused imagine as CONTENT_REJECTED with Midjourney’s reason, refunded', async () => {
    const job = await pipeline().run({
      model: 'imarouter/midjourney',
      task: 'text-to-image',
      params: { prompt: 'x [fail]' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    expect(job.error!.message).toContain('Banned prompt detected');
  });

  it('fetches the image from the proxy when a finished task gives no link', async () => {
    const fake = await startImarouterFake();
    const { provider, signal, close } = await startProvider(fake.url, fake.apiKey);
    try {
      const submitted = await provider.submit(
        { model: 'imarouter/midjourney', task: 'text-to-image', params: { prompt: 'a cat' } },
        { signal, idempotencyKey: 'k' },
      );
      expect(submitted.status).toBe('pending');
      if (submitted.status !== 'pending') return;
      fake.server.route('GET /mj/task/:id/fetch', (call) => ({
        json: { id: call.params.id, action: 'IMAGINE', status: 'SUCCESS', progress: '100%', buttons: [] },
      }));
      const result = await provider.poll(submitted.ref, { signal });
      expect(result.status === 'succeeded' && result.outputs[0]).toMatchObject({
        kind: 'bytes',
        mediaType: 'image/png',
      });
      expect(fake.calls.at(-1)!.path).toBe(`/mj/image/${submitted.ref.id}`);
    } finally {
      await close();
      await fake.close();
    }
  });
});
