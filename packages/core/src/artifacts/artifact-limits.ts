import { GenHubError } from '@genhub/provider';

const MB = 1024 * 1024;

/**
 * Fixed numbers of artifact handling. Size caps are the caller's (the pipeline's `jobs` settings
 * `maxOutputMegabytes` and `maxInputMegabytes`).
 */
export const DefaultArtifactLimits = {
  /** Redirects followed per download. */
  maxRedirects: 5,
  /** How many leading bytes media type sniffing looks at (file-type's own minimum). */
  sniffBytes: 4100,
} as const satisfies {
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
