import type { JsonObject, ModelSpec } from '@genhub/provider';
import { z } from 'zod';
import { safetyControlsOf } from '../safety/safety-controls.js';

/** A model as JSON: what GateAI's `/v1/models/:id` answers, for UIs, docs and clients in any language. */
export interface ModelDescription {
  id: string;
  name: string;
  description?: string;
  aliases: string[];
  tasks: string[];
  output: string;
  /** JSON Schema (draft 2020-12) of the parameters, with defaults and constraints. */
  params: JsonObject;
  sizes?: JsonObject;
  limits?: JsonObject;
  fallbacks: string[];
  /** The parameters a safety level sets (`safetyControl`); empty for a model with no safety control. */
  safetyControls: string[];
  /** A request body that validates, ready to copy. */
  example: { model: string; task: string; params: JsonObject };
}

/** The model's parameters as JSON Schema; types that JSON cannot carry are described loosely. */
export function paramsJsonSchema(model: ModelSpec): JsonObject {
  return z.toJSONSchema(model.params, { io: 'input', unrepresentable: 'any' }) as JsonObject;
}

export function describeModel(model: ModelSpec): ModelDescription {
  return {
    id: model.id,
    name: model.name,
    ...(model.description === undefined ? {} : { description: model.description }),
    aliases: [...(model.aliases ?? [])],
    tasks: [...model.tasks],
    output: model.output,
    params: paramsJsonSchema(model),
    ...(model.sizes === undefined ? {} : { sizes: JSON.parse(JSON.stringify(model.sizes)) as JsonObject }),
    ...(model.limits === undefined ? {} : { limits: { ...model.limits } as JsonObject }),
    fallbacks: [...(model.fallbacks ?? [])],
    safetyControls: safetyControlsOf(model).map((control) => control.param),
    example: { model: model.id, task: model.tasks[0] ?? '', params: exampleParams(model) },
  };
}

/**
 * The model's own example, or one built from its schema: a prompt where it takes one, and every
 * parameter that has a default, at that default.
 */
export function exampleParams(model: ModelSpec): JsonObject {
  if (model.example) return model.example;
  const example: JsonObject = {};
  for (const [key, schema] of Object.entries(model.params.shape)) {
    if (key === 'prompt') {
      example[key] = 'A red fox in fresh snow, morning light';
      continue;
    }
    const parsed = (schema as z.ZodType).safeParse(undefined);
    if (parsed.success && parsed.data !== undefined) example[key] = parsed.data as JsonObject[string];
  }
  return example;
}
