import { GenHubError, type Task, validateParams } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue.js';
import { midjourneyAction, midjourneyFollowUp, midjourneyResultOf } from '../midjourney-actions.js';

const models = new Map(catalogue().map((model) => [model.spec.id, model]));

function build(id: string, task: Task, params: Record<string, unknown>) {
  const model = models.get(id)!;
  const validated = validateParams(model.spec, params);
  const request = model.build(task, validated.params);
  return { ...request, validationWarnings: validated.warnings };
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('the catalogue', () => {
  it('offers every model family of the document’s media tags under unique ids', () => {
    const families = new Set(catalogue().map((model) => model.family));
    expect([...families].sort()).toEqual(
      [
        'Doubao Seedream',
        'Doubao Subtitle Erase',
        'GPT Image',
        'Gemini Images',
        'HappyHorse Video',
        'Kling Video',
        'MiniMax Video',
        'Midjourney',
        'Music',
        'Pixverse Video',
        'PrunaAI Images',
        'Seed TTS Speech',
        'Seedance Video',
        'Veo Video',
        'Vidu Video',
        'Wan Images',
        'Wan2.6 Video',
      ].sort(),
    );
    expect(models.size).toBe(catalogue().length);
  });
});

describe('shared vocabulary becomes each family’s own fields', () => {
  it('snaps an aspect ratio to the nearest size a pixel-size model takes', () => {
    const request = build('imarouter/doubao-seedream-4-5-251128', 'text-to-image', {
      prompt: 'x',
      aspectRatio: '16:9',
    });
    expect(request.body.size).toBe('2560x1440');
    const wan = build('imarouter/wan2.6-t2i', 'text-to-image', { prompt: 'x', aspectRatio: '9:16' });
    expect(wan.body.size).toBe('720*1280');
  });

  it('puts Midjourney’s shared parameters into prompt flags, never twice', () => {
    const request = build('imarouter/midjourney', 'text-to-image', {
      prompt: 'a fox --ar 1:1',
      aspectRatio: '16:9',
      negativePrompt: 'text',
      seed: 5,
    });
    expect(request.body.prompt).toBe('a fox --ar 1:1 --no text --seed 5');
    expect(request.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' }),
    ]);
  });

  it('warns instead of sending what an endpoint has no field for', () => {
    const seedance = build('imarouter/seedance-2.0', 'text-to-video', {
      prompt: 'x',
      seed: 3,
      return_last_frame: true,
    });
    expect(seedance.warnings.map((w) => (w.type === 'unsupported' ? w.feature : ''))).toEqual([
      'seed',
      'return_last_frame',
    ]);
    const master = build('imarouter/kling-v2-master', 'text-to-video', { prompt: 'x', mode: 'pro' });
    expect(master.body.metadata).toBeUndefined();
    expect(master.warnings).toEqual([expect.objectContaining({ feature: 'mode' })]);
  });

  it('sends x-moderation only when asked', () => {
    expect(
      build('imarouter/seedance-2.0', 'text-to-video', { prompt: 'x', moderation: true }).headers,
    ).toEqual({
      'x-moderation': 'enabled',
    });
    expect(build('imarouter/seedance-2.0', 'text-to-video', { prompt: 'x' }).headers).toBeUndefined();
  });
});

describe('impossible combinations are INVALID_INPUT before anything is sent', () => {
  const cases: Array<[string, string, Task, Record<string, unknown>]> = [
    [
      'Seedance frames mixed with references',
      'imarouter/seedance-2.0',
      'image-to-video',
      { firstFrame: { url: 'https://a/1.png' }, images: [{ url: 'https://a/2.png' }] },
    ],
    [
      'Seedance last frame alone',
      'imarouter/seedance-2.0',
      'image-to-video',
      { lastFrame: { url: 'https://a/1.png' } },
    ],
    [
      'Seedance assets on the contents endpoint',
      'imarouter/seedance-2.0',
      'image-to-video',
      { assetImages: ['asset-1'], endpoint: 'contents' },
    ],
    [
      'Seedance contents with an http link',
      'imarouter/seedance-2.0',
      'image-to-video',
      { images: [{ url: 'http://a/1.png' }], endpoint: 'contents' },
    ],
    ['Seedance text without a prompt', 'imarouter/seedance-2.0', 'text-to-video', {}],
    [
      'Seedance Fast at 1080p',
      'imarouter/seedance-2.0-fast',
      'text-to-video',
      { prompt: 'x', resolution: '1080p' },
    ],
    [
      'Seedance reference audio without audio',
      'imarouter/seedance-2.0',
      'video-to-video',
      {
        referenceVideo: { url: 'https://a/v.mp4' },
        referenceAudio: { url: 'https://a/a.mp3' },
        audio: false,
      },
    ],
    [
      'a mask without an image',
      'imarouter/gpt-image-2',
      'image-to-image',
      { prompt: 'x', mask: { url: 'https://a/m.png' } },
    ],
    ['png compression', 'imarouter/gpt-image-2', 'text-to-image', { prompt: 'x', output_compression: 50 }],
    [
      'Wan 2.7 thinking with sequential',
      'imarouter/wan2.7-image',
      'text-to-image',
      { prompt: 'x', enable_sequential: true, thinking_mode: true },
    ],
    [
      'Wan 2.7 boxes without images',
      'imarouter/wan2.7-image',
      'text-to-image',
      { prompt: 'x', bbox_list: [[[0, 0, 1, 1]]] },
    ],
    [
      'Kling v3 subjects with sound',
      'imarouter/kling-v3-video',
      'image-to-video',
      { prompt: 'x', element_list: [{ element_id: 1 }], sound: 'on' },
    ],
    [
      'Kling Omni reference video with sound',
      'imarouter/kling-v3-omni-video',
      'video-to-video',
      { referenceVideo: { url: 'https://a/v.mp4' }, sound: 'on' },
    ],
    ['Kling legacy 7 seconds', 'imarouter/kling-v1-6', 'text-to-video', { prompt: 'x', duration: 7 }],
    [
      'Hailuo 1080p for 10 seconds',
      'imarouter/minimax-hailuo-2.3',
      'text-to-video',
      { prompt: 'x', size: '1080p', duration: 10 },
    ],
    [
      'Hailuo Fast without a first frame',
      'imarouter/minimax-hailuo-2.3-fast',
      'image-to-video',
      { prompt: 'x' },
    ],
    ['Vidu q2 pro without an image', 'imarouter/viduq2-pro', 'image-to-video', { prompt: 'x' }],
    ['Veo 5 seconds', 'imarouter/veo-3.0-generate-001', 'text-to-video', { prompt: 'x', duration: 5 }],
    ['Wan r2v without a reference', 'imarouter/wan2.6-r2v', 'image-to-video', { prompt: 'x' }],
    [
      'HappyHorse r2v with ten images',
      'imarouter/happyhorse-1.0-r2v',
      'image-to-video',
      { prompt: 'x', images: Array.from({ length: 10 }, (_, i) => ({ url: `https://a/${i}.png` })) },
    ],
    ['Midjourney with nothing to do', 'imarouter/midjourney', 'text-to-image', {}],
    [
      'Midjourney action without task',
      'imarouter/midjourney',
      'upscale',
      { action: 'MJ::JOB::upsample::1::a' },
    ],
    [
      'Midjourney upscale task with a variation',
      'imarouter/midjourney',
      'upscale',
      { action: 'MJ::JOB::variation::1::a', taskId: '1' },
    ],
    [
      'Midjourney custom zoom without prompt',
      'imarouter/midjourney',
      'image-to-image',
      { action: 'MJ::CustomZoom::a', taskId: '1' },
    ],
    [
      'Midjourney mask on a plain variation',
      'imarouter/midjourney',
      'image-to-image',
      { action: 'MJ::JOB::variation::1::a', taskId: '1', mask: { url: 'data:image/png;base64,AA==' } },
    ],
    [
      'Midjourney mask as a link',
      'imarouter/midjourney',
      'image-to-image',
      { action: 'MJ::Inpaint::1::a::SOLO', taskId: '1', mask: { url: 'https://a/m.png' } },
    ],
    [
      'Midjourney one image to blend',
      'imarouter/midjourney',
      'image-to-image',
      { images: [{ url: 'https://a/1.png' }] },
    ],
    [
      'subtitle erase of a data link',
      'imarouter/doubao-video-subtitle-erase-cn',
      'video-to-video',
      { referenceVideo: { url: 'data:video/mp4;base64,AA==' } },
    ],
    ['a song prompt over 5000 characters', 'imarouter/sonic', 'text-to-music', { prompt: 'a'.repeat(5001) }],
  ];
  it.each(cases)('%s', (_name, id, task, params) => {
    expect(refusal(() => build(id, task, params)).code).toBe('INVALID_INPUT');
  });
});

describe('Midjourney buttons', () => {
  it('maps every documented change and modal model to its customId family', () => {
    expect(midjourneyAction('MJ::JOB::upsample::1::abc123')).toMatchObject({
      endpoint: 'change',
      model: 'mj_upscale',
      task: 'upscale',
    });
    expect(midjourneyAction('MJ::JOB::variation::2::abc123')?.model).toBe('mj_variation');
    expect(midjourneyAction('MJ::JOB::low_variation::1::abc123')?.model).toBe('mj_low_variation');
    expect(midjourneyAction('MJ::JOB::high_variation::1::abc123')?.model).toBe('mj_high_variation');
    expect(midjourneyAction('MJ::JOB::reroll::0::abc123::SOLO')?.model).toBe('mj_reroll');
    expect(midjourneyAction('MJ::Outpaint::50::1::abc123')?.model).toBe('mj_zoom');
    expect(midjourneyAction('MJ::CustomZoom::1::abc123')).toMatchObject({
      model: 'mj_custom_zoom',
      needsPrompt: true,
    });
    expect(midjourneyAction('MJ::JOB::pan_left::1::abc123::SOLO')?.model).toBe('mj_pan');
    expect(midjourneyAction('MJ::RemixModal::abc123')).toMatchObject({
      endpoint: 'modal',
      model: 'mj_remix',
    });
    expect(midjourneyAction('MJ::Inpaint::1::abc123::SOLO')).toMatchObject({
      endpoint: 'modal',
      model: 'mj_remix',
    });
    expect(midjourneyAction('MJ::BOOKMARK::abc123')).toBeUndefined();
  });

  it('builds follow-ups as ordinary requests and reads buttons back from stored metadata', () => {
    expect(midjourneyFollowUp({ taskId: '1', customId: 'MJ::JOB::reroll::0::a::SOLO' })).toEqual({
      model: 'imarouter/midjourney',
      task: 'image-to-image',
      params: { action: 'MJ::JOB::reroll::0::a::SOLO', taskId: '1' },
    });
    expect(midjourneyResultOf({ other: 1 })).toBeUndefined();
    expect(
      midjourneyResultOf({
        midjourney: {
          taskId: '7',
          index: 2,
          buttons: [{ customId: 'MJ::JOB::upsample::1::a', label: 'U1' }, 3],
        },
      }),
    ).toEqual({ taskId: '7', index: 2, buttons: [{ customId: 'MJ::JOB::upsample::1::a', label: 'U1' }] });
  });
});

describe('a text-to-X request without a prompt or input media', () => {
  const textModels = catalogue().filter(({ spec }) => spec.tasks.some((task) => task.startsWith('text-to-')));

  it.each(textModels.map(({ spec }) => [spec.id, spec] as const))(
    '%s refuses it in its schema, naming prompt, before a job is made',
    (_id, spec) => {
      const error = refusal(() => validateParams(spec, {}));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/prompt/i);
    },
  );
});
