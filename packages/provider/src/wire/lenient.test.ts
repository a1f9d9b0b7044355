import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lenient, looseNumber, nonBlank } from './lenient.js';

const answer = z.object({ id: z.string(), cost: lenient(looseNumber), note: lenient(nonBlank) });

describe('lenient fields', () => {
  it('keeps what fits and drops what does not, without failing the answer', () => {
    expect(answer.parse({ id: 'a', cost: '$0.02', note: ' hi ' })).toEqual({
      id: 'a',
      cost: 0.02,
      note: ' hi ',
    });
    expect(answer.parse({ id: 'a', cost: 'many', note: '  ' })).toEqual({ id: 'a' });
    expect(answer.parse({ id: 'a', cost: 400, note: 3 })).toEqual({ id: 'a', cost: 400 });
    expect(answer.safeParse({ cost: 1 }).success).toBe(false);
  });

  it('reads numbers written as strings, and nothing else', () => {
    expect(looseNumber.parse('400')).toBe(400);
    expect(looseNumber.safeParse('').success).toBe(false);
    expect(looseNumber.safeParse(Number.NaN).success).toBe(false);
    expect(looseNumber.safeParse(null).success).toBe(false);
  });
});
