import { type ErrorCode, REFUSED_BEFORE_ACCEPTANCE, RETRYABLE_BY_DEFAULT } from './error-codes.js';

const marker = Symbol.for('genhub.error');

export interface GenHubErrorOptions {
  /** Overrides the code's default. */
  retryable?: boolean;
  /**
   * True when the failure proves the provider never accepted the request (nothing was created or
   * billed): a refused connection, a failed DNS lookup, a 4xx answer. False when the request may
   * have reached the provider and its answer was lost (a reset, a timeout, a 5xx or unreadable
   * answer). By default true for a 4xx status and for the codes of a refusal (INVALID_INPUT, AUTH,
   * INSUFFICIENT_FUNDS, RATE_LIMITED, ...), false otherwise. Core resubmits a job only after a
   * failure that is before acceptance, unless the provider promises idempotent submits.
   */
  beforeAcceptance?: boolean;
  /** Seconds to wait before trying again (RATE_LIMITED). */
  retryAfterSeconds?: number;
  /** Close matches for MODEL_NOT_FOUND. */
  suggestions?: readonly string[];
  /** The provider that raised it, when one did. */
  provider?: string;
  /** The HTTP status the provider answered with, when there was one. */
  status?: number;
  /** Machine-readable detail: the parameter at fault, limits, balances. Never secrets. */
  details?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

/**
 * The one error family of GenHub. Recognise it with `GenHubError.isInstance`, which works across
 * duplicate copies of this package. `message` is for operators and logs; users see the sentence the
 * chat layer writes for `code`.
 */
export class GenHubError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** The request was refused before the provider accepted it; see `GenHubErrorOptions.beforeAcceptance`. */
  readonly beforeAcceptance: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly suggestions: readonly string[];
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: GenHubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GenHubError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.beforeAcceptance =
      options.beforeAcceptance ??
      (REFUSED_BEFORE_ACCEPTANCE.has(code) ||
        (options.status !== undefined && options.status >= 400 && options.status < 500));
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.suggestions = options.suggestions ?? [];
    this.provider = options.provider;
    this.status = options.status;
    this.details = options.details ?? {};
  }

  static isInstance(value: unknown): value is GenHubError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** Wraps anything thrown into a GenHubError; unknown failures become INTERNAL. */
  static from(value: unknown, fallbackCode: ErrorCode = 'INTERNAL'): GenHubError {
    if (GenHubError.isInstance(value)) return value;
    if (value instanceof Error && value.name === 'AbortError') {
      return new GenHubError('CANCELLED', 'The operation was cancelled.', { cause: value });
    }
    const message = value instanceof Error ? value.message : String(value);
    return new GenHubError(fallbackCode, message, { cause: value });
  }

  /** A plain, JSON-safe form for persisting with a job. */
  toJSON(): SerializedGenHubError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.suggestions.length === 0 ? {} : { suggestions: [...this.suggestions] }),
      ...(this.provider === undefined ? {} : { provider: this.provider }),
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(Object.keys(this.details).length === 0 ? {} : { details: { ...this.details } }),
    };
  }

  static fromJSON(json: SerializedGenHubError): GenHubError {
    return new GenHubError(json.code, json.message, {
      retryable: json.retryable,
      ...(json.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: json.retryAfterSeconds }),
      ...(json.suggestions === undefined ? {} : { suggestions: json.suggestions }),
      ...(json.provider === undefined ? {} : { provider: json.provider }),
      ...(json.status === undefined ? {} : { status: json.status }),
      ...(json.details === undefined ? {} : { details: json.details }),
    });
  }
}

export interface SerializedGenHubError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  suggestions?: string[];
  provider?: string;
  status?: number;
  details?: Record<string, unknown>;
}

/**
 * The same error, marked as one that happened before the provider could accept the request (an
 * upload or a local check ahead of the submit), so core may safely submit again.
 */
export function beforeAcceptance(error: unknown): GenHubError {
  const known = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
  if (known.beforeAcceptance) return known;
  return new GenHubError(known.code, known.message, {
    retryable: known.retryable,
    beforeAcceptance: true,
    suggestions: known.suggestions,
    details: known.details,
    cause: known,
    ...(known.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: known.retryAfterSeconds }),
    ...(known.provider === undefined ? {} : { provider: known.provider }),
    ...(known.status === undefined ? {} : { status: known.status }),
  });
}
