import type { SizePreset, SizeRange, SizeSpec } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fluxDevSizes, geminiFlashImageSizes, gptImage2Sizes } from './__fixtures__/gateai-sizes.js';
import {
  isValidSize,
  type Size,
  sizeDistance,
  sizeForAspectRatio,
  snapEdge,
  snapSize,
} from './size-snapping.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

/** A range with at least one multiple of its step on each edge. */
const rangeArb: fc.Arbitrary<SizeRange> = fc
  .record({
    step: fc.integer({ min: 1, max: 64 }),
    minWidth: fc.integer({ min: 1, max: 3000 }),
    spanWidth: fc.integer({ min: 0, max: 3000 }),
    minHeight: fc.integer({ min: 1, max: 3000 }),
    spanHeight: fc.integer({ min: 0, max: 3000 }),
  })
  .map(({ step, minWidth, spanWidth, minHeight, spanHeight }) => ({
    step,
    minWidth,
    maxWidth: minWidth + spanWidth,
    minHeight,
    maxHeight: minHeight + spanHeight,
  }))
  .filter(
    (r) =>
      Math.ceil(r.minWidth / r.step) * r.step <= r.maxWidth &&
      Math.ceil(r.minHeight / r.step) * r.step <= r.maxHeight,
  );

const edgeArb = fc.oneof(
  fc.integer({ min: 1, max: 8000 }),
  fc.double({ min: 0.001, max: 8000, noNaN: true, noDefaultInfinity: true }),
);
const sizeArb: fc.Arbitrary<Size> = fc.record({ width: edgeArb, height: edgeArb });
const presetsArb: fc.Arbitrary<SizePreset[]> = fc.array(
  fc.record({
    label: fc.constant('p'),
    width: fc.integer({ min: 1, max: 4096 }),
    height: fc.integer({ min: 1, max: 4096 }),
  }),
  { minLength: 1, maxLength: 20 },
);

describe('sizeDistance', () => {
  it('is zero for equal sizes, symmetric, and scale-free', () => {
    expect(sizeDistance({ width: 1024, height: 768 }, { width: 1024, height: 768 })).toBe(0);
    const a = { width: 1000, height: 700 };
    const b = { width: 1344, height: 768 };
    expect(sizeDistance(a, b)).toBeCloseTo(sizeDistance(b, a), 12);
    expect(sizeDistance({ width: 2000, height: 1400 }, { width: 2688, height: 1536 })).toBeCloseTo(
      sizeDistance(a, b),
      12,
    );
  });

  it('weighs aspect ratio twice as much as pixel count', () => {
    const square = { width: 1000, height: 1000 };
    // Twice as wide: the ratio doubles (2 ln 2) and so do the pixels (ln 2).
    expect(sizeDistance(square, { width: 2000, height: 1000 })).toBeCloseTo(3 * Math.log(2), 12);
    // Twice the pixels at the same ratio: ln 2. Twice the ratio at the same pixels: 2 ln 2.
    expect(sizeDistance(square, { width: 1000 * Math.SQRT2, height: 1000 * Math.SQRT2 })).toBeCloseTo(
      Math.log(2),
      12,
    );
    expect(sizeDistance(square, { width: 1000 * Math.SQRT2, height: 1000 / Math.SQRT2 })).toBeCloseTo(
      2 * Math.log(2),
      12,
    );
  });

  it('refuses non-positive sizes', () => {
    expect(codeOf(() => sizeDistance({ width: 0, height: 1 }, { width: 1, height: 1 }))).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('snapSize with presets only (gemini-2.5-flash-image)', () => {
  it('keeps a listed size, without warnings', () => {
    expect(snapSize({ width: 1344, height: 768 }, geminiFlashImageSizes)).toEqual({
      width: 1344,
      height: 768,
      warnings: [],
    });
  });

  it('snaps to the nearest preset by aspect ratio and pixel count, warning per changed edge', () => {
    const snapped = snapSize({ width: 1920, height: 1080 }, geminiFlashImageSizes, {
      modelName: 'Gemini 2.5 Flash Image',
    });
    expect(snapped).toMatchObject({ width: 1344, height: 768 });
    expect(snapped.warnings).toEqual([
      {
        type: 'adjusted',
        param: 'width',
        from: 1920,
        to: 1344,
        reason: 'snapped to 1344x768, the nearest size Gemini 2.5 Flash Image accepts',
      },
      {
        type: 'adjusted',
        param: 'height',
        from: 1080,
        to: 768,
        reason: 'snapped to 1344x768, the nearest size Gemini 2.5 Flash Image accepts',
      },
    ]);
    expect(snapSize({ width: 1000, height: 1000 }, geminiFlashImageSizes)).toMatchObject({
      width: 1024,
      height: 1024,
    });
    expect(snapSize({ width: 800, height: 600 }, geminiFlashImageSizes)).toMatchObject({
      width: 1184,
      height: 864,
    });
    expect(snapSize({ width: 2560, height: 1080 }, geminiFlashImageSizes)).toMatchObject({
      width: 1536,
      height: 672,
    });
    expect(snapSize({ width: 1080, height: 1920 }, geminiFlashImageSizes)).toMatchObject({
      width: 768,
      height: 1344,
    });
  });

  it('warns only for the edge that changed', () => {
    const snapped = snapSize({ width: 1024, height: 1000 }, geminiFlashImageSizes);
    expect(snapped.warnings).toEqual([expect.objectContaining({ param: 'height', from: 1000, to: 1024 })]);
    expect(snapped.warnings[0]).toMatchObject({
      reason: 'snapped to 1024x1024, the nearest size the model accepts',
    });
  });

  it('breaks ties by the larger pixel count, then by the order listed', () => {
    const presets = [
      { label: 'a', width: 500, height: 500 },
      { label: 'b', width: 2000, height: 2000 },
      { label: 'c', width: 2000, height: 2000 },
    ];
    expect(snapSize({ width: 1000, height: 1000 }, { presets })).toMatchObject({ width: 2000, height: 2000 });
    const same = [
      { label: 'x', width: 800, height: 1000 },
      { label: 'y', width: 1000, height: 800 },
    ];
    // 1:1 sits exactly between 4:5 and 5:4 at equal pixel counts: the first listed wins.
    expect(snapSize({ width: 894, height: 894 }, { presets: same })).toMatchObject({
      width: 800,
      height: 1000,
    });
  });

  it('property: the result is one of the presets and none is strictly nearer', () => {
    fc.assert(
      fc.property(presetsArb, sizeArb, (presets, requested) => {
        const snapped = snapSize(requested, { presets });
        const chosen = presets.find((p) => p.width === snapped.width && p.height === snapped.height);
        expect(chosen).toBeDefined();
        expect(isValidSize(snapped, { presets })).toBe(true);
        const distance = sizeDistance(requested, snapped);
        for (const preset of presets)
          expect(sizeDistance(requested, preset)).toBeGreaterThanOrEqual(distance - 1e-6);
      }),
    );
  });
});

describe('snapSize with a range (flux-dev 480-2048 step 8, gpt-image-2 256-3840 step 16)', () => {
  it('keeps a valid size, without warnings', () => {
    expect(snapSize({ width: 1024, height: 768 }, fluxDevSizes)).toEqual({
      width: 1024,
      height: 768,
      warnings: [],
    });
  });

  it('rounds each edge to the nearest multiple of the step, on its own', () => {
    expect(snapSize({ width: 1000, height: 1003 }, fluxDevSizes)).toEqual({
      width: 1000,
      height: 1000,
      warnings: [
        {
          type: 'adjusted',
          param: 'height',
          from: 1003,
          to: 1000,
          reason: 'rounded to the nearest multiple of 8',
        },
      ],
    });
    expect(snapSize({ width: 1920, height: 1080 }, gptImage2Sizes)).toMatchObject({
      width: 1920,
      height: 1088,
    });
    // Halves round up.
    expect(snapSize({ width: 1000, height: 1000 }, gptImage2Sizes)).toMatchObject({
      width: 1008,
      height: 1008,
    });
  });

  it('clamps to the range, saying so', () => {
    const snapped = snapSize({ width: 300, height: 5000 }, fluxDevSizes);
    expect(snapped).toMatchObject({ width: 480, height: 2048 });
    expect(snapped.warnings.map((w) => (w.type === 'adjusted' ? w.reason : ''))).toEqual([
      'raised to the minimum 480',
      'lowered to the maximum 2048',
    ]);
  });

  it('stays inside a range whose ends are not multiples of the step', () => {
    const range = { minWidth: 481, maxWidth: 1020, minHeight: 481, maxHeight: 1020, step: 8 };
    expect(snapEdge('width', 482, range)).toMatchObject({
      value: 488,
      warning: { reason: 'raised to 488, the smallest multiple of 8 in 481-1020' },
    });
    expect(snapEdge('height', 1019, range)).toMatchObject({
      value: 1016,
      warning: { reason: 'lowered to 1016, the largest multiple of 8 in 481-1020' },
    });
  });

  it('uses presets only as suggestions when there is a range', () => {
    expect(snapSize({ width: 1024, height: 512 }, gptImage2Sizes)).toEqual({
      width: 1024,
      height: 512,
      warnings: [],
    });
  });

  it('property: the result is valid and no valid edge is strictly nearer', () => {
    fc.assert(
      fc.property(rangeArb, sizeArb, (range, requested) => {
        const snapped = snapSize(requested, { range });
        expect(isValidSize(snapped, { range })).toBe(true);
        for (const param of ['width', 'height'] as const) {
          const got = snapped[param];
          const min = param === 'width' ? range.minWidth : range.minHeight;
          const max = param === 'width' ? range.maxWidth : range.maxHeight;
          const error = Math.abs(got - requested[param]);
          // Valid edges form a lattice, so the neighbours are the only candidates that could be nearer.
          for (const neighbour of [got - range.step, got + range.step]) {
            if (neighbour >= min && neighbour <= max) {
              expect(Math.abs(neighbour - requested[param])).toBeGreaterThanOrEqual(error);
            }
          }
        }
        expect(snapped.warnings).toHaveLength(
          Number(snapped.width !== requested.width) + Number(snapped.height !== requested.height),
        );
      }),
    );
  });
});

describe('snapSize input checks and unconstrained sizes', () => {
  it.each([
    [0, 100],
    [-5, 100],
    [Number.NaN, 100],
    [Number.POSITIVE_INFINITY, 100],
    [100, 0],
  ])('refuses %s x %s as INVALID_INPUT', (width, height) => {
    expect(codeOf(() => snapSize({ width, height }, fluxDevSizes))).toBe('INVALID_INPUT');
    expect(codeOf(() => snapSize({ width, height }, geminiFlashImageSizes))).toBe('INVALID_INPUT');
  });

  it('only rounds to whole pixels when nothing is listed', () => {
    expect(snapSize({ width: 1000.4, height: 700 }, {})).toMatchObject({ width: 1000, height: 700 });
    expect(snapSize({ width: 1000.4, height: 700 }, {}).warnings).toHaveLength(1);
  });

  it('reports a range with no multiple of its step as INTERNAL', () => {
    const broken: SizeSpec = {
      range: { minWidth: 481, maxWidth: 487, minHeight: 8, maxHeight: 16, step: 8 },
    };
    expect(codeOf(() => snapSize({ width: 484, height: 8 }, broken))).toBe('INTERNAL');
  });
});

describe('isValidSize', () => {
  it('follows the range when there is one', () => {
    expect(isValidSize({ width: 1024, height: 1016 }, fluxDevSizes)).toBe(true);
    expect(isValidSize({ width: 1020, height: 1016 }, fluxDevSizes)).toBe(false);
    expect(isValidSize({ width: 472, height: 1016 }, fluxDevSizes)).toBe(false);
    expect(isValidSize({ width: 2056, height: 1016 }, fluxDevSizes)).toBe(false);
    expect(isValidSize({ width: 1024, height: 512 }, gptImage2Sizes)).toBe(true);
  });

  it('accepts only listed sizes with presets alone', () => {
    expect(isValidSize({ width: 1536, height: 672 }, geminiFlashImageSizes)).toBe(true);
    expect(isValidSize({ width: 672, height: 1536 }, geminiFlashImageSizes)).toBe(false);
  });

  it('accepts any whole positive size when nothing is listed', () => {
    expect(isValidSize({ width: 123, height: 45 }, {})).toBe(true);
    expect(isValidSize({ width: 12.5, height: 45 }, {})).toBe(false);
    expect(isValidSize({ width: 0, height: 45 }, {})).toBe(false);
  });
});

describe('sizeForAspectRatio', () => {
  it('picks the preset of that ratio (gemini-2.5-flash-image)', () => {
    expect(sizeForAspectRatio('16:9', geminiFlashImageSizes)).toEqual({ width: 1344, height: 768 });
    expect(sizeForAspectRatio('4:3', geminiFlashImageSizes)).toEqual({ width: 1184, height: 864 });
    expect(sizeForAspectRatio('21:9', geminiFlashImageSizes)).toEqual({ width: 1536, height: 672 });
    expect(sizeForAspectRatio('1:1', geminiFlashImageSizes)).toEqual({ width: 1024, height: 1024 });
  });

  it('uses the nearest ratio when none matches and there is no range', () => {
    // 1.9 is nearer 16:9 (1.75) than 21:9 (2.29).
    expect(sizeForAspectRatio('19:10', geminiFlashImageSizes)).toEqual({ width: 1344, height: 768 });
  });

  it('picks the size tier nearest the target pixel count (gpt-image-2)', () => {
    expect(sizeForAspectRatio('16:9', gptImage2Sizes)).toEqual({ width: 1376, height: 768 });
    expect(sizeForAspectRatio('16:9', gptImage2Sizes, 2048 * 1152)).toEqual({ width: 2048, height: 1136 });
    expect(sizeForAspectRatio('9:16', gptImage2Sizes, 8_000_000)).toEqual({ width: 2016, height: 3584 });
  });

  it('computes a step-aligned size of that ratio inside a range when no preset has it', () => {
    // flux-dev: 16:9 near one megapixel, multiples of 8.
    expect(sizeForAspectRatio('16:9', fluxDevSizes)).toEqual({ width: 1368, height: 768 });
    expect(sizeForAspectRatio('1:1', fluxDevSizes)).toEqual({ width: 1024, height: 1024 });
    // gpt-image-2 has no 7:2 preset: 1904x544 is exactly 7:2 in multiples of 16.
    expect(sizeForAspectRatio('7:2', gptImage2Sizes)).toEqual({ width: 1904, height: 544 });
  });

  it('clamps extreme ratios to the range', () => {
    expect(sizeForAspectRatio('10:1', fluxDevSizes)).toEqual({ width: 2048, height: 480 });
  });

  it('refuses junk', () => {
    expect(codeOf(() => sizeForAspectRatio('wide', fluxDevSizes))).toBe('INVALID_INPUT');
    expect(codeOf(() => sizeForAspectRatio('16:0', fluxDevSizes))).toBe('INVALID_INPUT');
    expect(codeOf(() => sizeForAspectRatio('16:9', fluxDevSizes, 0))).toBe('INVALID_INPUT');
  });

  it('property: the size is valid for ranges, and one of the presets for presets', () => {
    const ratioArb = fc.tuple(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 32 }));
    fc.assert(
      fc.property(
        rangeArb,
        ratioArb,
        fc.integer({ min: 10_000, max: 16_000_000 }),
        (range, [w, h], target) => {
          const size = sizeForAspectRatio(`${w}:${h}`, { range }, target);
          expect(isValidSize(size, { range })).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(presetsArb, ratioArb, (presets, [w, h]) => {
        const size = sizeForAspectRatio(`${w}:${h}`, { presets });
        expect(presets.some((p) => p.width === size.width && p.height === size.height)).toBe(true);
      }),
    );
  });
});
