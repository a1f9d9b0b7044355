import { GenHubError } from '../errors/genhub-error.js';

/** `W:H` with positive whole or decimal numbers, such as `16:9` or `2.39:1`. */
const ASPECT_RATIO = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * An aspect ratio written `W:H` (`16:9`, `2.39:1`) as the number W / H.
 * Throws INVALID_INPUT for anything else, and for a zero side.
 */
export function parseAspectRatio(value: string): number {
  const match = typeof value === 'string' ? ASPECT_RATIO.exec(value) : null;
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || !(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new GenHubError(
      'INVALID_INPUT',
      `${JSON.stringify(String(value))} is not an aspect ratio; use W:H, such as 16:9.`,
      { details: { param: 'aspectRatio', value: String(value) } },
    );
  }
  return width / height;
}

/** Like `parseAspectRatio`, but `undefined` for anything that is not a ratio. */
export function tryParseAspectRatio(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseAspectRatio(value);
  } catch {
    return undefined;
  }
}

/**
 * The allowed aspect ratio nearest to `requested`, comparing ratios by |ln(requested / allowed)| so
 * that 2:1 and 1:2 are equally far from 1:1. Ties go to the first listed; allowed entries that are
 * not ratios (`auto`) are skipped. Returns the allowed string as written, so `32:18` against
 * `['16:9']` gives `16:9`. Throws INVALID_INPUT when `requested` is not a ratio or nothing allowed is.
 */
export function snapAspectRatio(requested: string, allowed: readonly string[]): string {
  const ratio = parseAspectRatio(requested);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const candidateRatio = tryParseAspectRatio(candidate);
    if (candidateRatio === undefined) continue;
    const distance = Math.abs(Math.log(ratio / candidateRatio));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) {
    throw new GenHubError('INVALID_INPUT', `There is no aspect ratio to choose from for ${requested}.`, {
      details: { param: 'aspectRatio', value: requested, allowed: [...allowed] },
    });
  }
  return best;
}
