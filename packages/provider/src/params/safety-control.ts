import type { z } from 'zod';
import type { JsonPrimitive } from '../plugin/json.js';

/**
 * How much a place lets a model make, from the least to the most: `strict`, `standard` (the
 * default everywhere) and `mature` (only where the platform marks a place as adult).
 */
export const SAFETY_LEVELS = ['strict', 'standard', 'mature'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** The value a safety control takes at each level. */
export type SafetyValues<Value extends JsonPrimitive = JsonPrimitive> = Readonly<Record<SafetyLevel, Value>>;

/** The JSON Schema keyword a safety control carries its values under (`/v1/models/:id` shows it). */
export const SAFETY_CONTROL_KEY = 'x-genhub-safety';

/**
 * Marks a parameter as a safety control (a safety checker switch, a moderation level, a safety
 * tolerance, person-generation rules, ...) with the value it takes at each level, next to the
 * parameter in the model's schema:
 *
 *   safetyTolerance: safetyControl(z.number().int().min(0).max(6).default(2), { strict: 0, standard: 2, mature: 5 })
 *
 * Core sets the parameter from the place's level; a user may ask for a value at least as strict
 * as the level's (between the strict and the level's value for numbers), never one past it. Each
 * value must be one the schema accepts. A model with no safety control is shown as such, and a
 * community on `strict` may exclude those models.
 */
export function safetyControl<Schema extends z.ZodType>(
  schema: Schema,
  values: SafetyValues<z.output<Schema> & JsonPrimitive>,
): Schema {
  return schema.meta({ [SAFETY_CONTROL_KEY]: { ...values } }) as Schema;
}
