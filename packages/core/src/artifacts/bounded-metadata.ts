import type { JsonObject, JsonValue } from '@genhub/provider';
import { isDataUrl } from './data-url.js';

/** How much of a provider's metadata is kept with a job: room for a song's lyrics, not for files. */
export const MetadataLimits = {
  /** Characters of one string (a longer one is cut, ending in `…`). */
  stringChars: 4096,
  /** Characters of one key. */
  keyChars: 100,
  /** Items of one array, members of one object. */
  entries: 100,
  /** Nesting below the top object. */
  depth: 6,
  /** Characters of all keys and strings together; what comes after is left out. */
  totalChars: 32 * 1024,
} as const satisfies Record<string, number>;

/**
 * A provider's metadata, bounded: strings cut to `stringChars` (a `data:` URL to its header), arrays
 * and objects to `entries`, nesting to `depth`, and everything to `totalChars`, so no provider can
 * put a file, or an endless structure, into the database. Small metadata comes back unchanged.
 */
export function boundedMetadata(metadata: JsonObject): JsonObject {
  const budget = { chars: MetadataLimits.totalChars };
  return boundObject(metadata, 0, budget);
}

interface Budget {
  chars: number;
}

function boundValue(value: JsonValue, depth: number, budget: Budget): JsonValue | undefined {
  if (typeof value === 'string') return boundString(value, MetadataLimits.stringChars, budget);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MetadataLimits.depth) return undefined;
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value.slice(0, MetadataLimits.entries)) {
      if (budget.chars <= 0) break;
      const bounded = boundValue(item, depth + 1, budget);
      if (bounded !== undefined) items.push(bounded);
    }
    return items;
  }
  return boundObject(value, depth + 1, budget);
}

function boundObject(value: JsonObject, depth: number, budget: Budget): JsonObject {
  const object: JsonObject = {};
  let entries = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (entries >= MetadataLimits.entries || budget.chars <= 0) break;
    const boundedKey = boundString(key, MetadataLimits.keyChars, budget);
    const bounded = boundValue(value[key]!, depth, budget);
    if (bounded === undefined) continue;
    object[boundedKey] = bounded;
    entries += 1;
  }
  return object;
}

function boundString(text: string, maxChars: number, budget: Budget): string {
  let shown = text;
  if (isDataUrl(text.slice(0, 64))) {
    const comma = text.slice(0, 200).indexOf(',');
    shown = comma === -1 ? 'data:…' : `${text.slice(0, comma + 1)}…`;
  }
  const limit = Math.max(0, Math.min(maxChars, budget.chars));
  if (shown.length > limit) shown = cut(shown, limit);
  budget.chars -= shown.length;
  return shown;
}

/** The text cut to at most `maxChars` characters, ending in `…`, never splitting a surrogate pair. */
function cut(text: string, maxChars: number): string {
  if (maxChars <= 1) return maxChars === 1 ? '…' : '';
  let end = maxChars - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
