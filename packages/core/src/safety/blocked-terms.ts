import { GenHubError } from '@genhub/provider';

/** What a user is told: it names no blocked word back. */
export const BLOCKED_PROMPT_SENTENCE =
  'That request contains something this bot does not allow; rephrase it and try again.';

/** A compiled blocklist: finds the first blocked entry in a text. */
export interface BlockedTerms {
  /** The entry (as configured) a text contains, or undefined. */
  find(text: string): string | undefined;
}

export interface CompileBlockedTermsOptions {
  /**
   * Whether an entry written `/.../` is a regular expression (true, the default: the operator's own
   * configuration). Entries from others (a community's admins) pass false: a regular expression can
   * take exponential time, so theirs are read as words, with only the `*` wildcard.
   */
  regex?: boolean;
}

/**
 * Compiles blocklist entries: a word or phrase matches in any letter case, with accents stripped and
 * with spaces or punctuation between its letters ("B.a d"), but not inside a longer word ("class"
 * does not contain "ass"). A `*` at the start or end of an entry lets the word go on that way
 * (`nud*` matches "nudity", `*porn` matches "xporn"); an entry written `/.../` is a regular
 * expression, case-insensitive, unless `options.regex` is false. Word entries compile to patterns
 * without nested or overlapping repetition, so matching takes time linear in the text.
 */
export function compileBlockedTerms(
  entries: readonly string[],
  options: CompileBlockedTermsOptions = {},
): BlockedTerms {
  const regex = options.regex ?? true;
  const rules = entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({ entry, pattern: patternFor(entry, regex) }));
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
export function isValidBlockedEntry(entry: string, options: CompileBlockedTermsOptions = {}): boolean {
  try {
    patternFor(entry.trim(), options.regex ?? true);
    return true;
  } catch {
    return false;
  }
}

function patternFor(entry: string, allowRegex = true): RegExp {
  const regex = allowRegex ? /^\/(.+)\/$/s.exec(entry) : null;
  if (regex) return new RegExp(regex[1]!, 'iu');
  const letters = [...fold(entry).replace(/[^\p{L}\p{N}]+/gu, '')];
  if (letters.length === 0) return /(?!)/u;
  // Between two letters only separators, and each is followed by a known letter: no backtracking blow-up.
  const body = letters
    .map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\p{L}\\p{N}]*');
  const before = entry.startsWith('*') ? '' : '(?<![\\p{L}\\p{N}])';
  const after = entry.endsWith('*') ? '' : '(?![\\p{L}\\p{N}])';
  return new RegExp(`${before}${body}${after}`, 'iu');
}

/** Lower case, accents and compatibility forms folded (`É` -> `e`, full-width letters to plain). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Every text a request's parameters hold (prompts, negative prompts), not URLs or media types. */
export function textValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([key]) => key !== 'url' && key !== 'mediaType')
      .flatMap(([, inner]) => textValues(inner));
  }
  return [];
}
