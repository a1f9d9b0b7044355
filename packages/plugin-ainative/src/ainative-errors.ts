import { type ErrorCode, errorFromResponse, GenHubError, type Redactor } from '@genhub/provider';
import { AiNativeDefaults } from './ainative-config.js';
import type { PremiumOnly } from './ainative-models.js';
import { failureText, isObject } from './ainative-wire.js';

const PROVIDER = 'ainative';

/** Words AINative's refusals of a premium-only model are expected to carry. */
const PREMIUM_WORDS = /\bpremium\b|\btiers?\b|subscription|upgrade/i;
const CREDIT_WORDS = /insufficient credits?|not enough credits|out of credits/i;
const CONTENT_WORDS = /nsfw|safety|moderation|content policy|prohibited content|inappropriate/i;

/** What an error message needs to know about the request that failed. */
export interface ErrorContext {
  /** Such as `POST https://api.ainative.studio/api/v1/multimodal/video/i2v`; redacted before use. */
  request: string;
  /** Hides the API key in quoted provider text. */
  redactor: Redactor;
  /** The model's name, for a premium refusal of a model not known to be premium. */
  modelName?: string;
  /** Set for the premium-only models (sora2 image-to-video, text-to-video). */
  premium?: PremiumOnly;
  /** Set for generation requests, whose 404 means a wrong base URL rather than a bad request. */
  generation?: boolean;
  nowMs?: number;
}

/** The provider's own words: FastAPI's `detail` (a string or a list of `{ msg }`), `message` or `error`. */
export function providerDetail(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    const trimmed = bodyText.trim();
    return trimmed === '' || trimmed.startsWith('<') ? undefined : trimmed;
  }
  if (typeof body === 'string') return body;
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.detail)) {
    const messages = body.detail.map((item) => (isObject(item) ? item.msg : undefined));
    return messages.filter((msg): msg is string => typeof msg === 'string').join('; ') || undefined;
  }
  return failureText(body);
}

/**
 * "Sora 2 needs an AINative premium plan.": one clear sentence for a model the account's tier does
 * not include. INVALID_INPUT (another model works; retrying this one never will), with the
 * alternatives as suggestions and AINative's own words in `details.providerMessage`.
 */
export function premiumError(
  label: string,
  alternatives: readonly string[],
  options: { status?: number; providerMessage?: string; cause?: unknown } = {},
): GenHubError {
  return new GenHubError('INVALID_INPUT', `${label} needs an AINative premium plan.`, {
    provider: PROVIDER,
    retryable: false,
    suggestions: alternatives,
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    details: {
      param: 'model',
      reason: 'premium-plan-required',
      ...(options.providerMessage === undefined ? {} : { providerMessage: options.providerMessage }),
    },
  });
}

/** A copy of `error` with some fields changed. */
function amend(
  error: GenHubError,
  changes: {
    code?: ErrorCode;
    retryable?: boolean;
    retryAfterSeconds?: number;
    message?: string;
    details?: Readonly<Record<string, unknown>>;
    beforeAcceptance?: boolean;
  },
): GenHubError {
  const retryAfterSeconds = changes.retryAfterSeconds ?? error.retryAfterSeconds;
  return new GenHubError(changes.code ?? error.code, changes.message ?? error.message, {
    retryable: changes.retryable ?? error.retryable,
    beforeAcceptance: changes.beforeAcceptance ?? error.beforeAcceptance,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(error.provider === undefined ? {} : { provider: error.provider }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.suggestions.length === 0 ? {} : { suggestions: error.suggestions }),
    details: { ...error.details, ...changes.details },
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}

const GPU_ERROR = /GPU provider error/i;

/**
 * The GenHubError for a non-2xx answer, following the documented codes: 400 INVALID_INPUT,
 * 402 INSUFFICIENT_FUNDS, 429 RATE_LIMITED (Retry-After, else 60 s: the limits are per minute),
 * 500 "GPU provider error — retry after 30s" PROVIDER_UNAVAILABLE, retryable after 30 s (as any
 * 5xx). A premium-only model refused with 403, or refused with a 400/402/403 whose detail speaks
 * of a premium tier, gets `premiumError`. 401/403 otherwise are AUTH. A 404 from a generation
 * endpoint means the base URL is wrong: PROVIDER_UNAVAILABLE, not retryable, saying so.
 */
export function errorForResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  bodyText: string,
  context: ErrorContext,
): GenHubError {
  const base = errorFromResponse(status, headers, bodyText, PROVIDER, {
    redactor: context.redactor,
    request: context.request,
    ...(context.nowMs === undefined ? {} : { nowMs: context.nowMs }),
  });
  const detail = providerDetail(bodyText);
  const shown = detail === undefined ? undefined : context.redactor.redact(detail).slice(0, 300);
  const speaksOfPremium = detail !== undefined && PREMIUM_WORDS.test(detail) && !CREDIT_WORDS.test(detail);
  const premiumStatus = status === 400 || status === 402 || status === 403;
  if ((premiumStatus && speaksOfPremium) || (status === 403 && context.premium !== undefined)) {
    const label = context.premium?.label ?? context.modelName ?? 'This model';
    return premiumError(label, context.premium?.alternatives ?? [], {
      status,
      ...(shown === undefined ? {} : { providerMessage: shown }),
      cause: base,
    });
  }
  if (status === 404 && context.generation) {
    return amend(base, {
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      message: `${base.message} Check GENHUB_AINATIVE_BASE_URL: it should end in /api/v1/multimodal.`,
      details: { reason: 'misconfigured', setting: 'GENHUB_AINATIVE_BASE_URL' },
    });
  }
  if (status === 429) {
    return amend(base, {
      retryAfterSeconds: base.retryAfterSeconds ?? AiNativeDefaults.retryAfterSeconds.rateLimited,
    });
  }
  if (status >= 500 && status < 600) {
    return amend(base, {
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      // The documented "GPU provider error": AINative answered that it made nothing, so nothing is
      // lost and sending again is safe. Any other 5xx may come after the generation was made.
      beforeAcceptance: detail !== undefined && GPU_ERROR.test(detail),
      retryAfterSeconds: base.retryAfterSeconds ?? AiNativeDefaults.retryAfterSeconds.unavailable,
    });
  }
  return base;
}

/**
 * The error of a generation AINative reports as failed (a usage record with status `failed`): a
 * premium or credit refusal when its text says so, CONTENT_REJECTED for safety refusals, otherwise a
 * GPU failure: PROVIDER_UNAVAILABLE, retryable after 30 s.
 */
export function errorForFailedGeneration(
  record: Readonly<Record<string, unknown>>,
  context: Pick<ErrorContext, 'redactor' | 'modelName' | 'premium'> & { usageId: string },
): GenHubError {
  const raw = failureText(record);
  const text =
    raw === undefined ? undefined : context.redactor.redact(raw.replace(/\s+/g, ' ').trim()).slice(0, 300);
  const what = context.modelName ?? 'The generation';
  const details = { usageId: context.usageId, ...(text === undefined ? {} : { providerMessage: text }) };
  if (text !== undefined && PREMIUM_WORDS.test(text) && !CREDIT_WORDS.test(text)) {
    return premiumError(context.premium?.label ?? what, context.premium?.alternatives ?? [], {
      providerMessage: text,
    });
  }
  const reason = text === undefined ? '' : `: ${text}`;
  if (text !== undefined && CREDIT_WORDS.test(text)) {
    return new GenHubError('INSUFFICIENT_FUNDS', `AINative refused ${what} for lack of credits${reason}`, {
      provider: PROVIDER,
      details,
    });
  }
  if (text !== undefined && CONTENT_WORDS.test(text)) {
    return new GenHubError('CONTENT_REJECTED', `AINative rejected the request${reason}`, {
      provider: PROVIDER,
      details,
    });
  }
  return new GenHubError(
    'PROVIDER_UNAVAILABLE',
    `AINative failed to generate (usage ${context.usageId})${reason}`,
    {
      provider: PROVIDER,
      retryable: true,
      retryAfterSeconds: AiNativeDefaults.retryAfterSeconds.unavailable,
      details,
    },
  );
}

/** Network codes that mean the request never reached AINative, so sending it again cannot pay twice. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  if (Array.isArray(errors) && errors.length > 0) return networkCode(errors[0], depth + 1);
  return networkCode(cause, depth + 1);
}

/**
 * A generation request that failed without an answer. If it may have reached AINative (a timeout
 * or a reset while it was generating), it is not retryable: AINative keys no requests, so a resend
 * could start and bill a second generation. Failures to connect stay retryable.
 */
export function errorForLostRequest(thrown: unknown): GenHubError {
  const error = GenHubError.from(thrown, 'PROVIDER_UNAVAILABLE');
  if (error.code === 'CANCELLED' || !error.retryable) return error;
  const code = networkCode(error.cause);
  if (code !== undefined && NOT_SENT.has(code)) return error;
  return amend(error, {
    retryable: false,
    message: `${error.message} AINative may have started (and charged for) this generation, so it is not sent again.`,
  });
}
