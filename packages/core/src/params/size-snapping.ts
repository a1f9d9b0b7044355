import type { SizePreset, SizeRange, SizeSpec, Warning } from '@genhub/provider';
import { GenHubError, parseAspectRatio } from '@genhub/provider';

/** A width x height in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A size a model accepts, with one `adjusted` warning per edge that differs from the request. */
export interface SnappedSize {
  width: number;
  height: number;
  warnings: Warning[];
}

export interface SnapSizeOptions {
  /** Named in warnings ("the nearest size Flux Dev accepts"); "the model" when absent. */
  modelName?: string;
}

/** How much more a difference in aspect ratio counts than the same factor of difference in pixels. */
export const ASPECT_RATIO_WEIGHT = 2;

/** The pixel count `sizeForAspectRatio` aims for unless told otherwise: about one megapixel. */
export const DEFAULT_TARGET_PIXELS = 1024 * 1024;

/**
 * Presets whose aspect ratios are within this of each other (in |ln ratio|) count as one ratio, so
 * the size tiers of one ratio (GPT Image 2's 1376x768, 2048x1136, 3584x2016 for 16:9) compete on
 * pixel count. The closest distinct ratios in use, 5:4 and 4:3, are 0.064 apart or more.
 */
const SAME_RATIO_TOLERANCE = 0.03;

/** Comparisons closer than this are ties. */
const EPSILON = 1e-9;

/**
 * How far apart two sizes are, "by aspect ratio and pixel count" as GateAI snaps presets:
 *
 *   ASPECT_RATIO_WEIGHT * |ln(ratioA / ratioB)| + |ln(pixelsA / pixelsB)|
 *
 * Logarithms make the metric scale-free (twice as large counts as much as half as large) and
 * symmetric; the weight of 2 keeps the shape of the picture first, so 1000x1000 goes to 1024x1024
 * rather than to a 4:3 preset of nearly the same pixel count. 0 for equal sizes. Throws
 * INVALID_INPUT for a non-positive or non-finite edge.
 */
export function sizeDistance(a: Size, b: Size): number {
  assertPositiveSize(a);
  assertPositiveSize(b);
  const dw = Math.log(a.width / b.width);
  const dh = Math.log(a.height / b.height);
  // ln(ratioA / ratioB) = dw - dh; ln(pixelsA / pixelsB) = dw + dh.
  return ASPECT_RATIO_WEIGHT * Math.abs(dw - dh) + Math.abs(dw + dh);
}

/**
 * The size nearest `requested` that `sizes` accepts.
 *
 * - With a `range`, each edge on its own: clamped to [min, max], then rounded to the nearest
 *   multiple of `step` inside the range (halves round up). Presets are only suggestions then.
 * - With `presets` alone, the preset with the smallest `sizeDistance`; ties go to the larger pixel
 *   count, then to the first listed.
 * - With neither, any size goes; edges are only rounded to whole pixels.
 *
 * Throws INVALID_INPUT for a non-positive or non-finite edge, INTERNAL for a range holding no
 * multiple of its step.
 */
export function snapSize(requested: Size, sizes: SizeSpec, options: SnapSizeOptions = {}): SnappedSize {
  assertPositiveSize(requested);
  if (sizes.range) {
    const width = snapEdge('width', requested.width, sizes.range);
    const height = snapEdge('height', requested.height, sizes.range);
    return {
      width: width.value,
      height: height.value,
      warnings: [width.warning, height.warning].filter((w): w is Warning => w !== undefined),
    };
  }
  const preset = nearestPreset(requested, sizes.presets ?? []);
  if (!preset) {
    const width = Math.max(1, Math.round(requested.width));
    const height = Math.max(1, Math.round(requested.height));
    return { width, height, warnings: edgeWarnings(requested, { width, height }, 'rounded to whole pixels') };
  }
  const reason = `snapped to ${preset.width}x${preset.height}, the nearest size ${options.modelName ?? 'the model'} accepts`;
  return { width: preset.width, height: preset.height, warnings: edgeWarnings(requested, preset, reason) };
}

/** The snapped value of one edge against a range, with a warning when it changed. */
export interface SnappedEdge {
  value: number;
  warning?: Warning;
}

/**
 * One edge snapped into a range: clamped to [min, max], then rounded to the nearest multiple of
 * `step` inside it. Width and height snap independently, so this serves a request that gives one.
 */
export function snapEdge(param: 'width' | 'height', value: number, range: SizeRange): SnappedEdge {
  if (!Number.isFinite(value) || value <= 0) throw invalidEdge(param, value);
  const min = param === 'width' ? range.minWidth : range.minHeight;
  const max = param === 'width' ? range.maxWidth : range.maxHeight;
  const { step } = range;
  const { low, high } = stepBounds(min, max, step);
  let to: number;
  let reason: string;
  if (value < low) {
    to = low;
    reason =
      low === min
        ? `raised to the minimum ${min}`
        : `raised to ${low}, the smallest multiple of ${step} in ${min}-${max}`;
  } else if (value > high) {
    to = high;
    reason =
      high === max
        ? `lowered to the maximum ${max}`
        : `lowered to ${high}, the largest multiple of ${step} in ${min}-${max}`;
  } else {
    to = Math.round(value / step) * step;
    reason = step === 1 ? 'rounded to a whole number' : `rounded to the nearest multiple of ${step}`;
  }
  return to === value
    ? { value }
    : { value: to, warning: { type: 'adjusted', param, from: value, to, reason } };
}

/** Whether `sizes` accepts `size` as it is (see `snapSize` for the rules). */
export function isValidSize(size: Size, sizes: SizeSpec): boolean {
  const { width, height } = size;
  if (!(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0)) return false;
  const { range, presets } = sizes;
  if (range) {
    return (
      width >= range.minWidth &&
      width <= range.maxWidth &&
      height >= range.minHeight &&
      height <= range.maxHeight &&
      width % range.step === 0 &&
      height % range.step === 0
    );
  }
  if (presets && presets.length > 0) return presets.some((p) => p.width === width && p.height === height);
  return Number.isInteger(width) && Number.isInteger(height);
}

/**
 * A size `sizes` accepts for the aspect ratio `W:H`, near `targetPixels` (default about one megapixel).
 *
 * - Presets win when one has that ratio (within 0.03 in |ln ratio|): of the preset with the
 *   closest ratio and the other tiers of its ratio, the one whose pixel count is nearest the target
 *   (ties: the larger). With presets alone, the closest ratio is used however far it is.
 * - Otherwise, within a range: the step-aligned size inside the range nearest, by `sizeDistance`,
 *   to the ideal size of that ratio and pixel count (so the ratio is kept as closely as the step
 *   allows, and the range clamps extreme ratios).
 * - With neither: the ideal size in whole pixels.
 *
 * Throws INVALID_INPUT for a malformed ratio or target.
 */
export function sizeForAspectRatio(
  aspectRatio: string,
  sizes: SizeSpec,
  targetPixels: number = DEFAULT_TARGET_PIXELS,
): Size {
  const ratio = parseAspectRatio(aspectRatio);
  if (!(Number.isFinite(targetPixels) && targetPixels > 0)) {
    throw new GenHubError('INVALID_INPUT', `The target pixel count must be positive, not ${targetPixels}.`, {
      details: { param: 'targetPixels', value: targetPixels },
    });
  }
  const preset = presetForRatio(ratio, sizes.presets ?? [], targetPixels, sizes.range !== undefined);
  if (preset) return { width: preset.width, height: preset.height };
  const ideal = { width: Math.sqrt(targetPixels * ratio), height: Math.sqrt(targetPixels / ratio) };
  if (sizes.range) return nearestInRange(ideal, ratio, sizes.range);
  return { width: Math.max(1, Math.round(ideal.width)), height: Math.max(1, Math.round(ideal.height)) };
}

function nearestPreset(requested: Size, presets: readonly SizePreset[]): SizePreset | undefined {
  let best: SizePreset | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const preset of presets) {
    const distance = sizeDistance(requested, preset);
    if (
      distance < bestDistance - EPSILON ||
      (best && distance <= bestDistance + EPSILON && pixels(preset) > pixels(best))
    ) {
      best = preset;
      bestDistance = distance;
    }
  }
  return best;
}

function presetForRatio(
  ratio: number,
  presets: readonly SizePreset[],
  targetPixels: number,
  hasRange: boolean,
): SizePreset | undefined {
  const ratioOf = (p: SizePreset) => p.width / p.height;
  let closest: SizePreset | undefined;
  for (const preset of presets) {
    if (
      !closest ||
      Math.abs(Math.log(ratioOf(preset) / ratio)) < Math.abs(Math.log(ratioOf(closest) / ratio))
    ) {
      closest = preset;
    }
  }
  if (!closest) return undefined;
  if (hasRange && Math.abs(Math.log(ratioOf(closest) / ratio)) > SAME_RATIO_TOLERANCE) return undefined;
  // The tiers of the closest preset's ratio compete on pixel count.
  const closestRatio = ratioOf(closest);
  let best: SizePreset | undefined;
  let bestTierError = Number.POSITIVE_INFINITY;
  for (const preset of presets) {
    if (Math.abs(Math.log(ratioOf(preset) / closestRatio)) > SAME_RATIO_TOLERANCE) continue;
    const tierError = Math.abs(Math.log(pixels(preset) / targetPixels));
    if (
      tierError < bestTierError - EPSILON ||
      (best && tierError <= bestTierError + EPSILON && pixels(preset) > pixels(best))
    ) {
      best = preset;
      bestTierError = tierError;
    }
  }
  return best;
}

/** Heights tried on each side of an anchor; far more than any real range needs. */
const HEIGHT_WINDOW_STEPS = 4096;

function nearestInRange(ideal: Size, ratio: number, range: SizeRange): Size {
  const { step } = range;
  const widths = stepBounds(range.minWidth, range.maxWidth, step);
  const heights = stepBounds(range.minHeight, range.maxHeight, step);
  const clampTo = (value: number, bounds: { low: number; high: number }) =>
    Math.min(bounds.high, Math.max(bounds.low, value));
  // For a given height the best width keeps the ratio (the metric is smallest there), so only the
  // two step-aligned widths around height * ratio need trying. Heights are tried around the ideal
  // height and around the height that fits the ideal width once clamped.
  const anchors = [ideal.height, clampTo(ideal.width, widths) / ratio].map((h) =>
    Math.round(clampTo(h, heights) / step),
  );
  let best: Size | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const tried = new Set<number>();
  for (const anchor of anchors) {
    const from = Math.max(heights.low / step, anchor - HEIGHT_WINDOW_STEPS);
    const to = Math.min(heights.high / step, anchor + HEIGHT_WINDOW_STEPS);
    for (let k = from; k <= to; k++) {
      if (tried.has(k)) continue;
      tried.add(k);
      const height = k * step;
      const exact = height * ratio;
      for (const w of [Math.floor(exact / step) * step, Math.ceil(exact / step) * step]) {
        const width = clampTo(w, widths);
        const candidate = { width, height };
        const distance = sizeDistance(candidate, ideal);
        if (
          distance < bestDistance - EPSILON ||
          (best && distance <= bestDistance + EPSILON && pixels(candidate) > pixels(best))
        ) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
  }
  // The loops always run at least once: stepBounds guarantees low <= high.
  return best!;
}

/** The smallest and largest multiples of `step` in [min, max]. */
function stepBounds(min: number, max: number, step: number): { low: number; high: number } {
  const low = Math.ceil(min / step) * step;
  const high = Math.floor(max / step) * step;
  if (!(step > 0) || !(low <= high)) {
    throw new GenHubError('INTERNAL', `The size range ${min}-${max} holds no multiple of ${step}.`, {
      details: { min, max, step },
    });
  }
  return { low, high };
}

function edgeWarnings(from: Size, to: Size, reason: string): Warning[] {
  const warnings: Warning[] = [];
  if (from.width !== to.width)
    warnings.push({ type: 'adjusted', param: 'width', from: from.width, to: to.width, reason });
  if (from.height !== to.height) {
    warnings.push({ type: 'adjusted', param: 'height', from: from.height, to: to.height, reason });
  }
  return warnings;
}

function pixels(size: Size): number {
  return size.width * size.height;
}

function assertPositiveSize(size: Size): void {
  if (!(Number.isFinite(size.width) && size.width > 0)) throw invalidEdge('width', size.width);
  if (!(Number.isFinite(size.height) && size.height > 0)) throw invalidEdge('height', size.height);
}

function invalidEdge(param: 'width' | 'height', value: unknown): GenHubError {
  return new GenHubError(
    'INVALID_INPUT',
    `${param} must be a positive number of pixels, not ${String(value)}.`,
    {
      details: { param, value: typeof value === 'number' && !Number.isFinite(value) ? String(value) : value },
    },
  );
}
