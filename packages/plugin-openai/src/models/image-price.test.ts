import { describe, expect, it } from 'vitest';
import { IMAGE_MODELS } from './image-catalogue.js';
import { imagePrice } from './image-price.js';

const model = (id: string) => IMAGE_MODELS.find((entry) => entry.vendorId === id)!;

describe('imagePrice', () => {
  it("takes OpenAI's per-image price for the quality and size, times the quantity", () => {
    expect(imagePrice(model('gpt-image-1'), { quality: 'high', size: '1024x1024', quantity: 1 })).toEqual({
      usd: 0.167,
    });
    expect(imagePrice(model('gpt-image-1'), { quality: 'low', size: '1536x1024', quantity: 3 })).toEqual({
      usd: 0.048,
    });
  });

  it('prices auto quality as medium and auto size as square, marked approximate', () => {
    expect(imagePrice(model('gpt-image-1-mini'), { quality: 'auto', size: 'auto', quantity: 1 })).toEqual({
      usd: 0.011,
      approximate: true,
    });
  });

  it('prices a custom gpt-image-2 size by its pixels, never below the square price', () => {
    const large = imagePrice(model('gpt-image-2'), { quality: 'high', size: '3840x2160', quantity: 1 });
    expect(large.usd).toBeCloseTo((0.2 * 3840 * 2160) / (1024 * 1536), 5);
    expect(large.approximate).toBe(true);
    const small = imagePrice(model('gpt-image-2'), { quality: 'high', size: '512x512', quantity: 1 });
    expect(small.usd).toBe(0.133);
  });
});
