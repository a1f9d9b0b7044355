import { vocabulary } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRequired, sampleValues } from './schema-samples.js';

describe('sampleValues', () => {
  it('tries every enum option and literal, and both booleans', () => {
    expect(sampleValues(z.enum(['low', 'high']).default('low'))).toEqual(['low', 'high']);
    expect(sampleValues(z.union([z.literal(5), z.literal(10)]).optional())).toEqual([5, 10]);
    expect(sampleValues(z.boolean().default(false))).toEqual([true, false]);
  });

  it('tries numeric bounds and their middle, inside exclusive bounds', () => {
    expect(sampleValues(z.number().int().min(1).max(9).default(3))).toEqual([1, 9, 5]);
    expect(sampleValues(vocabulary.quantity.max(4))).toEqual([1, 4, 3]);
    expect(sampleValues(z.number().gt(0).lt(1))).toEqual([0.001, 0.999, 0.5]);
    expect(sampleValues(z.number().min(1).max(9).multipleOf(2))).toEqual([2, 8, 6]);
    expect(sampleValues(z.number())).toEqual([]);
  });

  it('tries a string at its longest, capped, and the input side of a transform', () => {
    const [long] = sampleValues(vocabulary.prompt.max(40)) as [string];
    expect(long.length).toBeGreaterThan(30);
    expect(long.length).toBeLessThanOrEqual(40);
    expect((sampleValues(z.string().max(100_000), 50)[0] as string).length).toBeLessThanOrEqual(50);
    expect(sampleValues(z.string().transform(Number))).toEqual([]);
  });
});

describe('isRequired', () => {
  it('is true only when a missing value is refused', () => {
    expect(isRequired(vocabulary.prompt)).toBe(true);
    expect(isRequired(vocabulary.prompt.optional())).toBe(false);
    expect(isRequired(z.number().default(1))).toBe(false);
  });
});
