import type { ModelSpec, SizeRange, Warning } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { z } from 'zod';
import { snapEdge, snapSize } from './size-snapping.js';
import type { ValidatedParams } from './validate-params.js';

/**
 * Brings `width` and `height` to a size the model accepts (`model.sizes`), returning new params.
 *
 * - Range models: an edge outside [min, max] is INVALID_INPUT, naming the parameter, the value and
 *   the range; an edge inside is rounded to the step, with a warning. Each given edge snaps alone.
 * - Preset-only models: the pair always snaps to the nearest preset (`snapSize`), with a warning
 *   per changed edge. When one edge is given, the other is its schema default; with no default,
 *   the preset nearest in the given edge is taken and both edges are set.
 *
 * Values that are not positive finite numbers are left for the schema to report (a schema may
 * allow 0 for "automatic").
 */
export function snapSizeParams(model: ModelSpec, params: Readonly<Record<string, unknown>>): ValidatedParams {
  const out: Record<string, unknown> = { ...params };
  const warnings: Warning[] = [];
  const sizes = model.sizes;
  const shape = model.params.shape as Readonly<Record<string, z.ZodType>>;
  if (!sizes || !(Object.hasOwn(shape, 'width') || Object.hasOwn(shape, 'height')))
    return { params: out, warnings };

  const given = { width: params.width, height: params.height };
  if (given.width === undefined && given.height === undefined) return { params: out, warnings };
  const width = positive(given.width);
  const height = positive(given.height);
  if (
    (given.width !== undefined && width === undefined) ||
    (given.height !== undefined && height === undefined)
  ) {
    return { params: out, warnings };
  }

  if (sizes.range) {
    for (const [param, value] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (value === undefined) continue;
      assertInRange(model, sizes.range, param, value);
      const snapped = snapEdge(param, value, sizes.range);
      out[param] = snapped.value;
      if (snapped.warning) warnings.push(snapped.warning);
    }
    return { params: out, warnings };
  }

  const presets = sizes.presets ?? [];
  if (presets.length === 0) return { params: out, warnings };
  const pair = {
    width: width ?? positive(schemaDefault(shape.width)),
    height: height ?? positive(schemaDefault(shape.height)),
  };
  if (pair.width !== undefined && pair.height !== undefined) {
    const snapped = snapSize({ width: pair.width, height: pair.height }, sizes, { modelName: model.name });
    out.width = snapped.width;
    out.height = snapped.height;
    warnings.push(...snapped.warnings);
    return { params: out, warnings };
  }

  // One edge given and no default for the other: the preset nearest in that edge sets both.
  const param = pair.width !== undefined ? 'width' : 'height';
  const value = (pair.width ?? pair.height) as number;
  let best = presets[0]!;
  for (const preset of presets) {
    if (Math.abs(Math.log(preset[param] / value)) < Math.abs(Math.log(best[param] / value))) best = preset;
  }
  out.width = best.width;
  out.height = best.height;
  if (best[param] !== value) {
    const reason = `snapped to ${best.width}x${best.height}, the nearest size ${model.name} accepts`;
    warnings.push({ type: 'adjusted', param, from: value, to: best[param], reason });
  }
  return { params: out, warnings };
}

/** The value a parameter's schema gives when it is left out, if any. */
export function schemaDefault(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

function assertInRange(model: ModelSpec, range: SizeRange, param: 'width' | 'height', value: number): void {
  const min = param === 'width' ? range.minWidth : range.minHeight;
  const max = param === 'width' ? range.maxWidth : range.maxHeight;
  if (value >= min && value <= max) return;
  throw new GenHubError('INVALID_INPUT', `${param} ${value} is outside ${min}-${max} for ${model.name}.`, {
    details: { param, value, min, max },
  });
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
