import type {
  JsonObject,
  ModelLimits,
  ModelSpec,
  OutputKind,
  SizeRange,
  SizeSpec,
  Task,
} from '@genhub/provider';
import { safetyControl } from '@genhub/provider';
import { z } from 'zod';
import type { WireModel, WireModelType, WireParam } from '../catalogue/wire-model.js';
import { assignRoles, type ParamRoles, renameFromWire, withRole } from './param-roles.js';
import { GateAiLimits, paramSchema } from './param-schema.js';
import { priceEstimator } from './pricing.js';

/** GateAI's timeouts (docs.txt, "Generation timeouts"). */
export const GateAiTimeouts = {
  /** A generation not finished by then is refunded by GateAI (and free if it finishes later). */
  refundAfterMs: 20 * 60_000,
  /** GateAI fails a generation still running then: "Generation timed out (40 min hard limit)". */
  hardLimitMs: 40 * 60_000,
} as const;

/** A GateAI model: the spec core sees, and what the plugin needs to talk to GateAI about it. */
export interface GateAiModel {
  spec: ModelSpec;
  /** The catalogue entry it was built from (GateAI's id, type and parameters). */
  wire: WireModel;
  roles: ParamRoles;
}

export interface BuildModelOptions {
  /** Appended to the description: which catalogue the model comes from. */
  catalogueNote?: string;
  /** Told about parameters left out and examples that do not validate. */
  onIssue?: (message: string, details: Record<string, unknown>) => void;
}

const OUTPUT_OF: Readonly<Record<WireModelType, OutputKind>> = {
  image: 'image',
  video: 'video',
  '3d': 'model3d',
};

/** The input images a 3D model takes when its schema names no input at all (Rodin V2 in the document). */
const IMPLIED_3D_IMAGES: WireParam = {
  type: 'array',
  required: true,
  description: 'Images of the object to model',
};

/** Stand-ins for required media in an example that has none. */
const PLACEHOLDER_MEDIA: Readonly<Record<string, JsonObject[string]>> = {
  images: [{ url: 'https://example.com/input.png' }],
  firstFrame: { url: 'https://example.com/first-frame.png' },
  lastFrame: { url: 'https://example.com/last-frame.png' },
  referenceVideo: { url: 'https://example.com/reference.mp4' },
  referenceAudio: { url: 'https://example.com/reference.mp3' },
};

/** `gateai/<id>`, lower case, with anything a model id may not hold replaced by `-`. */
export function specIdOf(wireId: string): string {
  return `gateai/${wireId.toLowerCase().replace(/[^a-z0-9._:-]/g, '-')}`;
}

/**
 * The valid sizes of a model that takes width and height: the document's "Dimension Range" as the
 * range (else the width and height parameters' own min/max/step), its "Supported Resolutions" as
 * presets (only those inside the range). Undefined for a model without both edges.
 */
export function sizesOf(wire: WireModel): SizeSpec | undefined {
  const width = wire.params.width;
  const height = wire.params.height;
  if (!width || !height) return undefined;
  let range: SizeRange | undefined = wire.sizes?.range;
  if (
    !range &&
    width.min !== undefined &&
    width.max !== undefined &&
    height.min !== undefined &&
    height.max !== undefined
  ) {
    range = {
      minWidth: width.min,
      maxWidth: width.max,
      minHeight: height.min,
      maxHeight: height.max,
      step: width.step ?? height.step ?? 1,
    };
  }
  const presets = (wire.sizes?.presets ?? []).filter(
    (p) =>
      !range ||
      (p.width >= range.minWidth &&
        p.width <= range.maxWidth &&
        p.height >= range.minHeight &&
        p.height <= range.maxHeight),
  );
  if (!range && presets.length === 0) return undefined;
  return { ...(presets.length > 0 ? { presets } : {}), ...(range ? { range } : {}) };
}

/**
 * What a model does, from its type and parameters: image models with input images also do
 * image-to-image; video models with a first frame or images also do image-to-video, and with a
 * reference video (or GateAI's `video_guidance`) video-to-video; 3D models do text-to-3d with a
 * prompt and image-to-3d with images. A required input drops the text-only task.
 */
export function tasksOf(type: WireModelType, shape: Readonly<Record<string, z.ZodType>>): Task[] {
  const has = (key: string) => Object.hasOwn(shape, key);
  const needs = (key: string) => has(key) && !shape[key]!.safeParse(undefined).success;
  const tasks: Task[] = [];
  switch (type) {
    case 'image':
      if (!needs('images')) tasks.push('text-to-image');
      if (has('images')) tasks.push('image-to-image');
      return tasks;
    case 'video':
      if (!needs('images') && !needs('firstFrame') && !needs('referenceVideo')) tasks.push('text-to-video');
      if (has('firstFrame') || has('images')) tasks.push('image-to-video');
      if (has('referenceVideo') || has('video_guidance')) tasks.push('video-to-video');
      return tasks.length > 0 ? tasks : ['text-to-video'];
    case '3d':
      if (has('prompt') && !needs('images')) tasks.push('text-to-3d');
      if (has('images')) tasks.push('image-to-3d');
      return tasks.length > 0 ? tasks : ['image-to-3d'];
  }
}

function limitsOf(
  shape: Readonly<Record<string, z.ZodType>>,
  wire: WireModel,
  roles: ParamRoles,
): ModelLimits {
  const limits: ModelLimits = {};
  if (Object.hasOwn(shape, 'prompt')) {
    const own = wire.params[roles.byKey.get('prompt')?.wire ?? 'prompt']?.maxLen;
    limits.promptMaxLength = Math.min(GateAiLimits.promptMaxLength, own ?? Number.POSITIVE_INFINITY);
  }
  if (Object.hasOwn(shape, 'quantity')) {
    const own = wire.params[roles.byKey.get('quantity')?.wire ?? 'quantity']?.max;
    limits.maxQuantity = Math.max(
      1,
      Math.floor(Math.min(GateAiLimits.maxQuantity, own ?? Number.POSITIVE_INFINITY)),
    );
  }
  const images = roles.byKey.get('images');
  if (images && !images.list) limits.maxInputImages = 1;
  return limits;
}

/**
 * Turns a catalogue entry (discovered or bundled) into the model core registers: a zod object over
 * the shared vocabulary plus GateAI's own parameters (with their defaults, enums, ranges and
 * steps), sizes, GateAI's request limits, tasks, a local price estimate and the 40-minute deadline.
 */
export function buildModel(wire: WireModel, options: BuildModelOptions = {}): GateAiModel {
  const assigned = assignRoles(wire.params);
  for (const name of assigned.dropped) {
    options.onIssue?.('a GateAI parameter clashes with a shared parameter name; it was left out', {
      model: wire.id,
      param: name,
    });
  }
  let roles: ParamRoles = assigned;
  const params: Record<string, WireParam> = { ...wire.params };
  if (wire.type === '3d' && !roles.byKey.has('images') && !roles.byKey.has('prompt')) {
    // The document lists no input for Rodin V2, yet "Preserve original alpha channel from input
    // images" shows it takes images; they go in `image_urls`, one of the inline reference fields.
    params.image_urls = IMPLIED_3D_IMAGES;
    roles = withRole(roles, { key: 'images', wire: 'image_urls', vocabulary: true, list: true });
  }

  const sizes = sizesOf(wire);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, param] of Object.entries(params)) {
    const role = roles.byWire.get(name);
    if (!role) continue;
    const built = paramSchema(role, param, sizes?.range ? { range: sizes.range } : {});
    if (built.droppedDefault !== undefined) {
      options.onIssue?.('a documented default does not fit its own constraints; it was not applied', {
        model: wire.id,
        param: name,
        default: built.droppedDefault as never,
      });
    }
    shape[role.key] = safetyControlOf(name, param, built.schema);
  }

  const name = wire.name ?? wire.id;
  const description = [wire.cost ?? 'Price not documented', options.catalogueNote]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('. ');
  const limits = limitsOf(shape, wire, roles);
  const spec: ModelSpec = {
    id: specIdOf(wire.id),
    name,
    description,
    tasks: tasksOf(wire.type, shape),
    output: OUTPUT_OF[wire.type],
    params: z.object(shape),
    ...(sizes === undefined ? {} : { sizes }),
    ...(Object.keys(limits).length === 0 ? {} : { limits }),
    estimatePrice: priceEstimator(wire.id, wire.cost),
    timeouts: { deadlineMs: GateAiTimeouts.hardLimitMs },
  };
  const example = exampleOf(wire, roles, spec, options);
  if (example) spec.example = example;
  return { spec, wire, roles };
}

/** The catalogue's example request under GenHub's names, with stand-ins for required media; if it validates. */
function exampleOf(
  wire: WireModel,
  roles: ParamRoles,
  spec: ModelSpec,
  options: BuildModelOptions,
): JsonObject | undefined {
  const shape = spec.params.shape as Readonly<Record<string, z.ZodType>>;
  const renamed = renameFromWire(roles, wire.example?.params ?? {});
  const example: JsonObject = {};
  for (const [key, value] of Object.entries(renamed)) {
    if (Object.hasOwn(shape, key)) example[key] = value as JsonObject[string];
  }
  for (const [key, placeholder] of Object.entries(PLACEHOLDER_MEDIA)) {
    const schema = shape[key];
    if (schema && example[key] === undefined && !schema.safeParse(undefined).success)
      example[key] = placeholder;
  }
  if (Object.keys(example).length === 0 && !wire.example) return undefined;
  try {
    spec.params.parse(example);
    return example;
  } catch (error) {
    options.onIssue?.("the catalogue's example does not validate; it was left out", {
      model: wire.id,
      error: (error as Error).message,
    });
    return undefined;
  }
}

/**
 * GateAI's `enable_safety_checker` (documented on several models, off by default) is a safety
 * control: on at `strict` and `standard`, off only at `mature`.
 */
function safetyControlOf(wireName: string, param: WireParam, schema: z.ZodType): z.ZodType {
  if (wireName !== 'enable_safety_checker' || param.type !== 'boolean') return schema;
  return safetyControl(schema, { strict: true, standard: true, mature: false });
}
