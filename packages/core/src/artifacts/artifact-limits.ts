import { GenHubError } from '../errors/genhub-error.js';
import type { OutputKind } from '../plugin/tasks.js';

const MB = 1024 * 1024;

/**
 * Size caps and fixed numbers of artifact handling. A job's output cap follows the model's output
 * kind; anything a user links to as an input is capped at `maxInputBytes`.
 */
export const DefaultArtifactLimits = {
  maxOutputBytes: {
    image: 50 * MB,
    video: 500 * MB,
    audio: 100 * MB,
    model3d: 200 * MB,
    vector: 10 * MB,
  },
  maxInputBytes: 20 * MB,
  /** Redirects followed per download. */
  maxRedirects: 5,
  /** How many leading bytes media type sniffing looks at (file-type's own minimum). */
  sniffBytes: 4100,
} as const satisfies {
  maxOutputBytes: Record<OutputKind, number>;
  maxInputBytes: number;
  maxRedirects: number;
  sniffBytes: number;
};

/** `50 MB`, `1.5 MB`, `300 KB`, `12 bytes` (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trim(bytes / MB)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

/** The one error for anything past its size cap: "The result is larger than the 50 MB limit." */
export function tooLargeError(maxBytes: number, what = 'file', bytes?: number): GenHubError {
  return new GenHubError('INVALID_INPUT', `The ${what} is larger than the ${formatBytes(maxBytes)} limit.`, {
    retryable: false,
    details: { maxBytes, ...(bytes === undefined ? {} : { bytes }) },
  });
}
