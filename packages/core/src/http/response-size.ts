import { GenHubError } from '@genhub/provider';
import { formatBytes } from '../artifacts/artifact-limits.js';

/** Where a response came from, as its size error names it. */
export interface ResponseOrigin {
  /** Redacted `METHOD url`. */
  label: string;
  provider: string | undefined;
}

/**
 * The error for a response body past its cap: "gateai's answer to GET https://… was larger than
 * 128 MB." Not retryable: asking again brings the same answer.
 */
export function responseTooLargeError(origin: ResponseOrigin, maxBytes: number, bytes?: number): GenHubError {
  const who = origin.provider === undefined ? 'The answer' : `${origin.provider}'s answer`;
  return new GenHubError(
    'PROVIDER_UNAVAILABLE',
    `${who} to ${origin.label} was larger than ${formatBytes(maxBytes)}.`,
    {
      retryable: false,
      details: { reason: 'too-large', maxBytes, ...(bytes === undefined ? {} : { bytes }) },
      ...(origin.provider === undefined ? {} : { provider: origin.provider }),
    },
  );
}

/** The Content-Length header as a number of bytes; undefined when absent or not a plain number. */
export function declaredLength(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers['content-length'];
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : undefined;
}
