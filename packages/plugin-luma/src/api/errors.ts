import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * Luma's refusals and failures in GenHub's terms, for refused requests (`{ detail }` with an HTTP
 * status) and failed generations (`failure_reason`) alike. docs.lumalabs.ai/docs/errors lists the
 * words: blacklisted words and failed frame or prompt moderation are content refusals and must not
 * be retried; keyframes Luma could not read are a bad input; the pre-submission checks (prompt
 * length, loop with an end frame) are 400s, INVALID_INPUT by status. Anything else keeps the mapping
 * by status, or PROVIDER_UNAVAILABLE for a failed generation (Luma refunds failed generations).
 */
const rules: ErrorRule[] = [
  {
    message: /blacklisted|moderation|content policy|not allowed/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { message: /failed to read user input frames/i, code: 'INVALID_INPUT', retryable: false },
  {
    message: /insufficient (credits|balance)|not enough credits/i,
    code: 'INSUFFICIENT_FUNDS',
    retryable: false,
  },
];

export const lumaRequestErrors = errorTable('luma', rules);
export const lumaGenerationFailure = failureTable('luma', rules);
