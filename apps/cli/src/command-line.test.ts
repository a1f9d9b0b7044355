import { describe, expect, it } from 'vitest';
import { parseCommandLine, wholeNumberOption } from './command-line.js';
import { UsageError } from './usage-error.js';

describe('parseCommandLine', () => {
  it('takes negative numbers as arguments and option values', () => {
    const { values, positionals } = parseCommandLine(['grant', 'console', '-5', '--note', '-0.5 back'], {
      note: { type: 'string' },
    });
    expect(positionals).toEqual(['grant', 'console', '-5']);
    expect(values.note).toBe('-0.5 back');
  });

  it('collects repeated options', () => {
    const { values } = parseCommandLine(['--param', 'a=1', '--param', 'b=-2'], {
      param: { type: 'string', multiple: true },
    });
    expect(values.param).toEqual(['a=1', 'b=-2']);
  });

  it('turns parse errors into one sentence', () => {
    expect(() => parseCommandLine(['--colour'], {})).toThrow(
      new UsageError('Unknown option --colour; run "genhub help" for the options of each command.'),
    );
    expect(() => parseCommandLine(['--limit'], { limit: { type: 'string' } })).toThrow(
      '--limit needs a value.',
    );
  });
});

describe('wholeNumberOption', () => {
  it('reads a whole number in range, or the fallback', () => {
    expect(wholeNumberOption('limit', undefined, 20, 1, 100)).toBe(20);
    expect(wholeNumberOption('limit', '7', 20, 1, 100)).toBe(7);
    for (const bad of ['0', '101', '2.5', '-1', 'ten', ''])
      expect(() => wholeNumberOption('limit', bad, 20, 1, 100)).toThrow(
        '--limit takes a whole number from 1 to 100.',
      );
  });
});
