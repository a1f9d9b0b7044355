import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

const PROVIDER = 'kling';

/** Words of a refusal by Kling's content checks, in a failed task's `task_status_msg`. */
const REFUSAL_WORDS =
  /risk control|content security|sensitive|inappropriate|violat|nsfw|safety|moderat|审核|敏感|违规/i;

/**
 * Kling's service codes (the `code` of every error body, from the error code table of its API
 * reference) in GenHub's terms. The HTTP status alone would call an empty resource pack (429 1102)
 * a rate limit; the code says what happened.
 */
const SERVICE_CODES: readonly ErrorRule[] = [
  { providerCode: /^100[0-4]$/, code: 'AUTH', details: { setting: 'GENHUB_KLING_SECRET_KEY' } },
  { providerCode: '1100', code: 'AUTH', retryable: false },
  { providerCode: /^110[12]$/, code: 'INSUFFICIENT_FUNDS' },
  { providerCode: '1103', code: 'AUTH', retryable: false },
  { providerCode: /^120[0-3]$/, code: 'INVALID_INPUT' },
  { providerCode: '1300', code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: '1301', code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: '1302', code: 'RATE_LIMITED', retryAfterSeconds: 5 },
  { providerCode: '1303', code: 'RATE_LIMITED', retryAfterSeconds: 10 },
  { providerCode: '1304', code: 'AUTH', retryable: false },
  { providerCode: /^500[0-2]$/, code: 'PROVIDER_UNAVAILABLE' },
];

/** A refused request, by its service code. */
export const klingRequestErrors = errorTable(PROVIDER, SERVICE_CODES);

/** A task that ended `failed`, by its words: a content refusal, else Kling's own failure. */
export const klingTaskFailure = failureTable(PROVIDER, [
  { message: REFUSAL_WORDS, code: 'CONTENT_REJECTED', retryable: false },
]);
