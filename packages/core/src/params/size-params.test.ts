import type { ModelSpec } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fluxDev, geminiFlashImage, gptImage2, veoLike } from './__fixtures__/gateai-models.js';
import { geminiFlashImageSizes } from './__fixtures__/gateai-sizes.js';
import { schemaDefault, snapSizeParams } from './size-params.js';

function errorOf(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

describe('snapSizeParams on a range model', () => {
  it('rounds edges to the step with a warning', () => {
    const result = snapSizeParams(fluxDev, { prompt: 'x', width: 1000, height: 1003 });
    expect(result.params).toEqual({ prompt: 'x', width: 1000, height: 1000 });
    expect(result.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'height',
        from: 1003,
        to: 1000,
        reason: 'rounded to the nearest multiple of 8',
      },
    ]);
  });

  it('snaps a single given edge and leaves the other out', () => {
    expect(snapSizeParams(gptImage2, { height: 1080 }).params).toEqual({ height: 1088 });
  });

  it('refuses an edge outside the range, naming parameter, value and range', () => {
    const error = errorOf(() => snapSizeParams(fluxDev, { width: 5000, height: 1024 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('width 5000 is outside 480-2048 for Flux Dev.');
    expect(error.details).toEqual({ param: 'width', value: 5000, min: 480, max: 2048 });
    expect(errorOf(() => snapSizeParams(fluxDev, { height: 479 })).message).toBe(
      'height 479 is outside 480-2048 for Flux Dev.',
    );
  });
});

describe('snapSizeParams on a preset model', () => {
  it('snaps the pair to the nearest preset', () => {
    const result = snapSizeParams(geminiFlashImage, { width: 1920, height: 1080 });
    expect(result.params).toEqual({ width: 1344, height: 768 });
    expect(result.warnings.map((w) => w.type === 'adjusted' && w.reason)).toEqual([
      'snapped to 1344x768, the nearest size Gemini 2.5 Flash Image accepts',
      'snapped to 1344x768, the nearest size Gemini 2.5 Flash Image accepts',
    ]);
  });

  it('pairs a single edge with the default of the other', () => {
    // 1536 x (default) 1024 is 3:2, so the 3:2 preset.
    const result = snapSizeParams(geminiFlashImage, { width: 1536 });
    expect(result.params).toEqual({ width: 1248, height: 832 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ param: 'width', from: 1536, to: 1248 }),
      expect.objectContaining({ param: 'height', from: 1024, to: 832 }),
    ]);
    expect(snapSizeParams(geminiFlashImage, { height: 1024 })).toEqual({
      params: { width: 1024, height: 1024 },
      warnings: [],
    });
  });

  it('takes the preset nearest in the given edge when the other has no default', () => {
    const noDefaults: ModelSpec = {
      ...geminiFlashImage,
      params: z.object({ width: z.number().optional(), height: z.number().optional() }),
      sizes: geminiFlashImageSizes,
    };
    const result = snapSizeParams(noDefaults, { width: 1500 });
    expect(result.params).toEqual({ width: 1536, height: 672 });
    expect(result.warnings).toEqual([expect.objectContaining({ param: 'width', from: 1500, to: 1536 })]);
  });
});

describe('snapSizeParams leaves alone', () => {
  it('models without sizes, requests without sizes, and values that are not sizes', () => {
    expect(snapSizeParams(veoLike, { width: 1000 })).toEqual({ params: { width: 1000 }, warnings: [] });
    expect(snapSizeParams(fluxDev, { prompt: 'x' })).toEqual({ params: { prompt: 'x' }, warnings: [] });
    expect(snapSizeParams(fluxDev, { width: '1000', height: 1003 }).params).toEqual({
      width: '1000',
      height: 1003,
    });
    expect(snapSizeParams(geminiFlashImage, { width: 0, height: 0 }).params).toEqual({ width: 0, height: 0 });
  });

  it('its input', () => {
    const input = Object.freeze({ width: 1000, height: 1003 });
    snapSizeParams(fluxDev, input);
    expect(input).toEqual({ width: 1000, height: 1003 });
  });
});

describe('schemaDefault', () => {
  it('reads a default, or undefined', () => {
    expect(schemaDefault(z.number().default(1024))).toBe(1024);
    expect(schemaDefault(z.number().optional())).toBeUndefined();
    expect(schemaDefault(z.number())).toBeUndefined();
    expect(schemaDefault(undefined)).toBeUndefined();
  });
});
