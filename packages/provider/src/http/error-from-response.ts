import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from '../errors/error-codes.js';
import { GenHubError } from '../errors/genhub-error.js';
import { Redactor } from '../logging/redactor.js';
import { parseRetryAfterMs } from './retry-policy.js';

/** Longest provider message quoted in an error. */
const MAX_DETAIL_LENGTH = 300;

const patternsOnly = new Redactor();

export interface ErrorFromResponseOptions {
  /** Hides secrets in the quoted provider message; by default only credential-shaped text is hidden. */
  redactor?: Redactor;
  /** For an HTTP-date `Retry-After`; `Date.now()` by default. */
  nowMs?: number;
  /** What was asked, such as `POST https://api.example.com/v1/jobs`; redacted before use. */
  request?: string;
}

/** The error code a non-2xx status stands for. */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 402) return 'INSUFFICIENT_FUNDS';
  if (status === 408) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 400 && status < 500) return 'INVALID_INPUT';
  return 'PROVIDER_UNAVAILABLE';
}

/**
 * The GenHubError for a provider's non-2xx answer: 401/403 AUTH, 402 INSUFFICIENT_FUNDS, 404 and
 * other 4xx INVALID_INPUT, 408 TIMEOUT, 429 RATE_LIMITED (with `retryAfterSeconds` from `Retry-After`,
 * else from the body's `retry_after`), 5xx PROVIDER_UNAVAILABLE; anything else (an unfollowed 3xx, say) is PROVIDER_UNAVAILABLE and not
 * retryable. The message quotes the provider's own error message, redacted and cut to 300 characters.
 */
export function errorFromResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  bodyText: string,
  provider?: string,
  options: ErrorFromResponseOptions = {},
): GenHubError {
  const redactor = options.redactor ?? patternsOnly;
  const code = errorCodeForStatus(status);
  const reason = (STATUS_CODES[status] ?? 'unknown status').toLowerCase();
  const who = provider ?? 'The provider';
  const to = options.request === undefined ? '' : ` to ${redactor.redact(options.request)}`;
  const detail = quote(providerMessage(bodyText), redactor);
  const message = `${who} answered HTTP ${status} (${reason})${to}${detail === undefined ? '.' : `: ${detail}`}`;

  const retryAfterMs =
    parseRetryAfterMs(headerValue(headers, 'retry-after'), options.nowMs ?? Date.now()) ??
    bodyRetryAfterMs(bodyText);
  const providerCode = quote(providerErrorCode(bodyText), redactor);
  return new GenHubError(code, message, {
    status,
    ...(provider === undefined ? {} : { provider }),
    ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
    ...(status >= 400 && status < 600 ? {} : { retryable: false }),
    ...(providerCode === undefined ? {} : { details: { providerCode } }),
  });
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function quote(text: string | undefined, redactor: Redactor): string | undefined {
  if (text === undefined) return undefined;
  const clean = redactor.redact(text.replace(/\s+/g, ' ').trim());
  if (clean === '') return undefined;
  return clean.length > MAX_DETAIL_LENGTH ? `${clean.slice(0, MAX_DETAIL_LENGTH - 1)}…` : clean;
}

function parse(bodyText: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(bodyText) };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The provider's own words: `error.message`, `message`, `detail` (a string, or FastAPI's list of
 * `{ msg }`), `error_description` or `errors[0].message`, prefixed by `error` when that is a short
 * string of its own. A body that is not JSON is quoted as text unless it looks like HTML.
 */
export function providerMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  const parsed = parse(trimmed);
  if (parsed === undefined) return trimmed.startsWith('<') ? undefined : trimmed;
  const body = parsed.json;
  if (!isRecord(body)) return str(body);

  const error = body.error;
  const detail = Array.isArray(body.detail)
    ? str(
        body.detail
          .map((item) => (isRecord(item) ? str(item.msg) : undefined))
          .filter((msg) => msg !== undefined)
          .join('; '),
      )
    : str(body.detail);
  const firstError = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const primary =
    (isRecord(error) ? (str(error.message) ?? str(error.detail)) : undefined) ??
    str(body.message) ??
    detail ??
    str(body.error_description) ??
    (isRecord(firstError) ? str(firstError.message) : str(firstError));
  const label = str(error);
  if (label === undefined) return primary;
  return primary === undefined || primary === label ? label : `${label}: ${primary}`;
}

/**
 * A machine-readable code the provider gave (`error.code`, `error.type`, `code`, `type`, or `error`
 * itself when it is one word, as in OAuth's `{ "error": "invalid_request" }`), if short. A numeric
 * code (Kling's `{ "code": 1301 }`) is given as its digits.
 */
export function providerErrorCode(bodyText: string): string | undefined {
  const body = parse(bodyText.trim())?.json;
  if (!isRecord(body)) return undefined;
  const error = isRecord(body.error) ? body.error : {};
  const word = str(body.error)?.trim();
  const code =
    str(error.code) ??
    str(error.type) ??
    str(body.code) ??
    digits(error.code) ??
    digits(body.code) ??
    str(body.type) ??
    (word !== undefined && /^[\w.-]+$/.test(word) ? word : undefined);
  return code !== undefined && code.length <= 100 ? code : undefined;
}

function digits(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : undefined;
}

/** A wait the body asks for when the headers do not: `retry_after` or `retryAfter`, in seconds. */
function bodyRetryAfterMs(bodyText: string): number | undefined {
  const body = parse(bodyText.trim())?.json;
  if (!isRecord(body)) return undefined;
  const value = body.retry_after ?? body.retryAfter;
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.round(seconds * 1000)
    : undefined;
}
