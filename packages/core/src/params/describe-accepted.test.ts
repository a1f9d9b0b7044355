import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeAccepted } from './describe-accepted.js';
import { jsonSchemaOf } from './schema-at-path.js';

function accepted(schema: z.ZodType): string | undefined {
  return describeAccepted(jsonSchemaOf(schema)!);
}

describe('describeAccepted', () => {
  it('describes numbers with their bounds', () => {
    expect(accepted(z.number().int().min(0).max(2147483637))).toBe('a whole number between 0 and 2147483637');
    expect(accepted(z.int())).toBe('a whole number');
    expect(accepted(z.number().positive())).toBe('a number greater than 0');
    expect(accepted(z.number().int().positive())).toBe('a whole number greater than 0');
    expect(accepted(z.number().max(1))).toBe('a number of at most 1');
    expect(accepted(z.number().min(1).lt(2))).toBe('a number of at least 1 and less than 2');
    expect(accepted(z.number().int().multipleOf(8).min(16).max(2496))).toBe(
      'a multiple of 8 between 16 and 2496',
    );
    expect(accepted(z.number().min(3).max(3))).toBe('3');
  });

  it('describes text with its length or format', () => {
    expect(accepted(z.string())).toBe('text');
    expect(accepted(z.string().min(1))).toBe('non-empty text');
    expect(accepted(z.string().max(1))).toBe('text of at most 1 character');
    expect(accepted(z.string().min(2).max(5))).toBe('text of 2 to 5 characters');
    expect(accepted(z.string().length(4))).toBe('text of exactly 4 characters');
    expect(accepted(z.string().min(3))).toBe('text of at least 3 characters');
    expect(accepted(z.email())).toBe('an email address');
  });

  it('describes enums, literals, lists, booleans, objects and unions', () => {
    expect(accepted(z.enum(['FAST', 'ULTRA']))).toBe('one of FAST, ULTRA');
    expect(accepted(z.literal(''))).toBe('""');
    expect(accepted(z.literal(4))).toBe('4');
    expect(accepted(z.union([z.literal(4), z.literal(6)]))).toBe('one of 4, 6');
    expect(accepted(z.array(z.string()).min(1).max(9))).toBe('a list of 1 to 9 items');
    expect(accepted(z.array(z.string()).max(1))).toBe('a list of at most 1 item');
    expect(accepted(z.boolean())).toBe('true or false');
    expect(accepted(z.object({}))).toBe('an object');
    expect(accepted(z.number().min(0).nullable())).toBe('a number of at least 0');
  });

  it('says nothing for a schema that takes anything', () => {
    expect(accepted(z.any())).toBeUndefined();
    expect(accepted(z.union([z.any(), z.string()]))).toBeUndefined();
  });
});
