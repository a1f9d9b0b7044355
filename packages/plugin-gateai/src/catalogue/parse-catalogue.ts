import { type JsonObject, lenient, type SizePreset, type SizeRange } from '@genhub/provider';
import { z } from 'zod';
import type { WireModel, WireModelType, WireParam } from './wire-model.js';

/** Models that parsed, and the entries left out with why. */
export interface ParsedCatalogue {
  models: WireModel[];
  skipped: Array<{ index: number; id?: string; reason: string }>;
}

const finite = z.number().refine(Number.isFinite);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const paramSchema = z
  .object({
    type: lenient(z.string().trim().toLowerCase()),
    required: lenient(z.union([z.boolean(), z.string().transform((v) => /^(yes|true|required)$/i.test(v))])),
    enum: lenient(z.array(scalar).min(1)),
    default: lenient(z.json()),
    min: lenient(finite),
    max: lenient(finite),
    step: lenient(finite.positive()),
    minLen: lenient(z.number().int().nonnegative()),
    maxLen: lenient(z.number().int().positive()),
    minLength: lenient(z.number().int().nonnegative()),
    maxLength: lenient(z.number().int().positive()),
    description: lenient(z.string()),
  })
  .loose();

const presetSchema = z.object({
  label: z.string().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const rangeSchema = z
  .object({
    minWidth: z.number().int().nonnegative(),
    maxWidth: z.number().int().positive(),
    minHeight: z.number().int().nonnegative(),
    maxHeight: z.number().int().positive(),
    step: z.number().int().positive().default(1),
  })
  .refine((r) => r.minWidth <= r.maxWidth && r.minHeight <= r.maxHeight);

const sizesSchema = z
  .object({ presets: lenient(z.array(presetSchema)), range: lenient(rangeSchema) })
  .loose();

const modelSchema = z
  .object({
    id: z.string().trim().min(1),
    name: lenient(z.string().trim().min(1)),
    type: z.string(),
    cost: lenient(z.union([z.string(), finite.nonnegative()])),
    params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).default({}),
    sizes: lenient(sizesSchema),
    /** Other spellings a schema endpoint might use for the document's "Supported Resolutions". */
    resolutions: lenient(z.array(presetSchema)),
    supported_resolutions: lenient(z.array(presetSchema)),
    validWidths: lenient(z.array(z.number().int().nonnegative())),
    validHeights: lenient(z.array(z.number().int().nonnegative())),
    example: lenient(
      z
        .object({
          model: lenient(z.string()),
          type: lenient(z.string()),
          params: z.record(z.string(), z.json()),
        })
        .loose(),
    ),
  })
  .loose();

/** `image`, `video`, `3d`, also from spellings such as `3D`, `model3d` or `text-to-video`. */
export function normalizeType(type: string): WireModelType | undefined {
  const t = type.trim().toLowerCase();
  if (/3d/.test(t)) return '3d';
  if (/video/.test(t)) return 'video';
  if (/image/.test(t)) return 'image';
  return undefined;
}

/** A map by id as a list, each entry given its key as `id` unless it names one itself. */
function fromMap(map: Record<string, unknown>): unknown[] {
  return Object.entries(map).map(([id, value]) => {
    const entry = z.looseObject({ id: z.string().catch(id) }).safeParse(value);
    return entry.success ? entry.data : value;
  });
}

const listOrMap = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown()).transform(fromMap)]);

/** The model entries of a `/v1/models/schema` body: an array, `{ models }`, `{ data }` or a map by id. */
const modelEntries = z.union([
  z.array(z.unknown()),
  z.object({ models: listOrMap }).transform((body) => body.models),
  z.object({ data: listOrMap }).transform((body) => body.data),
  z
    .record(
      z.string(),
      z.looseObject({}).refine((entry) => 'params' in entry || 'type' in entry),
    )
    .refine((map) => Object.keys(map).length > 0)
    .transform(fromMap),
]);

/** A parameter in a list: its bare name, or an object with a `name`. */
const listedParam = z.union([
  z.string().transform((name): [string, unknown] => [name, {}]),
  z.looseObject({ name: z.string() }).transform((param): [string, unknown] => [param.name, param]),
]);

function parseParams(raw: Record<string, unknown> | unknown[]): Record<string, WireParam> {
  const params: Record<string, WireParam> = {};
  const entries = Array.isArray(raw)
    ? raw.flatMap((item) => {
        const named = listedParam.safeParse(item);
        return named.success ? [named.data] : [];
      })
    : Object.entries(raw);
  for (const [name, value] of entries) {
    // A bare type name (`"width": "integer"`) is a parameter of that type.
    const parsed = paramSchema.safeParse(typeof value === 'string' ? { type: value } : value);
    if (!parsed.success || name.trim() === '') continue;
    const p = parsed.data;
    const param: WireParam = {};
    if (p.type !== undefined && p.type !== '?' && p.type !== '') param.type = p.type;
    if (p.required !== undefined) param.required = p.required;
    if (p.enum !== undefined) param.enum = p.enum;
    if (p.default !== undefined && p.default !== null) param.default = p.default;
    if (p.min !== undefined) param.min = p.min;
    if (p.max !== undefined) param.max = p.max;
    if (p.step !== undefined) param.step = p.step;
    const minLen = p.minLen ?? p.minLength;
    const maxLen = p.maxLen ?? p.maxLength;
    if (minLen !== undefined) param.minLen = minLen;
    if (maxLen !== undefined) param.maxLen = maxLen;
    if (p.description !== undefined && p.description.trim() !== '' && p.description !== '-') {
      param.description = p.description;
    }
    params[name] = param;
  }
  return params;
}

function presetsOf(list: ReadonlyArray<z.output<typeof presetSchema>>): SizePreset[] {
  return list.map((p) => ({ label: p.label ?? `${p.width}x${p.height}`, width: p.width, height: p.height }));
}

/**
 * Reads what `GET /v1/models/schema` answers. The document shows one model's schema
 * (`{ id, type, cost, params: { name: { type, required, enum, default, min, max, step,
 * description } }, example }`) but not the list around it, so an array, `{ models: [...] }`,
 * `{ data: [...] }` and a map by id are all accepted. Each entry is checked on its own: a bad
 * entry is skipped (and reported), a bad field in a good entry is dropped. Throws a TypeError when
 * the body holds no list at all.
 */
export function parseCatalogue(body: unknown): ParsedCatalogue {
  const entries = modelEntries.safeParse(body).data;
  if (!entries) throw new TypeError('the model schema is neither a list of models nor { models: [...] }');
  const result: ParsedCatalogue = { models: [], skipped: [] };
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const parsed = modelSchema.safeParse(entry);
    const rawId = lenient(z.object({ id: z.string() })).parse(entry)?.id;
    const skip = (reason: string) =>
      result.skipped.push({ index, ...(rawId === undefined ? {} : { id: rawId }), reason });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skip(issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'not a model');
      return;
    }
    const m = parsed.data;
    const type = normalizeType(m.type);
    if (!type) {
      skip(`unknown type "${m.type}"`);
      return;
    }
    const key = m.id.toLowerCase();
    if (seen.has(key)) {
      skip('duplicate id');
      return;
    }
    seen.add(key);
    const presetList = m.sizes?.presets ?? m.resolutions ?? m.supported_resolutions;
    const range: SizeRange | undefined = m.sizes?.range;
    const model: WireModel = {
      id: m.id,
      ...(m.name === undefined ? {} : { name: m.name }),
      type,
      ...(m.cost === undefined
        ? {}
        : { cost: typeof m.cost === 'number' ? `~$${m.cost} per generation` : m.cost }),
      params: parseParams(m.params),
      ...(presetList || range
        ? {
            sizes: {
              ...(presetList ? { presets: presetsOf(presetList) } : {}),
              ...(range ? { range } : {}),
            },
          }
        : {}),
      ...(m.validWidths === undefined ? {} : { validWidths: m.validWidths }),
      ...(m.validHeights === undefined ? {} : { validHeights: m.validHeights }),
      ...(m.example === undefined
        ? {}
        : {
            example: {
              ...(m.example.model === undefined ? {} : { model: m.example.model }),
              ...(m.example.type === undefined ? {} : { type: m.example.type }),
              params: m.example.params as JsonObject,
            },
          }),
    };
    result.models.push(model);
  });
  return result;
}
