import { type ModelSpec, validateParams } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type Finding, modelFinding } from '../finding.js';
import { shortJson, workingParams } from '../model-params.js';
import { isRequired, sampleValues } from '../schema-samples.js';

/** Most parameter sets priced per model. */
const MAX_VARIANTS = 60;

interface Variant {
  /** What differs from the working parameters, for messages. */
  change: string;
  params: Record<string, unknown>;
}

/**
 * The working parameters, then each parameter in turn set to each value its schema suggests (or left
 * out when optional), then every parameter at its first and at its last suggested value.
 */
function variantsOf(model: ModelSpec, base: Record<string, unknown>): Variant[] {
  const shape = model.params.shape as Readonly<Record<string, unknown>>;
  const longest = model.limits?.promptMaxLength;
  const samples = Object.entries(shape).map(([key, schema]) => [key, sampleValues(schema, longest)] as const);
  const variants: Variant[] = [{ change: 'its working parameters', params: base }];
  for (const [key, values] of samples) {
    for (const value of values) {
      variants.push({ change: `${key} = ${shortJson(value, 40)}`, params: { ...base, [key]: value } });
    }
    if (Object.hasOwn(base, key) && !isRequired(shape[key])) {
      const { [key]: _left, ...without } = base;
      variants.push({ change: `${key} left out`, params: without });
    }
  }
  for (const [label, pick] of [
    ['every parameter at its first value', (values: readonly unknown[]) => values[0]],
    ['every parameter at its last value', (values: readonly unknown[]) => values.at(-1)],
  ] as const) {
    const params = { ...base };
    for (const [key, values] of samples) if (values.length > 0) params[key] = pick(values);
    variants.push({ change: label, params });
  }
  return variants.slice(0, MAX_VARIANTS);
}

/** Prices every valid variant: none may throw, and each is a finite, non-negative number of dollars. */
export const prices: ConformanceCheck = {
  id: 'prices',
  title: 'estimates a finite, non-negative price across the range of its parameters',
  run(session) {
    const findings: Finding[] = [];
    for (const model of session.models) {
      const base = workingParams(session, model);
      if (!base) continue;
      for (const variant of variantsOf(model, base)) {
        let params: Readonly<Record<string, unknown>>;
        try {
          params = validateParams(model, variant.params).params;
        } catch {
          continue; // Not a valid request: core would refuse it before pricing.
        }
        let problem: string | undefined;
        try {
          const price = model.estimatePrice(params);
          const usd: unknown = price?.usd;
          if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
            problem = `estimatePrice gives ${typeof usd === 'number' ? String(usd) : shortJson(usd)} dollars`;
          }
        } catch (error) {
          problem = `estimatePrice throws "${error instanceof Error ? error.message : String(error)}"`;
        }
        if (problem) {
          findings.push(modelFinding('prices', model.id, `${problem} with ${variant.change}.`));
          break; // One finding per model is enough to act on.
        }
      }
    }
    return findings;
  },
};
