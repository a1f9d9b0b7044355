import { type ErrorRule, errorTable } from '@genhub/provider';

/**
 * OpenAI's errors in GenHub's terms. Every failure answers `{ error: { message, type, param, code } }`
 * with a 4xx or 5xx status (platform.openai.com/docs/guides/error-codes). A safety refusal is
 * `moderation_blocked` (GPT Image) or `content_policy_violation` (DALL-E, and the words of some
 * refusals); an exhausted quota comes as a 429 `insufficient_quota`, which waiting does not fix.
 */
export const openaiErrorRules: readonly ErrorRule[] = [
  {
    providerCode: /^(moderation_blocked|content_policy_violation)$/,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { message: /safety system|content policy|moderation/i, code: 'CONTENT_REJECTED', retryable: false },
  {
    providerCode: /^(insufficient_quota|billing_hard_limit_reached)$/,
    code: 'INSUFFICIENT_FUNDS',
    retryable: false,
  },
  {
    status: 401,
    code: 'AUTH',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_OPENAI_API_KEY' },
  },
];

export const openaiErrors = errorTable('openai', openaiErrorRules);
