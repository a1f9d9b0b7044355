import {
  GenHubError,
  type JsonPrimitive,
  type ModelSpec,
  SAFETY_CONTROL_KEY,
  SAFETY_LEVELS,
  type SafetyLevel,
  type SafetyValues,
} from '@genhub/provider';
import { jsonSchemaOf } from '../params/schema-at-path.js';

/** One parameter of a model that a safety level sets, with its value at each level. */
export interface SafetyControl {
  param: string;
  values: SafetyValues;
}

/** The safety a request runs at: the level, and whether models with no safety control are refused. */
export interface SafetyRequest {
  level: SafetyLevel;
  /** Refuse a model that has no safety control at all (a community on `strict` may ask for it). */
  excludeUncontrolled?: boolean;
}

const cache = new WeakMap<ModelSpec, readonly SafetyControl[]>();

/** The model's safety controls, read from its parameter schema (`safetyControl` marks them). */
export function safetyControlsOf(model: ModelSpec): readonly SafetyControl[] {
  let controls = cache.get(model);
  if (controls === undefined) {
    const properties = jsonSchemaOf(model.params)?.properties;
    controls =
      typeof properties === 'object' && properties !== null
        ? Object.entries(properties as Record<string, Record<string, unknown>>).flatMap(([param, node]) => {
            const values = asValues(node?.[SAFETY_CONTROL_KEY]);
            return values ? [{ param, values }] : [];
          })
        : [];
    cache.set(model, controls);
  }
  return controls;
}

/** Whether a model has any safety control; a model without one is marked "no safety controls". */
export function hasSafetyControls(model: ModelSpec): boolean {
  return safetyControlsOf(model).length > 0;
}

/** Whether `level` is stricter than `than`. */
export function isStricter(level: SafetyLevel, than: SafetyLevel): boolean {
  return SAFETY_LEVELS.indexOf(level) < SAFETY_LEVELS.indexOf(than);
}

/** The parameters without the model's safety controls (a reroll copies a job's: the new level sets them). */
export function withoutSafetyControls<T extends Record<string, unknown>>(model: ModelSpec, params: T): T {
  const copy: Record<string, unknown> = { ...params };
  for (const control of safetyControlsOf(model)) delete copy[control.param];
  return copy as T;
}

/**
 * Sets each safety control of the model to its value at the level. A value the user gave is kept
 * when it is at least as strict as the level's (one of a stricter level's values, or for numbers
 * anything between the strict value and the level's); one past the level is refused with
 * INVALID_INPUT (reason `safety-level`). With `excludeUncontrolled`, a model with no safety control
 * is refused too. Returns new parameters; `params` is not changed.
 */
export function applySafetyLevel(
  model: ModelSpec,
  params: Readonly<Record<string, unknown>>,
  safety: SafetyRequest,
): Record<string, unknown> {
  const controls = safetyControlsOf(model);
  if (controls.length === 0 && safety.excludeUncontrolled) {
    throw new GenHubError(
      'INVALID_INPUT',
      `${model.name} has no safety controls, and this community’s strict level leaves such models out; pick another with /models.`,
      { retryable: false, details: { param: 'model', reason: 'safety-uncontrolled' } },
    );
  }
  const result: Record<string, unknown> = { ...params };
  for (const { param, values } of controls) {
    const asked = params[param];
    if (asked === undefined || asked === null) {
      result[param] = values[safety.level];
      continue;
    }
    if (!withinLevel(asked, values, safety.level)) {
      throw new GenHubError(
        'INVALID_INPUT',
        `The safety level here is ${safety.level}, so ${param} cannot be ${String(asked)}; leave it out or use ${allowedText(values, safety.level)}.`,
        { retryable: false, details: { param, reason: 'safety-level', level: safety.level } },
      );
    }
  }
  return result;
}

function withinLevel(asked: unknown, values: SafetyValues, level: SafetyLevel): boolean {
  const upTo = SAFETY_LEVELS.slice(0, SAFETY_LEVELS.indexOf(level) + 1);
  if (upTo.some((each) => sameValue(asked, values[each]))) return true;
  const strict = values.strict;
  const limit = values[level];
  const number = typeof asked === 'number' ? asked : typeof asked === 'string' ? Number(asked) : Number.NaN;
  if (typeof strict !== 'number' || typeof limit !== 'number' || !Number.isFinite(number)) return false;
  return number >= Math.min(strict, limit) && number <= Math.max(strict, limit);
}

function allowedText(values: SafetyValues, level: SafetyLevel): string {
  const strict = values.strict;
  const limit = values[level];
  if (typeof strict === 'number' && typeof limit === 'number' && strict !== limit)
    return `${Math.min(strict, limit)} to ${Math.max(strict, limit)}`;
  const upTo = SAFETY_LEVELS.slice(0, SAFETY_LEVELS.indexOf(level) + 1);
  return [...new Set(upTo.map((each) => String(values[each])))].join(' or ');
}

/** A flag typed as text (`--enable_safety_checker false`) matches the boolean or number it spells. */
function sameValue(asked: unknown, value: JsonPrimitive): boolean {
  return asked === value || (typeof asked === 'string' && asked.trim().toLowerCase() === String(value));
}

function asValues(node: unknown): SafetyValues | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (!SAFETY_LEVELS.every((level) => isPrimitive(record[level]))) return undefined;
  return { strict: record.strict, standard: record.standard, mature: record.mature } as SafetyValues;
}

function isPrimitive(value: unknown): value is JsonPrimitive {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
