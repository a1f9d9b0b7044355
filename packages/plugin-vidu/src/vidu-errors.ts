import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

const PROVIDER = 'vidu';

/**
 * Vidu's errors (its "Error Code" page) in GenHub's terms. A refused request answers
 * `{ code, reason, message, metadata }`; the documented messages say which error it is.
 */
const REQUEST_RULES: readonly ErrorRule[] = [
  {
    message: /prompt policy violation|submit is illegal|creation policy violation/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { message: /insufficient credits/i, code: 'INSUFFICIENT_FUNDS' },
  { message: /quota exceeded|too many requests|system is throttling/i, code: 'RATE_LIMITED' },
  {
    message: /image download failure|invalid image format|page size out of range/i,
    code: 'INVALID_INPUT',
    details: { param: 'images' },
  },
  { message: /model unavailable/i, code: 'PROVIDER_UNAVAILABLE', retryable: false },
];

/** A refused request, by its documented message. */
export const viduRequestErrors = errorTable(PROVIDER, REQUEST_RULES);

/** The `err_code` a task the user cancelled ends with. */
export const USER_CANCELLED = 'UserCancelled';

/** A task that ended `failed`, by its `err_code`. */
export const viduTaskFailure = failureTable(PROVIDER, [
  {
    providerCode: /^(TaskPromptPolicyViolation|AuditSubmitIllegal|CreationPolicyViolation)$/,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { providerCode: 'CreditInsufficient', code: 'INSUFFICIENT_FUNDS' },
  {
    providerCode:
      /^(ImageDownloadFailure|ImageFormatInvalid|PageSizeOutOfRange|FieldInvalid|ImageCheck\w+|ImageObjectsUndetected)$/,
    code: 'INVALID_INPUT',
  },
]);
