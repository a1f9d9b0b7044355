/**
 * Reads a zod 4 schema's definition (`_zod.def`, the same in every copy of zod, so a plugin's own zod
 * works) to find the values worth trying for a parameter: enum options, numeric bounds, booleans.
 */

interface ZodDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  entries?: Readonly<Record<string, unknown>>;
  values?: readonly unknown[];
  options?: readonly unknown[];
  checks?: ReadonlyArray<{ _zod?: { def?: CheckDef } }>;
}

interface CheckDef {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
}

/** Wrappers whose inner schema says what values are accepted. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: unknown): ZodDef | undefined {
  return (schema as { _zod?: { def?: ZodDef } } | null | undefined)?._zod?.def;
}

/** The schema under optional/default/nullable wrappers, and the input side of a pipe or transform. */
function core(schema: unknown): ZodDef | undefined {
  let def = defOf(schema);
  for (let depth = 0; def && depth < 10; depth += 1) {
    if (WRAPPERS.has(def.type)) def = defOf(def.innerType);
    else if (def.type === 'pipe') def = defOf(def.in);
    else break;
  }
  return def;
}

/** True when the schema rejects a missing value: no optional, no default. */
export function isRequired(schema: unknown): boolean {
  const parse = (schema as { safeParse?: (value: unknown) => { success: boolean } }).safeParse;
  return typeof parse === 'function' ? !parse.call(schema, undefined).success : false;
}

interface Bounds {
  min?: number;
  max?: number;
  minExclusive: boolean;
  maxExclusive: boolean;
  /** Values must be multiples of this (1 for integers). */
  step?: number;
}

/** The bounds the checks of a number schema (its values) or a string schema (its length) set. */
function bounds(def: ZodDef): Bounds {
  const found: Bounds = { minExclusive: false, maxExclusive: false };
  for (const check of def.checks ?? []) {
    const c = check._zod?.def;
    if (c?.check === 'greater_than' && typeof c.value === 'number') {
      found.min = c.value;
      found.minExclusive = c.inclusive === false;
    } else if (c?.check === 'less_than' && typeof c.value === 'number') {
      found.max = c.value;
      found.maxExclusive = c.inclusive === false;
    } else if (c?.check === 'number_format') {
      // The format's own limits (the safe-integer range) are not worth trying.
      if (c.format !== 'float32' && c.format !== 'float64') found.step ??= 1;
    } else if (c?.check === 'multiple_of' && typeof c.value === 'number' && c.value > 0) {
      found.step = c.value;
    } else if (c?.check === 'min_length' && typeof c.minimum === 'number') {
      found.min = c.minimum;
    } else if (c?.check === 'max_length' && typeof c.maximum === 'number') {
      found.max = c.maximum;
    } else if (c?.check === 'length_equals' && typeof c.value === 'number') {
      found.min = c.value;
      found.max = c.value;
    }
  }
  return found;
}

/** The lowest, highest and a middle value within numeric bounds, on the step when there is one. */
function numberSamples({ min, max, minExclusive, maxExclusive, step }: Bounds): number[] {
  const nudge = step ?? 0.001;
  let low = min === undefined ? undefined : minExclusive ? min + nudge : min;
  let high = max === undefined ? undefined : maxExclusive ? max - nudge : max;
  const snap = (value: number, round: (x: number) => number) =>
    step === undefined ? value : Number((round(value / step) * step).toFixed(10));
  if (low !== undefined) low = snap(low, Math.ceil);
  if (high !== undefined) high = snap(high, Math.floor);
  const values = [low, high];
  if (low !== undefined && high !== undefined) values.push(snap((low + high) / 2, Math.round));
  return [
    ...new Set(values.filter((value): value is number => value !== undefined && Number.isFinite(value))),
  ];
}

/** Longest string tried: enough to show a price per character, small enough to stay fast. */
const LONGEST_STRING = 5000;

/**
 * Values worth trying for one parameter: every enum option or literal, numeric bounds and their
 * middle, both booleans, and a string at its longest (prices per character). Empty when the schema
 * gives nothing to vary.
 */
export function sampleValues(schema: unknown, longestString = LONGEST_STRING): unknown[] {
  const def = core(schema);
  if (!def) return [];
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {}).slice(0, 12);
    case 'literal':
      return [...(def.values ?? [])];
    case 'boolean':
      return [true, false];
    case 'union':
      return (def.options ?? []).flatMap((option) => sampleValues(option, longestString)).slice(0, 12);
    case 'number':
      return numberSamples(bounds(def));
    case 'string': {
      const { max } = bounds(def);
      if (max === undefined) return [];
      const length = Math.min(max, longestString);
      return [
        'a long request '
          .repeat(Math.ceil(length / 15))
          .slice(0, length)
          .trimEnd(),
      ];
    }
    default:
      return [];
  }
}
