import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { fluxDev, geminiFlashImage, gptImage2, veoLike } from './__fixtures__/gateai-models.js';
import { applyAspectRatio, canConvertAspectRatio } from './aspect-ratio-param.js';

describe('canConvertAspectRatio', () => {
  it('holds for models with sizes and width/height but no aspectRatio', () => {
    expect(canConvertAspectRatio(fluxDev)).toBe(true);
    expect(canConvertAspectRatio(geminiFlashImage)).toBe(true);
    expect(canConvertAspectRatio(veoLike)).toBe(false);
    expect(canConvertAspectRatio({ ...fluxDev, sizes: undefined as never })).toBe(false);
  });
});

describe('applyAspectRatio', () => {
  it('turns a ratio into the preset of that ratio', () => {
    const result = applyAspectRatio(geminiFlashImage, { prompt: 'x', aspectRatio: '16:9' });
    expect(result.params).toEqual({ prompt: 'x', width: 1344, height: 768 });
    expect(result.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'aspectRatio',
        from: '16:9',
        to: '1344x768',
        reason:
          'Gemini 2.5 Flash Image takes width and height rather than an aspect ratio, so 16:9 became 1344x768',
      },
    ]);
  });

  it('turns a ratio into a step-aligned size in a range', () => {
    expect(applyAspectRatio(fluxDev, { aspectRatio: '16:9' }).params).toEqual({ width: 1368, height: 768 });
    expect(applyAspectRatio(gptImage2, { aspectRatio: '9:16' }).params).toEqual({ width: 768, height: 1376 });
  });

  it('lets explicit width or height win, saying the ratio was ignored', () => {
    const result = applyAspectRatio(fluxDev, { aspectRatio: '16:9', width: 1024 });
    expect(result.params).toEqual({ width: 1024 });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' }),
    ]);
  });

  it('refuses a malformed ratio it would have to convert', () => {
    expect(() => applyAspectRatio(fluxDev, { aspectRatio: 'wide' })).toThrow(GenHubError);
  });

  it('snaps a ratio to the nearest on the model list', () => {
    const result = applyAspectRatio(veoLike, { aspectRatio: '21:9' });
    expect(result.params).toEqual({ aspectRatio: '16:9' });
    expect(result.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'aspectRatio',
        from: '21:9',
        to: '16:9',
        reason: 'Veo Like accepts only 16:9, 9:16, 1:1; 16:9 is the nearest',
      },
    ]);
  });

  it('leaves listed values, non-ratios and absent ratios alone', () => {
    expect(applyAspectRatio(veoLike, { aspectRatio: '9:16' })).toEqual({
      params: { aspectRatio: '9:16' },
      warnings: [],
    });
    expect(applyAspectRatio(veoLike, { aspectRatio: 'wide' })).toEqual({
      params: { aspectRatio: 'wide' },
      warnings: [],
    });
    expect(applyAspectRatio(fluxDev, { width: 1024 })).toEqual({ params: { width: 1024 }, warnings: [] });
  });
});
