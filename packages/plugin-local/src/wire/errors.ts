import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * Worker and OpenAI-compatible server errors in GenHub's terms, for refused requests and failed jobs
 * alike. Statuses map as usual (400 INVALID_INPUT, 429 RATE_LIMITED with Retry-After, 5xx
 * PROVIDER_UNAVAILABLE); these rules add what a status cannot say.
 */
const errorRules: ErrorRule[] = [
  { providerCode: 'content_rejected', code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: 'content_policy_violation', code: 'CONTENT_REJECTED', retryable: false },
  {
    message: /nsfw|unsafe content|content polic|safety (checker|filter)/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { providerCode: 'busy', code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 5 },
  { providerCode: 'invalid_request', code: 'INVALID_INPUT', retryable: false },
  { providerCode: 'out_of_memory', code: 'PROVIDER_UNAVAILABLE', retryable: true },
];

export const requestErrors = errorTable('local', errorRules);
export const jobFailure = failureTable('local', errorRules);
