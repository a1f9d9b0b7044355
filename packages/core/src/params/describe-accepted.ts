import type { JsonSchemaNode } from './schema-at-path.js';

/**
 * What a parameter accepts, as a phrase that completes "seed must be ...": "a whole number between
 * 0 and 2147483637", "one of FAST, ULTRA", "non-empty text of at most 1500 characters", "true or
 * false". Reads the JSON Schema zod writes for the parameter; `undefined` when it says nothing
 * useful (a schema that accepts anything).
 */
export function describeAccepted(node: JsonSchemaNode): string | undefined {
  if ('const' in node) return formatValue(node.const);
  if (Array.isArray(node.enum)) return describeValues(node.enum);
  for (const combinator of ['anyOf', 'oneOf'] as const) {
    const branches = node[combinator];
    if (Array.isArray(branches)) {
      const nodes = branches.filter(
        (b): b is JsonSchemaNode =>
          typeof b === 'object' && b !== null && (b as JsonSchemaNode).type !== 'null',
      );
      // A union of literals reads as a list of values: "one of 4, 6, 8".
      const values = nodes.flatMap((b) =>
        'const' in b ? [b.const] : Array.isArray(b.enum) ? b.enum : [undefined],
      );
      if (nodes.length > 0 && values.every((v) => v !== undefined)) return describeValues(values);
      const phrases = nodes.map(describeAccepted);
      if (phrases.length === 0 || phrases.some((p) => p === undefined)) return undefined;
      return unique(phrases as string[]).join(' or ');
    }
  }
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter(
    (t): t is string => typeof t === 'string' && t !== 'null',
  );
  if (types.length === 0) return undefined;
  return unique(types.map((type) => describeType(type, node))).join(' or ');
}

/** "FAST" for one value, "one of FAST, ULTRA" for several. */
export function describeValues(values: readonly unknown[]): string {
  if (values.length === 1) return formatValue(values[0]);
  return `one of ${values.map(formatValue).join(', ')}`;
}

/** A value as a user would type it: strings bare (quoted only when empty), the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}

/** "a whole number between 0 and 10", "a multiple of 8 between 16 and 2496", "a number greater than 0". */
export function describeNumber(node: JsonSchemaNode): string {
  const multipleOf = finite(node.multipleOf);
  const isInteger = node.type === 'integer' || (Array.isArray(node.type) && node.type.includes('integer'));
  const kind =
    multipleOf !== undefined ? `a multiple of ${multipleOf}` : isInteger ? 'a whole number' : 'a number';
  const lower = bound(node.minimum, node.exclusiveMinimum, 'lower');
  const upper = bound(node.maximum, node.exclusiveMaximum, 'upper');
  if (lower && upper) {
    if (lower.inclusive && upper.inclusive) {
      return lower.value === upper.value
        ? String(lower.value)
        : `${kind} between ${lower.value} and ${upper.value}`;
    }
    return `${kind} ${lowerPhrase(lower)} and ${upperPhrase(upper)}`;
  }
  if (lower) return lower.inclusive ? `${kind} of at least ${lower.value}` : `${kind} ${lowerPhrase(lower)}`;
  if (upper) return upper.inclusive ? `${kind} of at most ${upper.value}` : `${kind} ${upperPhrase(upper)}`;
  return kind;
}

/** "non-empty text", "text of at most 1500 characters", "a URL". */
export function describeText(node: JsonSchemaNode): string {
  const format = typeof node.format === 'string' ? FORMAT_PHRASES[node.format] : undefined;
  if (format) return format;
  const min = finite(node.minLength) ?? 0;
  const max = finite(node.maxLength);
  if (max !== undefined && min === max) return `text of exactly ${plural(max, 'character')}`;
  if (max !== undefined) {
    if (min > 1) return `text of ${min} to ${max} characters`;
    return `${min === 1 ? 'non-empty ' : ''}text of at most ${plural(max, 'character')}`;
  }
  if (min > 1) return `text of at least ${min} characters`;
  return min === 1 ? 'non-empty text' : 'text';
}

/** "a list", "a list of 1 to 9 items", "a list of at most 3 items". */
export function describeList(node: JsonSchemaNode): string {
  const min = finite(node.minItems) ?? 0;
  const max = finite(node.maxItems);
  if (max !== undefined && min === max) return `a list of exactly ${plural(max, 'item')}`;
  if (max !== undefined)
    return min > 0 ? `a list of ${min} to ${max} items` : `a list of at most ${plural(max, 'item')}`;
  return min > 0 ? `a list of at least ${plural(min, 'item')}` : 'a list';
}

/** Phrases for JSON Schema `format`s zod writes for string formats. */
export const FORMAT_PHRASES: Readonly<Record<string, string>> = {
  uri: 'a URL',
  url: 'a URL',
  email: 'an email address',
  uuid: 'a UUID',
  guid: 'a UUID',
  'date-time': 'a date and time such as 2025-01-31T12:00:00Z',
  datetime: 'a date and time such as 2025-01-31T12:00:00Z',
  date: 'a date such as 2025-01-31',
  time: 'a time such as 12:00:00',
  duration: 'an ISO 8601 duration such as PT30S',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64 text',
  base64url: 'base64url text',
  emoji: 'an emoji',
};

function describeType(type: string, node: JsonSchemaNode): string {
  switch (type) {
    case 'integer':
    case 'number':
      return describeNumber(node);
    case 'string':
      return describeText(node);
    case 'boolean':
      return 'true or false';
    case 'array':
      return describeList(node);
    case 'object':
      return 'an object';
    default:
      return `a ${type}`;
  }
}

interface Bound {
  value: number;
  inclusive: boolean;
}

/** Bounds at or beyond the safe-integer limits (which `z.int()` adds) say nothing to a user. */
function bound(inclusive: unknown, exclusive: unknown, side: 'lower' | 'upper'): Bound | undefined {
  const candidates: Bound[] = [];
  const a = finite(inclusive);
  const b = finite(exclusive);
  if (a !== undefined && Math.abs(a) < Number.MAX_SAFE_INTEGER)
    candidates.push({ value: a, inclusive: true });
  if (b !== undefined && Math.abs(b) < Number.MAX_SAFE_INTEGER)
    candidates.push({ value: b, inclusive: false });
  if (candidates.length < 2) return candidates[0];
  const [x, y] = candidates as [Bound, Bound];
  // The tighter of the two; at equal values the exclusive one is tighter.
  if (x.value === y.value) return y;
  return side === 'lower' ? (x.value > y.value ? x : y) : x.value < y.value ? x : y;
}

function lowerPhrase(b: Bound): string {
  return b.inclusive ? `of at least ${b.value}` : `greater than ${b.value}`;
}

function upperPhrase(b: Bound): string {
  return b.inclusive ? `at most ${b.value}` : `less than ${b.value}`;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
