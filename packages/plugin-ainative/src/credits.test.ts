import { describe, expect, it } from 'vitest';
import { DOC_CREDIT_COSTS } from './__fixtures__/ainative-docs.js';
import { creditsToUsd } from './credits.js';

describe('creditsToUsd', () => {
  it.each(DOC_CREDIT_COSTS)(
    'prices $model at $credits credits = $$usd, as the user guide does',
    ({ credits, usd }) => {
      expect(creditsToUsd(credits)).toBe(usd);
    },
  );

  it('uses 1 credit = $0.0005 unless configured otherwise', () => {
    expect(creditsToUsd(1)).toBe(0.0005);
    expect(creditsToUsd(14, 0.001)).toBe(0.014);
    expect(creditsToUsd(3, 0.0001)).toBe(0.0003);
  });

  it('prices nothing, or nonsense, at zero', () => {
    expect(creditsToUsd(0)).toBe(0);
    expect(creditsToUsd(-5)).toBe(0);
    expect(creditsToUsd(Number.NaN)).toBe(0);
  });
});
