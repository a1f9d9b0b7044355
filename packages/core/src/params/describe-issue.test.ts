import { vocabulary } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue, formatParamPath } from './describe-issue.js';

const schema = z.object({
  prompt: vocabulary.prompt.max(1500),
  seed: vocabulary.seed.max(2147483637).optional(),
  mode: z.enum(['FAST', 'ULTRA']).default('FAST'),
  width: vocabulary.width.multipleOf(8).min(16).max(2496).optional(),
  guidance: z.number().min(1).max(10).optional(),
  strength: z.number().gt(0).lt(1).optional(),
  steps: z.number().int().min(1).optional(),
  aspectRatio: vocabulary.aspectRatio.optional(),
  images: vocabulary.images.max(3).optional(),
  tags: z.array(z.string()).length(2).optional(),
  code: z.string().min(3).max(8).optional(),
  callback: z.url().optional(),
  quality: z.literal('hd').optional(),
  enabled: z.boolean().optional(),
  either: z.union([z.string(), z.number()]).optional(),
  meta: z.strictObject({ a: z.string() }).optional(),
  even: z
    .number()
    .refine((n) => n % 2 === 0, 'must be an even number')
    .optional(),
  odd: z
    .number()
    .refine((n) => n % 2 === 1)
    .optional(),
  prefix: z.string().startsWith('sk-').optional(),
});

/** The sentence for the first issue of parsing `input` (with `prompt` filled in unless given). */
function sentenceFor(input: Record<string, unknown>, withSchema = true): string {
  const value = { prompt: 'a fox', ...input };
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  const issue = result.error.issues[0]!;
  return describeIssue(issue, withSchema ? { schema, input: value } : {});
}

describe('describeIssue', () => {
  it('says a missing parameter is required', () => {
    expect(sentenceFor({ prompt: undefined })).toBe('prompt is required.');
    expect(sentenceFor({ prompt: undefined }, false)).toBe('prompt is required.');
  });

  it('names the whole accepted range of a number (invalid_type, too_small, too_big)', () => {
    const expected = 'seed must be a whole number between 0 and 2147483637.';
    expect(sentenceFor({ seed: -1 })).toBe(expected);
    expect(sentenceFor({ seed: 2147483638 })).toBe(expected);
    expect(sentenceFor({ seed: 1.5 })).toBe(expected);
    expect(sentenceFor({ seed: 'random' })).toBe(expected);
    expect(sentenceFor({ guidance: 11 })).toBe('guidance must be a number between 1 and 10.');
    expect(sentenceFor({ strength: 1 })).toBe('strength must be a number greater than 0 and less than 1.');
    expect(sentenceFor({ steps: 0 })).toBe('steps must be a whole number of at least 1.');
  });

  it('falls back to the failed check without the schema', () => {
    expect(sentenceFor({ seed: -1 }, false)).toBe('seed must be at least 0.');
    expect(sentenceFor({ seed: 1.5 }, false)).toBe('seed must be a whole number.');
    expect(sentenceFor({ strength: 1 }, false)).toBe('strength must be less than 1.');
    expect(sentenceFor({ width: 12 }, false)).toBe('width must be a multiple of 8.');
  });

  it('describes not_multiple_of with the full range when known', () => {
    expect(sentenceFor({ width: 1020 })).toBe('width must be a multiple of 8 between 16 and 2496.');
  });

  it('lists the options of an enum or literal (invalid_value)', () => {
    expect(sentenceFor({ mode: 'SLOW' })).toBe('mode must be one of FAST, ULTRA.');
    expect(sentenceFor({ mode: 3 })).toBe('mode must be one of FAST, ULTRA.');
    expect(sentenceFor({ quality: 'sd' })).toBe('quality must be hd.');
  });

  it('gives lengths of text', () => {
    expect(sentenceFor({ prompt: '   ' })).toBe('prompt must not be empty.');
    expect(sentenceFor({ prompt: 'x'.repeat(1501) })).toBe('prompt must be at most 1500 characters long.');
    expect(sentenceFor({ code: 'ab' })).toBe('code must be between 3 and 8 characters long.');
    expect(sentenceFor({ code: 'abcdefghi' })).toBe('code must be between 3 and 8 characters long.');
    expect(sentenceFor({ prompt: 42 })).toBe('prompt must be non-empty text of at most 1500 characters.');
  });

  it('gives counts of lists', () => {
    expect(sentenceFor({ images: [] })).toBe('images must have between 1 and 3 items.');
    const url = { url: 'https://example.com/a.png' };
    expect(sentenceFor({ images: [url, url, url, url] })).toBe('images must have at most 3 items.');
    expect(sentenceFor({ tags: ['a'] })).toBe('tags must have exactly 2 items.');
    expect(sentenceFor({ images: 'https://example.com/a.png' })).toBe(
      'images must be a list of 1 to 3 items.',
    );
  });

  it('names nested parameters by path', () => {
    expect(sentenceFor({ images: [{ url: '' }] })).toBe('images[0].url must not be empty.');
    expect(sentenceFor({ images: [{}] })).toBe('images[0].url is required.');
  });

  it('explains formats (invalid_format)', () => {
    expect(sentenceFor({ aspectRatio: 'wide' })).toBe(
      'aspectRatio is not in the right form: Use W:H, such as 16:9.',
    );
    expect(sentenceFor({ callback: 'not a url' })).toBe('callback must be a URL.');
    expect(sentenceFor({ prefix: 'pk-1' })).toBe('prefix must start with "sk-".');
    const bare = z.object({ id: z.string().regex(/^[a-z]+$/) });
    const result = bare.safeParse({ id: 'A1' });
    expect(describeIssue(result.error!.issues[0]!)).toBe(
      'id is not in the right form (it must match /^[a-z]+$/).',
    );
  });

  it('describes other types plainly', () => {
    expect(sentenceFor({ enabled: 'yes' })).toBe('enabled must be true or false.');
    expect(sentenceFor({ either: true })).toBe('either must be text or a number.');
  });

  it('lists unknown fields (unrecognized_keys)', () => {
    expect(sentenceFor({ meta: { a: 'x', b: 1, c: 2 } })).toBe('meta has unknown fields: b, c.');
    const strict = z.strictObject({ prompt: z.string() });
    const result = strict.safeParse({ prompt: 'x', colour: 'red' });
    expect(describeIssue(result.error!.issues[0]!)).toBe('Unknown parameter: colour.');
  });

  it('passes on the message of a custom check', () => {
    expect(sentenceFor({ even: 3 })).toBe('even: must be an even number.');
    expect(sentenceFor({ odd: 2 })).toBe('odd is not valid.');
    const whole = z
      .object({ a: z.number(), b: z.number() })
      .refine((v) => v.a < v.b, 'a must be less than b');
    const result = whole.safeParse({ a: 2, b: 1 });
    expect(describeIssue(result.error!.issues[0]!)).toBe('a must be less than b.');
  });

  it('tells missing from wrong using the issue input when no input is given', () => {
    const result = schema.safeParse({ prompt: undefined, seed: 'x' }, { reportInput: true });
    const [prompt, seed] = result.error!.issues;
    expect(describeIssue(prompt!)).toBe('prompt is required.');
    expect(describeIssue(seed!)).toBe('seed must be a number.');
  });
});

describe('formatParamPath', () => {
  it('writes paths as a user would', () => {
    expect(formatParamPath(['seed'])).toBe('seed');
    expect(formatParamPath(['images', 0, 'url'])).toBe('images[0].url');
    expect(formatParamPath([])).toBe('');
  });
});
