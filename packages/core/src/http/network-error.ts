import type { HttpTimeouts } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';

/** What a network error message needs to say where it happened. */
export interface NetworkErrorContext {
  /** Such as `GET https://api.example.com/v1/x?key=[REDACTED]`, already redacted. */
  label: string;
  provider: string | undefined;
  timeouts: HttpTimeouts;
  signal: AbortSignal | undefined;
  /** Hides secrets in the few words taken from the underlying error. */
  redact: (text: string) => string;
}

const TIMEOUTS: Readonly<Record<string, { what: string; limit: keyof HttpTimeouts }>> = {
  UND_ERR_CONNECT_TIMEOUT: { what: 'connecting', limit: 'connectMs' },
  ETIMEDOUT: { what: 'connecting', limit: 'connectMs' },
  UND_ERR_HEADERS_TIMEOUT: { what: 'waiting for the response headers', limit: 'headersMs' },
  UND_ERR_BODY_TIMEOUT: { what: 'waiting for the response body', limit: 'bodyMs' },
};

/** Failures that happen before a request is sent: the provider cannot have accepted it. */
const NOT_SENT: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
]);

const UNAVAILABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host down',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  UND_ERR_SOCKET: 'socket error',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response shorter or longer than its content-length',
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * Turns whatever undici threw into a GenHubError: CANCELLED when the caller's signal aborted,
 * TIMEOUT for connect/headers/body timeouts, PROVIDER_UNAVAILABLE (retryable) for refused, reset and
 * unresolvable connections, PROVIDER_UNAVAILABLE (not retryable) for TLS failures, INTERNAL otherwise.
 */
export function errorFromNetwork(error: unknown, context: NetworkErrorContext): GenHubError {
  const { label, provider, signal } = context;
  const who = provider === undefined ? '' : `${provider}: `;
  const base = { cause: error, ...(provider === undefined ? {} : { provider }) };

  if (signal?.aborted) return new GenHubError('CANCELLED', `${who}${label} was cancelled.`, base);
  if (GenHubError.isInstance(error)) return error;

  const code = findCode(error);
  const notSent = code !== undefined && NOT_SENT.has(code);
  const timeout = code === undefined ? undefined : TIMEOUTS[code];
  if (timeout !== undefined) {
    const ms = context.timeouts[timeout.limit];
    return new GenHubError('TIMEOUT', `${who}${label} timed out ${timeout.what} (${ms} ms).`, {
      ...base,
      beforeAcceptance: notSent,
    });
  }
  const unavailable = code === undefined ? undefined : UNAVAILABLE[code];
  if (unavailable !== undefined) {
    return new GenHubError('PROVIDER_UNAVAILABLE', `${who}${label} failed: ${unavailable} (${code}).`, {
      ...base,
      beforeAcceptance: notSent,
    });
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return new GenHubError('PROVIDER_UNAVAILABLE', `${who}${label} failed: TLS error (${code}).`, {
      ...base,
      retryable: false,
      beforeAcceptance: true,
    });
  }
  const reason = error instanceof Error ? `${error.name}: ${context.redact(error.message)}` : String(error);
  return new GenHubError('INTERNAL', `${who}${label} failed: ${reason}${code ? ` (${code})` : ''}`, base);
}

/** The first string `code` on the error, its cause chain or an AggregateError's first member. */
function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  if (Array.isArray(errors) && errors.length > 0) return findCode(errors[0], depth + 1);
  return findCode(cause, depth + 1);
}
