import { describe, expect, it } from 'vitest';
import { creditsPrice, megapixelPrice } from './pricing.js';

describe('BFL prices', () => {
  const pro = { firstMegapixelCredits: 3, megapixelCredits: 1.5 };

  it('charges the first megapixel at its own rate and the rest by megapixel', () => {
    expect(megapixelPrice(pro, { width: 1000, height: 1000 }, 0)).toEqual({ usd: 0.03, approximate: true });
    expect(megapixelPrice(pro, { width: 2000, height: 1000 }, 0)).toEqual({ usd: 0.045, approximate: true });
    expect(megapixelPrice(pro, { width: 512, height: 512 }, 0)).toEqual({ usd: 0.03, approximate: true });
  });

  it('adds each input image as a megapixel', () => {
    expect(megapixelPrice(pro, { width: 1000, height: 1000 }, 2)).toEqual({ usd: 0.06, approximate: true });
  });

  it('turns reported credits into an exact price', () => {
    expect(creditsPrice(4.5, false)).toEqual({ usd: 0.045 });
  });
});
