import type { FakeCall } from '../fake-server.js';

/** What a run's requests carried, flattened: every text and number, and whether a file went up. */
export interface WireValues {
  strings: string[];
  numbers: number[];
  /** A multipart file or a binary body was sent: a media input may have gone up that way. */
  uploaded: boolean;
}

function collect(value: unknown, into: WireValues, depth = 0): void {
  if (depth > 20) return;
  if (typeof value === 'string') into.strings.push(value);
  else if (typeof value === 'number') into.numbers.push(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, into, depth + 1);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.strings.push(key);
      collect(item, into, depth + 1);
    }
  }
}

/** The values the fake received in these calls: path, query, JSON, form and multipart fields. */
export function wireValues(calls: readonly FakeCall[]): WireValues {
  const values: WireValues = { strings: [], numbers: [], uploaded: false };
  for (const call of calls) {
    values.strings.push(call.path, ...Object.values(call.query));
    if (call.multipart) {
      values.strings.push(...Object.values(call.multipart.fields));
      if (Object.keys(call.multipart.files).length > 0) values.uploaded = true;
    } else if (call.bodyJson !== undefined) {
      collect(call.bodyJson, values);
    } else if (call.bodyBytes.byteLength > 0) {
      const type = call.headers['content-type'] ?? '';
      if (/x-www-form-urlencoded/i.test(type))
        values.strings.push(...new URLSearchParams(call.bodyText).values());
      else if (/^text\//i.test(type)) values.strings.push(call.bodyText);
      else values.uploaded = true;
    }
  }
  return values;
}

/** A number as a token in text: `5` in `5s` or `--seed 5`, not in `15` or `5.5`. */
function containsNumber(text: string, value: number): boolean {
  const digits = String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^0-9.])${digits}(?:$|[^0-9]|\\.(?![0-9]))`).test(text);
}

/** The base64 payload of a `data:...;base64,` URI, which an API may take inline in its JSON. */
function inlinePayload(url: string): string | undefined {
  const payload = /^data:[^,]*;base64,(.+)$/is.exec(url)?.[1]?.trim();
  return payload === undefined || payload === '' ? undefined : payload;
}

/** Whether a value a request gave shows up in what was sent. */
export function reachedWire(value: unknown, wire: WireValues): boolean {
  if (typeof value === 'string') {
    const wanted = value.trim().toLowerCase();
    return wanted === '' || wire.strings.some((text) => text.toLowerCase().includes(wanted));
  }
  if (typeof value === 'number') {
    return (
      wire.numbers.some((number) => Math.abs(number - value) < 1e-9) ||
      wire.strings.some((text) => containsNumber(text, value))
    );
  }
  if (Array.isArray(value)) return value.every((item) => reachedWire(item, wire));
  if (typeof value === 'object' && value !== null) {
    const { url } = value as { url?: unknown };
    // A media input: its URL was sent, the file was uploaded, or a data: URI's base64 went inline.
    if (typeof url === 'string') {
      const inline = inlinePayload(url);
      return wire.uploaded || reachedWire(url, wire) || (inline !== undefined && reachedWire(inline, wire));
    }
    return Object.values(value).every((item) => reachedWire(item, wire));
  }
  return true; // Booleans and null are often sent as a flag's presence or absence; not checked.
}

/** Whether `actual` holds `expected`: objects by the keys `expected` gives, arrays and values exactly. */
export function containsJson(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => containsJson(actual[index], item))
    );
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) =>
      containsJson((actual as Record<string, unknown>)[key], value),
    );
  }
  return Object.is(actual, expected);
}
