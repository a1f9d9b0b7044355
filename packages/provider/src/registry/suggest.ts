import { distance } from 'fastest-levenshtein';

/**
 * Up to `limit` candidates close to `query`: those containing it or contained in it first, then by
 * edit distance, keeping only plausible ones (distance at most 40% of the longer string).
 */
export function suggest(query: string, candidates: Iterable<string>, limit = 5): string[] {
  const needle = query.trim().toLowerCase();
  if (needle.length === 0) return [];
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    const hay = candidate.toLowerCase();
    const bare = hay.slice(hay.indexOf('/') + 1);
    let score: number;
    if (hay.includes(needle) || needle.includes(bare)) {
      score = Math.abs(bare.length - needle.length) / 100;
    } else {
      const edits = Math.min(distance(needle, hay), distance(needle, bare));
      const longest = Math.max(needle.length, bare.length);
      if (edits > Math.max(2, Math.ceil(longest * 0.4))) continue;
      score = 1 + edits / longest;
    }
    scored.push({ candidate, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
