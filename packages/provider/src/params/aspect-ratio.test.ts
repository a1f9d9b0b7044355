import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GenHubError } from '../errors/genhub-error.js';
import { parseAspectRatio, snapAspectRatio, tryParseAspectRatio } from './aspect-ratio.js';

function errorOf(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

describe('parseAspectRatio', () => {
  it('reads W:H as W / H', () => {
    expect(parseAspectRatio('16:9')).toBeCloseTo(16 / 9, 12);
    expect(parseAspectRatio('1:1')).toBe(1);
    expect(parseAspectRatio(' 2.39 : 1 ')).toBeCloseTo(2.39, 12);
  });

  it.each(['', '16', '16:', ':9', '16/9', 'wide', '16:9:1', '-16:9', '0:9', '16:0', '0:0', '1e3:1'])(
    'refuses %j as INVALID_INPUT',
    (value) => {
      const error = errorOf(() => parseAspectRatio(value));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('use W:H, such as 16:9');
      expect(error.details).toMatchObject({ param: 'aspectRatio' });
    },
  );

  it('has a non-throwing form', () => {
    expect(tryParseAspectRatio('4:3')).toBeCloseTo(4 / 3, 12);
    expect(tryParseAspectRatio('auto')).toBeUndefined();
    expect(tryParseAspectRatio(42)).toBeUndefined();
  });
});

describe('snapAspectRatio', () => {
  const allowed = ['1:1', '16:9', '9:16', '4:3', '3:4'];

  it('keeps an allowed ratio', () => {
    expect(snapAspectRatio('16:9', allowed)).toBe('16:9');
  });

  it('returns the nearest allowed ratio, as written in the list', () => {
    expect(snapAspectRatio('21:9', allowed)).toBe('16:9');
    expect(snapAspectRatio('5:4', allowed)).toBe('4:3');
    expect(snapAspectRatio('32:18', allowed)).toBe('16:9');
    expect(snapAspectRatio('1:3', allowed)).toBe('9:16');
  });

  it('compares ratios on a log scale, so 2:1 and 1:2 are equally far from 1:1', () => {
    expect(snapAspectRatio('2:1', ['1:1', '1:4'])).toBe('1:1');
    expect(snapAspectRatio('1:2', ['1:1', '4:1'])).toBe('1:1');
    // Equally far: the first listed wins.
    expect(snapAspectRatio('1:1', ['2:1', '1:2'])).toBe('2:1');
  });

  it('skips entries that are not ratios', () => {
    expect(snapAspectRatio('16:9', ['auto', '1:1', '4:3'])).toBe('4:3');
  });

  it('refuses junk and an empty choice', () => {
    expect(errorOf(() => snapAspectRatio('wide', allowed)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => snapAspectRatio('16:9', [])).code).toBe('INVALID_INPUT');
    expect(errorOf(() => snapAspectRatio('16:9', ['auto'])).code).toBe('INVALID_INPUT');
  });

  it('property: the result is allowed and no allowed ratio is strictly nearer', () => {
    const ratio = fc
      .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }))
      .map(([w, h]) => `${w}:${h}`);
    fc.assert(
      fc.property(ratio, fc.array(ratio, { minLength: 1, maxLength: 10 }), (requested, list) => {
        const snapped = snapAspectRatio(requested, list);
        expect(list).toContain(snapped);
        const distance = (r: string) => Math.abs(Math.log(parseAspectRatio(requested) / parseAspectRatio(r)));
        for (const r of list) expect(distance(r)).toBeGreaterThanOrEqual(distance(snapped));
      }),
    );
  });
});
