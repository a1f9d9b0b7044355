/** Stable error codes. Chat layers turn each into one sentence for users; never rename one. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'MODEL_NOT_FOUND',
  'AUTH',
  'INSUFFICIENT_FUNDS',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that are worth another attempt (possibly at another provider) unless a caller knows better. */
export const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
]);

/**
 * Codes that say the provider refused a request, so nothing was created or billed: sending it again
 * cannot make a second task. Any other failure of a submit leaves its outcome unknown.
 */
export const REFUSED_BEFORE_ACCEPTANCE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'MODEL_NOT_FOUND',
  'AUTH',
  'INSUFFICIENT_FUNDS',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
]);
