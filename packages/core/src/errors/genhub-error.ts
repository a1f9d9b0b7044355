import { type ErrorCode, RETRYABLE_BY_DEFAULT } from './error-codes.js';

const marker = Symbol.for('genhub.error');

export interface GenHubErrorOptions {
  /** Overrides the code's default. */
  retryable?: boolean;
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
