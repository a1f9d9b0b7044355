import { type ErrorRule, errorTable } from '@genhub/provider';

/**
 * Recraft's failures in GenHub's terms. Its error page (recraft.ai/docs/api-reference/error-handling)
 * documents 401 `request unauthorized` and 404 as plain text and says other refusals answer a non-2xx
 * status with a plain-text or JSON body; it names no code for a safety refusal, so refusals are
 * recognised by their words. Everything else keeps core's mapping by status (429 RATE_LIMITED with
 * Retry-After, 5xx PROVIDER_UNAVAILABLE).
 */
export const recraftErrorRules: readonly ErrorRule[] = [
  {
    message: /nsfw|inappropriate|unsafe|safety|moderation|prohibited|content policy/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  {
    message: /not enough (api )?(units|credits)|insufficient|balance/i,
    code: 'INSUFFICIENT_FUNDS',
    retryable: false,
  },
  {
    status: 401,
    code: 'AUTH',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_RECRAFT_API_KEY' },
  },
];

export const recraftErrors = errorTable('recraft', recraftErrorRules);
