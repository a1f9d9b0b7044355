import { GenHubError } from '@genhub/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fluxDev, geminiFlashImage, gptImage2, veoLike } from './__fixtures__/gateai-models.js';
import { isValidSize } from './size-snapping.js';
import { validateParams } from './validate-params.js';

function errorOf(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

describe('validateParams', () => {
  it('applies defaults and passes valid values through, without warnings', () => {
    expect(validateParams(fluxDev, { prompt: '  a red fox  ', seed: 7 })).toEqual({
      params: {
        prompt: 'a red fox',
        mode: 'FAST',
        seed: 7,
        width: 1024,
        height: 1024,
        quantity: 1,
        guidance_scale: 3.5,
        num_inference_steps: 28,
      },
      warnings: [],
    });
  });

  it('drops keys the model does not have, with an unsupported warning each', () => {
    const result = validateParams(fluxDev, {
      prompt: 'fox',
      negativePrompt: 'blur',
      style: 'anime',
      voice: undefined,
    });
    expect(result.params).not.toHaveProperty('negativePrompt');
    expect(result.params).not.toHaveProperty('style');
    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'negativePrompt',
        details: 'Flux Dev has no negativePrompt parameter; it was ignored.',
      },
      { type: 'unsupported', feature: 'style', details: 'Flux Dev has no style parameter; it was ignored.' },
    ]);
  });

  it('refuses a value outside an enum with one sentence listing the options', () => {
    const error = errorOf(() => validateParams(fluxDev, { prompt: 'fox', mode: 'TURBO' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('mode must be one of FAST, ULTRA.');
    expect(error.details).toEqual({
      param: 'mode',
      issues: [{ path: ['mode'], message: 'mode must be one of FAST, ULTRA.' }],
    });
  });

  it('refuses out-of-range numbers instead of clamping them', () => {
    expect(errorOf(() => validateParams(fluxDev, { prompt: 'fox', seed: -1 })).message).toBe(
      'seed must be a whole number between 0 and 2147483637.',
    );
    expect(errorOf(() => validateParams(fluxDev, { prompt: 'fox', guidance_scale: 12 })).message).toBe(
      'guidance_scale must be a number between 1 and 10.',
    );
  });

  it('says a missing prompt is required, and reports every issue in details', () => {
    const error = errorOf(() => validateParams(fluxDev, { seed: 1.5 }));
    expect(error.message).toBe('prompt is required.');
    expect(error.details.param).toBe('prompt');
    expect(error.details.issues).toEqual([
      { path: ['prompt'], message: 'prompt is required.' },
      { path: ['seed'], message: 'seed must be a whole number between 0 and 2147483637.' },
    ]);
  });

  it('refuses a prompt over the model limit', () => {
    const error = errorOf(() => validateParams(fluxDev, { prompt: 'x'.repeat(1800) }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The prompt is 1800 characters; Flux Dev accepts at most 1500.');
  });

  it('refuses a quantity over the model limit', () => {
    const error = errorOf(() => validateParams(fluxDev, { prompt: 'fox', quantity: 9 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('quantity is 9; Flux Dev makes at most 8 per request.');
  });

  it('refuses too many input images', () => {
    const images = Array.from({ length: 4 }, (_, i) => ({ url: `https://example.com/${i}.png` }));
    expect(errorOf(() => validateParams(geminiFlashImage, { prompt: 'fox', images })).message).toBe(
      '4 input images were given; Gemini 2.5 Flash Image accepts at most 3.',
    );
  });

  it('refuses a size outside the range of a range model', () => {
    const error = errorOf(() => validateParams(fluxDev, { prompt: 'fox', width: 5000, height: 1024 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('width 5000 is outside 480-2048 for Flux Dev.');
    expect(error.details).toMatchObject({ param: 'width', value: 5000, min: 480, max: 2048 });
  });

  it('rounds a size inside the range to the step, with a warning', () => {
    const result = validateParams(gptImage2, { prompt: 'fox', width: 1920, height: 1080 });
    expect(result.params).toMatchObject({ width: 1920, height: 1088 });
    expect(result.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'height',
        from: 1080,
        to: 1088,
        reason: 'rounded to the nearest multiple of 16',
      },
    ]);
  });

  it('snaps a size to the nearest preset, with a warning per edge', () => {
    const result = validateParams(geminiFlashImage, { prompt: 'fox', width: 1920, height: 1080 });
    expect(result.params).toMatchObject({ width: 1344, height: 768 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'adjusted', param: 'width', from: 1920, to: 1344 }),
      expect.objectContaining({ type: 'adjusted', param: 'height', from: 1080, to: 768 }),
    ]);
  });

  it('converts an aspect ratio to width and height for a model that takes sizes', () => {
    const result = validateParams(geminiFlashImage, { prompt: 'fox', aspectRatio: '9:16' });
    expect(result.params).toMatchObject({ width: 768, height: 1344 });
    expect(result.params).not.toHaveProperty('aspectRatio');
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'adjusted', param: 'aspectRatio', from: '9:16', to: '768x1344' }),
    ]);
    expect(validateParams(fluxDev, { prompt: 'fox', aspectRatio: '16:9' }).params).toMatchObject({
      width: 1368,
      height: 768,
    });
  });

  it('ignores an aspect ratio when width or height is given, saying so', () => {
    const result = validateParams(fluxDev, { prompt: 'fox', aspectRatio: '16:9', width: 1024, height: 576 });
    expect(result.params).toMatchObject({ width: 1024, height: 576 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' }),
    ]);
  });

  it('accepts a strict schema, leaving nothing unknown behind', () => {
    const strict = { ...fluxDev, params: fluxDev.params.strict() };
    const result = validateParams(strict, { prompt: 'fox', aspectRatio: undefined, colour: 'red' });
    expect(result.params).toMatchObject({ prompt: 'fox', width: 1024, height: 1024 });
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'colour' })]);
  });

  it('drops an aspect ratio a model cannot use', () => {
    const noSizes = { ...fluxDev, sizes: undefined as never };
    const result = validateParams(noSizes, { prompt: 'fox', aspectRatio: '16:9' });
    expect(result.params).not.toHaveProperty('aspectRatio');
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' }),
    ]);
  });

  it('snaps an aspect ratio to the nearest on the model list', () => {
    const result = validateParams(veoLike, { prompt: 'fox', aspectRatio: '21:9' });
    expect(result.params).toEqual({ prompt: 'fox', aspectRatio: '16:9', duration: 8 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'adjusted', param: 'aspectRatio', from: '21:9', to: '16:9' }),
    ]);
    expect(errorOf(() => validateParams(veoLike, { prompt: 'fox', aspectRatio: 'wide' })).message).toBe(
      'aspectRatio must be one of 16:9, 9:16, 1:1.',
    );
    expect(errorOf(() => validateParams(veoLike, { prompt: 'fox', duration: 5 })).message).toBe(
      'duration must be one of 4, 6, 8.',
    );
  });

  it('never changes its input', () => {
    const images = [{ url: 'https://example.com/a.png' }];
    const input = { prompt: ' fox ', width: 1920, height: 1080, images, colour: 'red', aspectRatio: '16:9' };
    const copy = structuredClone(input);
    validateParams(geminiFlashImage, input);
    expect(input).toEqual(copy);
    expect(input.images).toBe(images);
  });

  it('property: any in-range size comes back valid, and the input is untouched', () => {
    const edge = fc.integer({ min: 480, max: 2048 });
    fc.assert(
      fc.property(edge, edge, (width, height) => {
        const input = Object.freeze({ prompt: 'fox', width, height });
        const { params, warnings } = validateParams(fluxDev, input);
        const size = { width: params.width as number, height: params.height as number };
        expect(isValidSize(size, fluxDev.sizes!)).toBe(true);
        expect(warnings.length).toBe(Number(size.width !== width) + Number(size.height !== height));
        expect(input).toEqual({ prompt: 'fox', width, height });
      }),
    );
  });
});
