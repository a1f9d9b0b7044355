import { GenHubError } from '@genhub/provider';

/** What a user is told: it names no blocked word back. */
export const BLOCKED_PROMPT_SENTENCE =
  'That request contains something this bot does not allow; rephrase it and try again.';

/** A compiled blocklist: finds the first blocked entry in a text. */
export interface BlockedTerms {
  /** The entry (as configured) a text contains, or undefined. */
  find(text: string): string | undefined;
}

/**
 * Compiles blocklist entries: a word or phrase matches in any letter case, with accents stripped and
 * with spaces or punctuation between its letters ("B.a d"), but not inside a longer word ("class"
 * does not contain "ass"); an entry written `/.../` is a regular expression, case-insensitive.
 */
export function compileBlockedTerms(entries: readonly string[]): BlockedTerms {
  const rules = entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({ entry, pattern: patternFor(entry) }));
  return {
    find(text) {
      const plain = fold(text);
      return rules.find(({ pattern }) => pattern.test(plain))?.entry;
    },
  };
}

/** Throws INVALID_INPUT (reason `blocked-term`) when any text value of the parameters is blocked. */
export function assertNotBlocked(terms: BlockedTerms, params: Readonly<Record<string, unknown>>): void {
  for (const value of textValues(params)) {
    const entry = terms.find(value);
    if (entry !== undefined) {
      throw new GenHubError('INVALID_INPUT', BLOCKED_PROMPT_SENTENCE, {
        retryable: false,
        details: { reason: 'blocked-term', entry },
      });
    }
  }
}

/** Whether an entry is a usable regular expression (`/.../`), for the configuration check. */
export function isValidBlockedEntry(entry: string): boolean {
  try {
    patternFor(entry.trim());
    return true;
  } catch {
    return false;
  }
}

function patternFor(entry: string): RegExp {
  const regex = /^\/(.+)\/$/s.exec(entry);
  if (regex) return new RegExp(regex[1]!, 'iu');
  const letters = [...fold(entry).replace(/[^\p{L}\p{N}]+/gu, '')];
  if (letters.length === 0) return /(?!)/u;
  const body = letters
    .map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\p{L}\\p{N}]*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

/** Lower case, accents and compatibility forms folded (`É` -> `e`, full-width letters to plain). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function textValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([key]) => key !== 'url' && key !== 'mediaType')
      .flatMap(([, inner]) => textValues(inner));
  }
  return [];
}
