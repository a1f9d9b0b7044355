import { type ErrorRule, errorTable, failureTable, GenHubError } from '@genhub/provider';
import { AiNativeDefaults } from './ainative-config.js';
import type { PremiumOnly } from './ainative-models.js';

const PROVIDER = 'ainative';
const { rateLimited, unavailable } = AiNativeDefaults.retryAfterSeconds;

/** Words of a refusal for the account's tier, and not for its credits. */
const PREMIUM_WORDS =
  /^(?![\s\S]*(?:insufficient credits?|not enough credits|out of credits))[\s\S]*(?:\bpremium\b|\btiers?\b|subscription|upgrade)/i;
const CREDIT_WORDS = /insufficient credits?|not enough credits|out of credits/i;
const CONTENT_WORDS = /nsfw|safety|moderation|content policy|prohibited content|inappropriate/i;

/** A model the account's tier does not include: another model works, retrying this one never will. */
const PREMIUM_PLAN: Omit<ErrorRule, 'status' | 'message'> = {
  code: 'INVALID_INPUT',
  retryable: false,
  details: { param: 'model', reason: 'premium-plan-required' },
};

/**
 * AINative's non-2xx answers, following the documented codes over core's status mapping: 400
 * INVALID_INPUT, 402 INSUFFICIENT_FUNDS, 429 RATE_LIMITED (Retry-After, else 60 s: the limits are
 * per minute), 500 "GPU provider error — retry after 30s" PROVIDER_UNAVAILABLE, retryable after 30 s
 * (as any 5xx) and, being a documented failure to generate, before acceptance. A 400/402/403 that
 * speaks of a premium tier is the premium refusal (see `premiumRefusal`). A 404 means the base URL
 * is wrong: PROVIDER_UNAVAILABLE, not retryable, naming the setting.
 */
export const aiNativeHttpError = errorTable(PROVIDER, [
  { status: [400, 402, 403], message: PREMIUM_WORDS, ...PREMIUM_PLAN },
  { status: 403, code: 'AUTH' },
  {
    status: 404,
    code: 'PROVIDER_UNAVAILABLE',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_AINATIVE_BASE_URL' },
  },
  { status: 429, code: 'RATE_LIMITED', retryAfterSeconds: rateLimited },
  // The documented "GPU provider error": AINative says it made nothing, so sending again is safe.
  // Any other 5xx may come after the generation was made.
  {
    status: 500,
    message: /GPU provider error/i,
    code: 'PROVIDER_UNAVAILABLE',
    retryAfterSeconds: unavailable,
    beforeAcceptance: true,
  },
  { status: '5xx', code: 'PROVIDER_UNAVAILABLE', retryAfterSeconds: unavailable },
]);

/**
 * A generation AINative reports as failed (a usage record with status `failed`): a premium or
 * credit refusal when its words say so, CONTENT_REJECTED for safety refusals, otherwise a GPU
 * failure: PROVIDER_UNAVAILABLE, retryable after 30 s.
 */
export const aiNativeFailedGeneration = failureTable(
  PROVIDER,
  [
    { message: PREMIUM_WORDS, ...PREMIUM_PLAN },
    { message: CREDIT_WORDS, code: 'INSUFFICIENT_FUNDS' },
    { message: CONTENT_WORDS, code: 'CONTENT_REJECTED' },
  ],
  { code: 'PROVIDER_UNAVAILABLE', retryable: true, retryAfterSeconds: unavailable },
);

/** What a refusal needs to know of the model refused. */
export interface RefusedModel {
  /** The model's name, for a premium refusal of a model not known to be premium. */
  name: string;
  /** Set for the premium-only models (sora2 image-to-video, text-to-video). */
  premium?: PremiumOnly;
}

/**
 * "Sora 2 needs an AINative premium plan.": one clear sentence for a refusal of the account's tier
 * (or a bare 403 of a premium-only model), with the alternatives as suggestions and AINative's own
 * words in `details.providerMessage`. Any other error is returned as it is.
 */
export function premiumRefusal(error: GenHubError, model: RefusedModel): GenHubError {
  const refused =
    error.details.reason === 'premium-plan-required' || (error.status === 403 && model.premium !== undefined);
  if (!refused) return error;
  const said = error.details.providerMessage;
  return new GenHubError(
    'INVALID_INPUT',
    `${model.premium?.label ?? model.name} needs an AINative premium plan.`,
    {
      provider: PROVIDER,
      retryable: false,
      suggestions: model.premium?.alternatives ?? [],
      ...(error.status === undefined ? {} : { status: error.status }),
      cause: error,
      details: { ...PREMIUM_PLAN.details, ...(said === undefined ? {} : { providerMessage: said }) },
    },
  );
}
