import type { ModelSpec, Warning } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { applyAspectRatio, canConvertAspectRatio } from './aspect-ratio-param.js';
import { describeIssue, formatParamPath } from './describe-issue.js';
import { checkModelLimits } from './model-limits.js';
import { snapSizeParams } from './size-params.js';

/** Parameters ready for a provider, and everything that was not done exactly as asked. */
export interface ValidatedParams {
  params: Record<string, unknown>;
  warnings: Warning[];
}

/** One zod issue in an INVALID_INPUT error's `details.issues`. */
export interface ParamIssue {
  path: (string | number)[];
  /** The issue as a plain sentence (`describeIssue`). */
  message: string;
}

/**
 * Checks and completes a request's parameters against a model before its provider sees them.
 * `input` is never changed. In order:
 *
 * 1. Keys the model's schema does not have are dropped, each with an `unsupported` warning.
 * 2. `aspectRatio` becomes width x height for a model that takes sizes instead, or snaps to the
 *    nearest value of a model's aspect-ratio list (`applyAspectRatio`).
 * 3. `width` and `height` snap to a size in `model.sizes`; outside a range is an error (`snapSizeParams`).
 * 4. `model.limits` (prompt length, quantity, input images) are enforced (`checkModelLimits`).
 * 5. The schema parses the result, filling in defaults. Other numbers are never clamped: a value
 *    the schema refuses is INVALID_INPUT whose message is one sentence naming the first bad
 *    parameter and what it accepts, with `details: { param, issues }`.
 *
 * Throws GenHubError('INVALID_INPUT') from any step.
 */
export function validateParams(model: ModelSpec, input: Readonly<Record<string, unknown>>): ValidatedParams {
  const warnings: Warning[] = [];
  let params = dropUnsupported(model, input, warnings);

  for (const step of [applyAspectRatio, snapSizeParams]) {
    const result = step(model, params);
    params = result.params;
    warnings.push(...result.warnings);
  }

  checkModelLimits(model, params);

  const parsed = model.params.safeParse(params);
  if (!parsed.success) {
    const context = { schema: model.params, input: params };
    const issues: ParamIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'symbol' ? (key.description ?? 'symbol') : key)),
      message: describeIssue(issue, context),
    }));
    const first = parsed.error.issues[0];
    const message = issues[0]?.message ?? `The parameters for ${model.name} are not valid.`;
    throw new GenHubError('INVALID_INPUT', message, {
      details: { param: first ? formatParamPath(first.path) : '', issues },
    });
  }
  return { params: parsed.data as Record<string, unknown>, warnings };
}

function dropUnsupported(
  model: ModelSpec,
  input: Readonly<Record<string, unknown>>,
  warnings: Warning[],
): Record<string, unknown> {
  const shape = model.params.shape as Readonly<Record<string, unknown>>;
  const convertsAspectRatio = canConvertAspectRatio(model);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const supported = Object.hasOwn(shape, key);
    // An unknown key set to undefined asks for nothing, so there is nothing to warn about.
    if (!supported && value === undefined) continue;
    if (supported || (key === 'aspectRatio' && convertsAspectRatio)) {
      params[key] = value;
    } else {
      warnings.push({
        type: 'unsupported',
        feature: key,
        details: `${model.name} has no ${key} parameter; it was ignored.`,
      });
    }
  }
  return params;
}
