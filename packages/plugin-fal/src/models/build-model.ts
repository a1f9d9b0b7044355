import {
  defineModel,
  type JsonValue,
  type MediaInput,
  type OutputKind,
  type Price,
  type SafetyValues,
  safetyControl,
  type Task,
  type TypedModel,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import type { FalQueue } from '../api/queue.js';
import type { FalStorage } from '../api/storage.js';
import type { AppSchema, JsonSchema } from './openapi.js';

/** What GenHub needs besides an app's schema to offer it as a model. */
export interface FalModelInfo {
  schema: AppSchema;
  name: string;
  tasks: readonly Task[];
  output: OutputKind;
  /** Receives the parameters as the app names them. */
  estimatePrice(wire: Readonly<Record<string, unknown>>): Price;
}

/** The link fal reads an input file from: uploaded to fal's storage when it is a data: URI. */
type UrlFor = (input: MediaInput) => Promise<string>;

/**
 * One parameter: GenHub's name for it, its zod type, and how its value goes on the wire.
 * `prompt` and `seed` keep their names; fal's image inputs become GenHub's `images`; every other
 * field keeps fal's own schema and its name in camelCase.
 */
interface Param {
  name: string;
  wireName: string;
  type: z.ZodType;
  toWire(value: unknown, urlFor: UrlFor): JsonValue | Promise<JsonValue>;
}

const asIs = (value: unknown) => value as JsonValue;
const firstUrl = async (value: unknown, urlFor: UrlFor) => {
  const [first] = value as MediaInput[];
  return first === undefined ? null : urlFor(first);
};
const urls = (value: unknown, urlFor: UrlFor) => Promise.all((value as MediaInput[]).map(urlFor));

function paramFor(wireName: string, property: JsonSchema, required: boolean): Param {
  const optional = (type: z.ZodType) => (required || property.default !== undefined ? type : type.optional());
  if (wireName === 'prompt') {
    const max = typeof property.maxLength === 'number' ? property.maxLength : undefined;
    const prompt = max === undefined ? vocabulary.prompt : vocabulary.prompt.max(max);
    return { name: 'prompt', wireName, type: required ? prompt : prompt.optional(), toWire: asIs };
  }
  if (wireName === 'image_url') {
    const images = vocabulary.images.max(1);
    return { name: 'images', wireName, type: required ? images : images.optional(), toWire: firstUrl };
  }
  if (wireName === 'image_urls') {
    const min = typeof property.minItems === 'number' ? property.minItems : 1;
    const max = typeof property.maxItems === 'number' ? property.maxItems : undefined;
    const images = max === undefined ? vocabulary.images.min(min) : vocabulary.images.min(min).max(max);
    return { name: 'images', wireName, type: required ? images : images.optional(), toWire: urls };
  }
  if (wireName === 'seed') return { name: 'seed', wireName, type: vocabulary.seed.optional(), toWire: asIs };
  const name = wireName.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const type = optional(z.fromJSONSchema(property as never));
  const safety = safetyValuesFor(wireName, property);
  return { name, wireName, type: safety ? safetyControl(type, safety) : type, toWire: asIs };
}

/**
 * The values a safety level gives fal's documented safety fields: `enable_safety_checker` (on but
 * at `mature`) and `safety_tolerance` ("1" strictest, "2" fal's default, the app's most tolerant
 * at `mature`; as strings or integers, as the app's schema has it).
 */
function safetyValuesFor(wireName: string, property: JsonSchema): SafetyValues | undefined {
  if (wireName === 'enable_safety_checker' && property.type === 'boolean') {
    return { strict: true, standard: true, mature: false };
  }
  if (wireName !== 'safety_tolerance') return undefined;
  const levels = Array.isArray(property.enum)
    ? property.enum.filter((value): value is string | number => ['string', 'number'].includes(typeof value))
    : typeof property.minimum === 'number' && typeof property.maximum === 'number'
      ? Array.from(
          { length: property.maximum - property.minimum + 1 },
          (_, index) => (property.minimum as number) + index,
        )
      : [];
  const sorted = [...levels].sort((a, b) => Number(a) - Number(b));
  const strict = sorted[0];
  const mature = sorted.at(-1);
  const standard = sorted.find((value) => Number(value) === 2) ?? property.default;
  if (strict === undefined || mature === undefined || !sorted.includes(standard as string | number))
    return undefined;
  return { strict, standard: standard as string | number, mature };
}

/** The GenHub model id of a fal app: `fal/` and the app id, `fal-ai/` left out and `/` written `:`. */
export function modelIdFor(appId: string): string {
  return `fal/${appId
    .replace(/^fal-ai\//, '')
    .replaceAll('/', ':')
    .toLowerCase()}`;
}

/** A GenHub model for a fal app, its parameters from the app's schema, sent through fal's queue. */
export function buildModel(info: FalModelInfo, deps: { queue: FalQueue; storage: FalStorage }): TypedModel {
  const { properties, required = [] } = info.schema.input;
  const params = Object.entries(properties).map(([wireName, property]) =>
    paramFor(wireName, property, required.includes(wireName)),
  );
  const schema = z.object(Object.fromEntries(params.map((param) => [param.name, param.type])));
  const toWire = async (values: Readonly<Record<string, unknown>>, urlFor: UrlFor) => {
    const wire: Record<string, JsonValue> = {};
    for (const param of params) {
      const value = values[param.name];
      if (value !== undefined) wire[param.wireName] = await param.toWire(value, urlFor);
    }
    return wire;
  };
  /** The values under fal's names, for the price (which never reads a file). */
  const byWireName = (values: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(params.map((param) => [param.wireName, values[param.name]]));
  const promptMax = properties.prompt?.maxLength;
  return defineModel({
    id: modelIdFor(info.schema.appId),
    name: info.name,
    description: `fal app ${info.schema.appId}`,
    tasks: info.tasks,
    output: info.output,
    params: schema,
    ...(typeof promptMax === 'number' ? { limits: { promptMaxLength: promptMax } } : {}),
    timeouts: { deadlineMs: 30 * 60_000 },
    estimatePrice: (values) => info.estimatePrice({ ...byWireName(values), images: values.images }),
    async submit({ params: values, signal, webhookUrl }) {
      const input = await toWire(values, (media) => deps.storage.urlFor(media, signal));
      const { ref, queuePosition } = await deps.queue.submit(info.schema.appId, input, {
        signal,
        webhookUrl,
      });
      return {
        status: 'pending',
        ref,
        ...(queuePosition === undefined ? {} : { progress: { queuePosition } }),
      };
    },
  });
}
