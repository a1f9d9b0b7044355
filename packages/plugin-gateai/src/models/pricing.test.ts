import { describe, expect, it } from 'vitest';
import { DefaultPricing, parseCost, priceEstimator, requestedPixels } from './pricing.js';

describe('parseCost', () => {
  it("reads GateAI's cost summaries", () => {
    expect(parseCost('~$0.02 per generation')).toEqual({ kind: 'per-output', usd: 0.02 });
    expect(parseCost('~$0.003/image (LOW)')).toEqual({ kind: 'per-output', usd: 0.003 });
    expect(parseCost('~$0.01 per 1024×1024 image')).toEqual({
      kind: 'per-pixels',
      usd: 0.01,
      pixels: 1024 * 1024,
    });
    expect(parseCost('~$0.00 per 1024×1024 image (min $0.00)')).toEqual({
      kind: 'per-pixels',
      usd: 0,
      pixels: 1048576,
    });
    expect(parseCost('~$0.49/720p 4s, ~$1.85/720p 15s (pixel×duration based)')).toEqual({
      kind: 'pixel-seconds',
      points: [
        { usd: 0.49, pixels: 1280 * 720, seconds: 4 },
        { usd: 1.85, pixels: 1280 * 720, seconds: 15 },
      ],
    });
    expect(parseCost('call us')).toEqual({ kind: 'unknown' });
    expect(parseCost(undefined)).toEqual({ kind: 'unknown' });
  });

  it('reads the pixels a request asks for', () => {
    expect(requestedPixels({ width: 1920, height: 1080 })).toBe(1920 * 1080);
    expect(requestedPixels({ mode: 'RESOLUTION_1080' })).toBe(1920 * 1080);
    expect(requestedPixels({ resolution: '768p' })).toBe(1365 * 768);
    expect(requestedPixels({ mode: 'FAST' })).toBeUndefined();
  });
});

describe('priceEstimator', () => {
  it('prices per output, times quantity', () => {
    expect(priceEstimator('flux-kontext-pro', '~$0.02 per generation')({ quantity: 4 })).toEqual({
      usd: 0.08,
      approximate: true,
    });
  });

  it('scales a per-size price by pixels, and reserves half a cent for "~$0.00"', () => {
    const flux = priceEstimator('flux-pro-2.0', '~$0.01 per 1024×1024 image');
    expect(flux({ width: 2048, height: 1024, quantity: 1 }).usd).toBe(0.02);
    const free = priceEstimator('flux-dev', '~$0.00 per 1024×1024 image');
    expect(free({ width: 1024, height: 1024, quantity: 2 }).usd).toBe(2 * DefaultPricing.roundedZeroUsd);
  });

  it("prices pixel×duration models along the summary's line, and takes the document's table where it has the case", () => {
    const seedance = priceEstimator('seedance-2.0', '~$0.49/720p 4s, ~$1.85/720p 15s (pixel×duration based)');
    expect(seedance({ width: 1280, height: 720, duration: 4 }).usd).toBe(0.49);
    expect(seedance({ width: 1280, height: 720, duration: 15 }).usd).toBe(1.85);
    expect(seedance({ width: 1280, height: 720, duration: 8 }).usd).toBeCloseTo(0.9845, 4);
    expect(seedance({ width: 1920, height: 1080, duration: 12 }).usd).toBe(3.33);
    expect(seedance({ width: 1920, height: 1080, duration: 15 }).usd).toBe(11.25);
    expect(seedance({ width: 1920, height: 1080, duration: 8 }).usd).toBeCloseTo(0.9845 * 2.25, 3);
    const fast = priceEstimator(
      'seedance-1.0-pro-fast',
      '~$0.04/720p 4s, ~$0.13/720p 15s (pixel×duration based)',
    );
    expect(fast({ width: 1280, height: 720, duration: 15 }).usd).toBe(0.13);
  });

  it('prices GPT Image 2 by quality from the cost table', () => {
    const gpt = priceEstimator('gpt-image-2', '~$0.00 per 1024×1024 image');
    expect(gpt({ width: 1024, height: 1024, quality: 'low', quantity: 1 }).usd).toBe(0.003);
    expect(gpt({ width: 1024, height: 1024, quality: 'high', quantity: 2 }).usd).toBe(0.22);
    expect(gpt({ width: 2048, height: 2048, quality: 'low', quantity: 1 }).usd).toBe(0.012);
  });

  it('reserves 10 cents per output for an unreadable summary', () => {
    expect(priceEstimator('new-model', undefined)({ quantity: 2 }).usd).toBe(0.2);
  });
});
