import type { JsonObject, JsonValue } from '../plugin/json.js';

/**
 * A JSON object from fields that may be undefined, as a request body is built from optional
 * parameters: undefined values, non-finite numbers and nested objects left empty are left out, in
 * nested objects and lists too.
 *
 *   jsonBody({ model, prompt, seed: params.seed, metadata: { mode: params.mode } })
 */
export function jsonBody(fields: Readonly<Record<string, unknown>>): JsonObject {
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    const kept = jsonValue(value);
    if (kept !== undefined) body[key] = kept;
  }
  return body;
}

function jsonValue(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return value.map(jsonValue).filter((item) => item !== undefined);
  if (typeof value !== 'object') return undefined;
  const object = jsonBody(value as Readonly<Record<string, unknown>>);
  return Object.keys(object).length === 0 ? undefined : object;
}
