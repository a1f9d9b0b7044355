import { type SizeRange, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WireParam } from '../catalogue/wire-model.js';
import type { ParamRole } from './param-roles.js';

/** GateAI's request limits (docs.txt, "Request Limits"). */
export const GateAiLimits = {
  /** `PROMPT_TOO_LONG` beyond this. */
  promptMaxLength: 1500,
  /** `QUANTITY_TOO_HIGH` beyond this. */
  maxQuantity: 8,
} as const;

export interface ParamSchemaContext {
  /** The model's size range, which bounds width and height instead of their own min/max. */
  range?: SizeRange;
}

type Literal = string | number | boolean;

/** A schema accepting exactly these values: a zod enum for strings, literals otherwise. */
function oneOf(values: readonly Literal[]): z.ZodType {
  if (values.every((v): v is string => typeof v === 'string')) {
    return z.enum(values as [string, ...string[]]);
  }
  return z.literal(values as [Literal, ...Literal[]]);
}

function numberSchema(param: WireParam, integer: boolean): z.ZodNumber {
  let schema = integer ? z.number().int() : z.number();
  if (param.min !== undefined) schema = schema.min(param.min);
  if (param.max !== undefined) schema = schema.max(param.max);
  if (param.step !== undefined && param.step > 0) schema = schema.multipleOf(param.step);
  return schema;
}

function stringSchema(param: WireParam): z.ZodString {
  let schema = z.string();
  if (param.minLen !== undefined) schema = schema.min(param.minLen);
  if (param.maxLen !== undefined) schema = schema.max(param.maxLen);
  return schema;
}

/** Whether a width or height may be 0, GateAI's "automatic" for some models. */
function takesZero(param: WireParam, range: SizeRange | undefined, edge: 'width' | 'height'): boolean {
  const rangeMin = range ? (edge === 'width' ? range.minWidth : range.minHeight) : undefined;
  return (
    param.min === 0 ||
    rangeMin === 0 ||
    (param.enum?.includes(0) ?? false) ||
    /\b0\b[^.]*\bauto/i.test(param.description ?? '')
  );
}

/** The schema of one vocabulary parameter, with the model's own constraints. */
function vocabularySchema(role: ParamRole, param: WireParam, context: ParamSchemaContext): z.ZodType {
  switch (role.key) {
    case 'prompt': {
      const max = Math.min(GateAiLimits.promptMaxLength, param.maxLen ?? Number.POSITIVE_INFINITY);
      const schema = vocabulary.prompt.max(max);
      return param.minLen !== undefined && param.minLen > 1 ? schema.min(param.minLen) : schema;
    }
    case 'negativePrompt':
      return param.maxLen === undefined
        ? vocabulary.negativePrompt
        : vocabulary.negativePrompt.max(param.maxLen);
    case 'width':
    case 'height': {
      const edge = role.key;
      const description = edge === 'width' ? 'Width in pixels' : 'Height in pixels';
      if (param.enum?.every((v) => typeof v === 'number')) return oneOf(param.enum).describe(description);
      const range = context.range;
      const min = takesZero(param, range, edge) ? 0 : 1;
      let schema = z.number().int().min(min);
      if (range) schema = schema.max(edge === 'width' ? range.maxWidth : range.maxHeight);
      else if (param.max !== undefined) schema = schema.max(param.max);
      return schema.describe(description);
    }
    case 'seed': {
      let schema = z
        .number()
        .int()
        .min(param.min ?? 0);
      if (param.max !== undefined) schema = schema.max(param.max);
      return schema.describe(param.description ?? 'Seed for reproducible results');
    }
    case 'quantity': {
      const max = Math.min(GateAiLimits.maxQuantity, param.max ?? GateAiLimits.maxQuantity);
      return vocabulary.quantity.min(Math.max(1, param.min ?? 1)).max(max);
    }
    case 'duration':
    case 'fps': {
      const fallback = role.key === 'duration' ? vocabulary.duration : vocabulary.fps;
      if (param.enum?.every((v) => typeof v === 'number')) {
        return oneOf(param.enum).describe(param.description ?? fallback.description ?? '');
      }
      let schema = numberSchema(param, role.key === 'fps' || param.type === 'integer').positive();
      schema = schema.describe(param.description ?? fallback.description ?? '');
      return schema;
    }
    case 'aspectRatio':
    case 'style': {
      const base = role.key === 'aspectRatio' ? vocabulary.aspectRatio : vocabulary.style;
      if (param.enum?.every((v) => typeof v === 'string'))
        return oneOf(param.enum).describe(base.description ?? '');
      return base;
    }
    case 'voice':
      return vocabulary.voice;
    case 'images':
      return role.list ? vocabulary.images : vocabulary.images.max(1);
    case 'firstFrame':
      return vocabulary.firstFrame;
    case 'lastFrame':
      return vocabulary.lastFrame;
    case 'referenceVideo':
      return vocabulary.referenceVideo;
    case 'referenceAudio':
      return vocabulary.referenceAudio;
    default:
      return providerSchema(param);
  }
}

/** The schema of a parameter under GateAI's own name, from its documented type and constraints. */
export function providerSchema(param: WireParam): z.ZodType {
  if (param.enum !== undefined && param.enum.length > 0) return oneOf(param.enum);
  switch (param.type) {
    case 'string':
      return stringSchema(param);
    case 'integer':
      return numberSchema(param, true);
    case 'number':
    case 'float':
      return numberSchema(param, false);
    case 'boolean':
      return z.boolean();
    case 'array':
      return z.array(z.json());
    case 'object':
      return z.record(z.string(), z.json());
    default:
      // `?` in the document: any JSON value goes.
      return z.json();
  }
}

/** A default as the schema must hold it: a list parameter's single default becomes a list of one. */
function normalizeDefault(param: WireParam): unknown {
  if (param.default === undefined) return undefined;
  if (param.type === 'array' && !Array.isArray(param.default)) return [param.default];
  return param.default;
}

/**
 * The zod schema of one parameter: the vocabulary's schema (narrowed by the model's constraints)
 * for a vocabulary key, else one built from GateAI's type, enum, min, max, step and lengths.
 * GateAI's default is kept when the schema accepts it; a parameter neither required nor defaulted
 * is optional. Returns `dropped` when the documented default does not fit its own constraints.
 */
export function paramSchema(
  role: ParamRole,
  param: WireParam,
  context: ParamSchemaContext = {},
): { schema: z.ZodType; droppedDefault?: unknown } {
  let schema = role.vocabulary ? vocabularySchema(role, param, context) : providerSchema(param);
  if (!role.vocabulary && param.description !== undefined) schema = schema.describe(param.description);
  const fallback = normalizeDefault(param);
  if (fallback !== undefined) {
    if (schema.safeParse(fallback).success) return { schema: schema.default(fallback as never) };
    return { schema: param.required ? schema : schema.optional(), droppedDefault: fallback };
  }
  return { schema: param.required ? schema : schema.optional() };
}
