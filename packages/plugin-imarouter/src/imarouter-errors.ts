import { type ErrorRule, failureTable } from '@genhub/provider';

const PROVIDER = 'imarouter';

/** What a failure's words say, in the document's languages; anything else is the provider's failure. */
const FAILURE_RULES: readonly ErrorRule[] = [
  {
    message: /moderat|sensitive|policy|safety|nsfw|prohibit|banned|violat|copyright|审核|敏感|违规/i,
    code: 'CONTENT_REJECTED',
  },
  {
    message: /invalid|must be|parameter|not support|pixel|too (long|short|large|small)|exceed|required/i,
    code: 'INVALID_INPUT',
  },
  { message: /insufficient|balance|quota|余额/i, code: 'INSUFFICIENT_FUNDS' },
];

/** A task imarouter reports as failed, read by its words. */
export const failedTask = failureTable(PROVIDER, FAILURE_RULES);

/** A refusal inside a 2xx answer, read by the same words; never worth sending again. */
export const refusalInBody = failureTable(PROVIDER, FAILURE_RULES, {
  code: 'PROVIDER_UNAVAILABLE',
  retryable: false,
});

/**
 * Midjourney's refusal of a submit, by its code (as in midjourney-proxy): 24 or banned words
 * CONTENT_REJECTED, 23 (queue full) RATE_LIMITED, 9 PROVIDER_UNAVAILABLE, anything else INVALID_INPUT.
 */
export const midjourneyRefusal = failureTable(
  PROVIDER,
  [
    { providerCode: '24', code: 'CONTENT_REJECTED' },
    { message: /banned|sensitive|moderat/i, code: 'CONTENT_REJECTED' },
    { providerCode: '23', code: 'RATE_LIMITED' },
    { providerCode: '9', code: 'PROVIDER_UNAVAILABLE' },
  ],
  { code: 'INVALID_INPUT' },
);
