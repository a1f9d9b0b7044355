import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * fal's errors in GenHub's terms, for refused requests and failed tasks alike. fal answers
 * `{ detail: string | [{ loc, msg, type }] }`; a content checker's refusal
 * (`content_policy_violation`) reads "flagged by a content checker". Anything else is mapped by its
 * status (401 AUTH, 403/402 funds, 429 RATE_LIMITED, 5xx PROVIDER_UNAVAILABLE).
 */
const errorCodes: ErrorRule[] = [
  { message: /content.?(checker|policy)|nsfw|safety|flagged/i, code: 'CONTENT_REJECTED', retryable: false },
  {
    message: /exhausted balance|insufficient|locked.*billing|top up/i,
    code: 'INSUFFICIENT_FUNDS',
    retryable: false,
  },
  { status: 422, code: 'INVALID_INPUT', retryable: false },
];

export const requestErrors = errorTable('fal', errorCodes);
export const taskFailure = failureTable('fal', errorCodes);
