import { describe, expect, it } from 'vitest';
import { VEO_MODELS } from './veo-catalogue.js';
import { veoPrice } from './veo-price.js';

const [veo31, veo31Fast] = VEO_MODELS;
const veo2 = VEO_MODELS.find((model) => model.vendorId === 'veo-2.0-generate-001')!;

describe('Veo prices', () => {
  it('are per second, by resolution, times the videos', () => {
    expect(veoPrice(veo31!, { duration: 8 }).usd).toBeCloseTo(3.2);
    expect(veoPrice(veo31!, { duration: 8, resolution: '4k' } as never).usd).toBeCloseTo(4.8);
    expect(veoPrice(veo31Fast!, { duration: 4 }).usd).toBeCloseTo(0.4);
    expect(veoPrice(veo2, { duration: 5, quantity: 2 }).usd).toBeCloseTo(3.5);
  });

  it('count 7 new seconds for an extension, and are marked approximate', () => {
    const price = veoPrice(veo31!, {
      duration: 8,
      extendVideo: 'https://x/v1beta/files/a:download',
    } as never);
    expect(price).toEqual({ usd: expect.closeTo(2.8), approximate: true });
  });
});
