import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * Runway's refusals and failures in GenHub's terms, for refused requests (HTTP errors) and failed
 * tasks (`failureCode`) alike. docs.dev.runwayml.com/errors/task-failures: codes starting with
 * `SAFETY.` (and the preprocessing step's `INPUT_PREPROCESSING.SAFETY.*`) are content moderation and
 * must not be retried; `ASSET.INVALID` is an input Runway could not use. Everything else keeps the
 * mapping by HTTP status, or PROVIDER_UNAVAILABLE for a failed task.
 */
const rules: ErrorRule[] = [
  { providerCode: /(^|\.)SAFETY(\.|$)/, code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: /^ASSET\.INVALID/, code: 'INVALID_INPUT', retryable: false },
  { message: /not have enough credits/i, code: 'INSUFFICIENT_FUNDS', retryable: false },
  { message: /content moderation|moderation|safety/i, code: 'CONTENT_REJECTED', retryable: false },
];

export const runwayRequestErrors = errorTable('runway', rules);
export const runwayTaskFailure = failureTable('runway', rules);
