import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { fluxDev, geminiFlashImage, gptImage2 } from './__fixtures__/gateai-models.js';
import { checkModelLimits } from './model-limits.js';

function errorOf(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

const image = { url: 'https://example.com/a.png' };

describe('checkModelLimits', () => {
  it('accepts requests within the limits', () => {
    expect(() => checkModelLimits(fluxDev, { prompt: 'x'.repeat(1500), quantity: 8 })).not.toThrow();
    expect(() =>
      checkModelLimits(geminiFlashImage, { prompt: 'x', images: [image, image, image] }),
    ).not.toThrow();
  });

  it('refuses a prompt over the limit, saying both lengths', () => {
    const error = errorOf(() => checkModelLimits(fluxDev, { prompt: 'x'.repeat(1800) }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The prompt is 1800 characters; Flux Dev accepts at most 1500.');
    expect(error.details).toEqual({ param: 'prompt', length: 1800, max: 1500 });
  });

  it('counts characters as people do, ignoring surrounding space', () => {
    expect(() => checkModelLimits(fluxDev, { prompt: `  ${'🦊'.repeat(1500)}\n` })).not.toThrow();
  });

  it('refuses a quantity over the limit', () => {
    const error = errorOf(() => checkModelLimits(fluxDev, { prompt: 'x', quantity: 12 }));
    expect(error.message).toBe('quantity is 12; Flux Dev makes at most 8 per request.');
    expect(error.details).toMatchObject({ param: 'quantity', value: 12, max: 8 });
  });

  it('refuses too many input images', () => {
    const error = errorOf(() => checkModelLimits(geminiFlashImage, { images: [image, image, image, image] }));
    expect(error.message).toBe('4 input images were given; Gemini 2.5 Flash Image accepts at most 3.');
    const none = { ...fluxDev, limits: { maxInputImages: 0 } };
    expect(errorOf(() => checkModelLimits(none, { images: [image] })).message).toBe(
      'Flux Dev takes no input images; 1 input image was given.',
    );
  });

  it('does nothing without limits, and leaves wrong types to the schema', () => {
    expect(() => checkModelLimits(gptImage2, { prompt: 'x'.repeat(99_999), quantity: 99 })).not.toThrow();
    expect(() => checkModelLimits(fluxDev, { prompt: 42, quantity: '99' })).not.toThrow();
  });
});
