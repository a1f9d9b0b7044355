import { GenHubError, validateParams } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { DOC_CREDIT_COSTS, DOC_EXAMPLES } from './__fixtures__/ainative-docs.js';
import { aiNativeModels } from './ainative-models.js';

const models = aiNativeModels(0.0005);
const byId = new Map(models.map((model) => [model.spec.id, model]));
const model = (id: string) => byId.get(id)!;

function invalid(id: string, params: Record<string, unknown>): GenHubError {
  try {
    validateParams(model(id).spec, params);
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${id} accepted ${JSON.stringify(params)}`);
}

describe('AINative models', () => {
  it('offers tts, image, i2v per provider, t2v and cogvideox under ainative/', () => {
    expect(models.map((m) => [m.spec.id, m.endpoint, m.spec.tasks[0]])).toEqual([
      ['ainative/tts', 'tts', 'text-to-speech'],
      ['ainative/image', 'image', 'text-to-image'],
      ['ainative/i2v-wan22', 'video/i2v', 'image-to-video'],
      ['ainative/i2v-seedance', 'video/i2v', 'image-to-video'],
      ['ainative/i2v-sora2', 'video/i2v', 'image-to-video'],
      ['ainative/t2v', 'video/t2v', 'text-to-video'],
      ['ainative/cogvideox', 'video/cogvideox', 'text-to-video'],
    ]);
    expect(models.filter((m) => m.premium).map((m) => m.spec.id)).toEqual([
      'ainative/i2v-sora2',
      'ainative/t2v',
    ]);
  });

  it.each(DOC_CREDIT_COSTS)(
    'estimates $model at its documented $credits credits',
    ({ model: id, credits, usd }) => {
      expect(model(id).credits).toBe(credits);
      expect(
        model(id).spec.estimatePrice(validateParams(model(id).spec, model(id).spec.example ?? {}).params),
      ).toEqual({ usd });
    },
  );

  it.each(DOC_EXAMPLES)('builds the user guide body for $model', (example) => {
    const { params } = validateParams(model(example.model).spec, { ...example.params });
    expect(model(example.model).body(params)).toEqual(example.body);
  });

  it('fills the documented defaults: voice Wise_Woman, 1024x1024, 5 s, 49 frames at guidance 6 and 50 steps', () => {
    const body = (id: string, params: Record<string, unknown>) =>
      model(id).body(validateParams(model(id).spec, params).params);
    expect(body('ainative/tts', { prompt: 'hi' })).toEqual({ text: 'hi', voice: 'Wise_Woman' });
    expect(body('ainative/image', { prompt: 'a' })).toEqual({ prompt: 'a', width: 1024, height: 1024 });
    expect(body('ainative/t2v', { prompt: 'a' })).toEqual({ prompt: 'a', duration: 5 });
    expect(body('ainative/cogvideox', { prompt: 'a' })).toEqual({
      prompt: 'a',
      num_frames: 49,
      guidance_scale: 6,
      num_inference_steps: 50,
    });
    expect(body('ainative/image', { prompt: 'a', style: 'anime' })).toMatchObject({ style: 'anime' });
  });

  it('keeps images within 512-2048 and turns aspect ratios into sizes', () => {
    expect(invalid('ainative/image', { prompt: 'a', width: 4096 }).message).toBe(
      'width 4096 is outside 512-2048 for AINative Qwen Image.',
    );
    expect(invalid('ainative/image', { prompt: 'a', height: 256 }).code).toBe('INVALID_INPUT');
    const { params } = validateParams(model('ainative/image').spec, { prompt: 'a', aspectRatio: '16:9' });
    expect(params).toMatchObject({ width: 1344, height: 756 });
  });

  it('takes only 17, 33 or 49 frames, guidance 1-20 and 20-100 steps for CogVideoX', () => {
    expect(invalid('ainative/cogvideox', { prompt: 'a', num_frames: 20 }).details).toMatchObject({
      param: 'num_frames',
    });
    expect(invalid('ainative/cogvideox', { prompt: 'a', guidance_scale: 0.5 }).details).toMatchObject({
      param: 'guidance_scale',
    });
    expect(invalid('ainative/cogvideox', { prompt: 'a', num_inference_steps: 101 }).details).toMatchObject({
      param: 'num_inference_steps',
    });
  });

  it('takes t2v durations of 1-10 whole seconds', () => {
    expect(invalid('ainative/t2v', { prompt: 'a', duration: 11 }).details).toMatchObject({
      param: 'duration',
    });
    expect(invalid('ainative/t2v', { prompt: 'a', duration: 2.5 }).details).toMatchObject({
      param: 'duration',
    });
  });

  it('needs a public image URL and a motion prompt for image-to-video', () => {
    const error = invalid('ainative/i2v-seedance', {
      prompt: 'a',
      firstFrame: { url: 'data:image/png;base64,AAAA' },
    });
    expect(error.message).toContain('public http(s) URL');
    expect(invalid('ainative/i2v-seedance', { prompt: 'a' }).details).toMatchObject({ param: 'firstFrame' });
    expect(
      invalid('ainative/i2v-seedance', { firstFrame: { url: 'https://x/y.png' } }).details,
    ).toMatchObject({
      param: 'prompt',
    });
  });

  it('keeps to the documented prompt lengths', () => {
    for (const [id, max] of [
      ['ainative/tts', 5000],
      ['ainative/image', 2000],
      ['ainative/i2v-wan22', 1000],
      ['ainative/t2v', 1000],
      ['ainative/cogvideox', 1000],
    ] as const) {
      expect(model(id).spec.limits?.promptMaxLength).toBe(max);
      expect(invalid(id, { ...model(id).spec.example, prompt: 'x'.repeat(max + 1) }).code).toBe(
        'INVALID_INPUT',
      );
    }
  });

  it('drops what a model does not take, with a warning', () => {
    const { warnings } = validateParams(model('ainative/i2v-wan22').spec, {
      ...model('ainative/i2v-wan22').spec.example,
      duration: 10,
    });
    expect(warnings).toContainEqual(expect.objectContaining({ type: 'unsupported', feature: 'duration' }));
  });
});
