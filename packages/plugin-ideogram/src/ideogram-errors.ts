import { type ErrorRule, errorTable } from '@genhub/provider';

/**
 * Ideogram's refusals in GenHub's terms. Its reference documents 400 (bad input), 401, 402
 * (credits), 422 ("Prompt failed the safety check"), 429 and 503; core maps all but 422 by status.
 * Errors come as `{ "error": "..." }` (with a `reject_reason` on 402 and 429).
 */
const rules: ErrorRule[] = [
  { status: 422, code: 'CONTENT_REJECTED', retryable: false },
  { message: /safety|moderat|nsfw|content polic/i, code: 'CONTENT_REJECTED', retryable: false },
  // 429 with the in-flight limit: one of the (10 by default) running requests finishes within seconds.
  { status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 10 },
];

/** A non-2xx answer from Ideogram as a GenHubError. */
export const ideogramRequestErrors = errorTable('ideogram', rules);
