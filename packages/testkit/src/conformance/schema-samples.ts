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

/** The bounds the checks of a number or string schema set. */
function bounds(def: ZodDef): {
  min?: number;
  max?: number;
  minExclusive: boolean;
  maxExclusive: boolean;
  integer: boolean;
} {
  const found = { minExclusive: false, maxExclusive: false, integer: false } as {
    min?: number;
    max?: number;
    minExclusive: boolean;
    maxExclusive: boolean;
    integer: boolean;
  };
  for (const check of def.checks ?? []) {
    const c = check._zod?.def;
    if (!c) continue;
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      found.min = c.value;
      found.minExclusive = c.inclusive === false;
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      found.max = c.value;
      found.maxExclusive = c.inclusive === false;
    } else if (c.check === 'number_format') {
      // The format's own limits (the safe-integer range) are not worth trying.
      found.integer = c.format !== 'float32' && c.format !== 'float64';
    } else if (c.check === 'min_length' && typeof c.value === 'number') {
      found.min = c.value;
    } else if (c.check === 'max_length' && typeof c.value === 'number') {
      found.max = c.value;
    }
  }
  return found;
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
    case 'number': {
      const { min, max, minExclusive, maxExclusive, integer } = bounds(def);
      const step = integer ? 1 : 0.001;
      const low = min === undefined ? undefined : minExclusive ? min + step : min;
      const high = max === undefined ? undefined : maxExclusive ? max - step : max;
      const values = [low, high];
      if (low !== undefined && high !== undefined)
        values.push(integer ? Math.round((low + high) / 2) : (low + high) / 2);
      return [...new Set(values.filter((value) => value !== undefined && Number.isFinite(value)))];
    }
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
