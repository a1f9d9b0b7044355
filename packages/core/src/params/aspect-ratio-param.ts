import type { ModelSpec, Warning } from '@genhub/provider';
import { snapAspectRatio, tryParseAspectRatio } from '@genhub/provider';
import type { z } from 'zod';
import { schemaAtPath } from './schema-at-path.js';
import { schemaDefault } from './size-params.js';
import { sizeForAspectRatio } from './size-snapping.js';
import type { ValidatedParams } from './validate-params.js';

/**
 * Whether `aspectRatio` can be turned into `width` and `height` for this model: it takes no
 * `aspectRatio` of its own, but takes both edges and lists its sizes.
 */
export function canConvertAspectRatio(model: ModelSpec): boolean {
  const shape = model.params.shape as Readonly<Record<string, unknown>>;
  return (
    model.sizes !== undefined &&
    !Object.hasOwn(shape, 'aspectRatio') &&
    Object.hasOwn(shape, 'width') &&
    Object.hasOwn(shape, 'height')
  );
}

/**
 * Makes `aspectRatio` something the model takes, returning new params:
 *
 * - The model takes width and height instead (`canConvertAspectRatio`): with neither edge given,
 *   the ratio becomes the model's size for it (`sizeForAspectRatio`, aiming at the pixel count of
 *   the default width x height), with an `adjusted` warning; with an edge given, the edges win and
 *   the ratio is dropped with an `unsupported` warning. A malformed ratio is INVALID_INPUT.
 * - The model's own `aspectRatio` is a list of values (a zod enum): a ratio not on the list snaps
 *   to the nearest one on it (`snapAspectRatio`), with a warning. Values that are not ratios are
 *   left for the schema to report.
 */
export function applyAspectRatio(
  model: ModelSpec,
  params: Readonly<Record<string, unknown>>,
): ValidatedParams {
  const out: Record<string, unknown> = { ...params };
  const warnings: Warning[] = [];
  const requested = params.aspectRatio;
  if (requested === undefined) return { params: out, warnings };

  if (canConvertAspectRatio(model) && model.sizes) {
    delete out.aspectRatio;
    if (params.width !== undefined || params.height !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'aspectRatio',
        details: `${model.name} takes width and height rather than an aspect ratio; the width and height given were used and the aspect ratio was ignored.`,
      });
      return { params: out, warnings };
    }
    const shape = model.params.shape as Readonly<Record<string, z.ZodType>>;
    const defaultWidth = schemaDefault(shape.width);
    const defaultHeight = schemaDefault(shape.height);
    const target =
      typeof defaultWidth === 'number' &&
      typeof defaultHeight === 'number' &&
      defaultWidth * defaultHeight > 0
        ? defaultWidth * defaultHeight
        : undefined;
    const size = sizeForAspectRatio(String(requested), model.sizes, target);
    out.width = size.width;
    out.height = size.height;
    warnings.push({
      type: 'adjusted',
      param: 'aspectRatio',
      from: requested,
      to: `${size.width}x${size.height}`,
      reason: `${model.name} takes width and height rather than an aspect ratio, so ${String(requested)} became ${size.width}x${size.height}`,
    });
    return { params: out, warnings };
  }

  const allowed = allowedAspectRatios(model);
  if (
    allowed &&
    typeof requested === 'string' &&
    !allowed.includes(requested) &&
    tryParseAspectRatio(requested) !== undefined &&
    allowed.some((value) => tryParseAspectRatio(value) !== undefined)
  ) {
    const snapped = snapAspectRatio(requested, allowed);
    out.aspectRatio = snapped;
    warnings.push({
      type: 'adjusted',
      param: 'aspectRatio',
      from: requested,
      to: snapped,
      reason: `${model.name} accepts only ${allowed.join(', ')}; ${snapped} is the nearest`,
    });
  }
  return { params: out, warnings };
}

/** The values the model's `aspectRatio` is limited to, when it is an enum of strings. */
function allowedAspectRatios(model: ModelSpec): string[] | undefined {
  const node = schemaAtPath(model.params, ['aspectRatio']);
  const values = node?.enum;
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) return undefined;
  return values;
}
