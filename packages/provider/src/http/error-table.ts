import type { ErrorCode } from '../errors/error-codes.js';
import { GenHubError } from '../errors/genhub-error.js';
import {
  type ErrorFromResponseOptions,
  errorFromResponse,
  providerErrorCode,
  providerMessage,
} from './error-from-response.js';

/**
 * One line of a provider's error table: which answers it matches (all given conditions must hold)
 * and what they mean. Unmatched answers keep core's mapping by status.
 */
export interface ErrorRule {
  /** The HTTP status, or several. */
  status?: number | readonly number[];
  /** The provider's machine-readable code (`error.code`, `error.type`, `code`, `type`). */
  providerCode?: string | RegExp;
  /** The provider's own message. */
  message?: RegExp;
  code: ErrorCode;
  retryable?: boolean;
  /** See `GenHubErrorOptions.beforeAcceptance`; by default from the code and status. */
  beforeAcceptance?: boolean;
  /**
   * Facts for the chat layer: `{ param: 'prompt' }` for a bad parameter, `{ reason: 'misconfigured',
   * setting: 'GENHUB_X_BASE_URL' }` for a wrong setting. The provider's words are added as
   * `providerMessage`, which users are shown for content refusals and failed tasks.
   */
  details?: Readonly<Record<string, unknown>>;
}

/** Maps a provider's non-2xx answer to a GenHubError. */
export type ErrorMapper = (
  status: number,
  headers: Readonly<Record<string, string>>,
  bodyText: string,
  options?: ErrorFromResponseOptions,
) => GenHubError;

/**
 * A provider's errors as a small table: the first rule that matches decides the code, retryability
 * and details; the message is core's (the status, the request, the provider's words, redacted).
 */
export function errorTable(provider: string, rules: readonly ErrorRule[]): ErrorMapper {
  return (status, headers, bodyText, options = {}) => {
    const base = errorFromResponse(status, headers, bodyText, provider, options);
    const code = providerErrorCode(bodyText);
    const said = providerMessage(bodyText);
    const rule = rules.find((candidate) => matches(candidate, status, code, said));
    if (rule === undefined) return base;
    const words = said === undefined ? undefined : (options.redactor?.redact(said) ?? said).slice(0, 300);
    return new GenHubError(rule.code, base.message, {
      status,
      provider,
      cause: base,
      ...(rule.retryable === undefined ? {} : { retryable: rule.retryable }),
      ...(rule.beforeAcceptance === undefined ? {} : { beforeAcceptance: rule.beforeAcceptance }),
      ...(base.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: base.retryAfterSeconds }),
      details: {
        ...base.details,
        ...(words === undefined ? {} : { providerMessage: words }),
        ...rule.details,
      },
    });
  };
}

function matches(
  rule: ErrorRule,
  status: number,
  code: string | undefined,
  said: string | undefined,
): boolean {
  if (rule.status !== undefined) {
    const statuses = typeof rule.status === 'number' ? [rule.status] : rule.status;
    if (!statuses.includes(status)) return false;
  }
  if (rule.providerCode !== undefined) {
    if (code === undefined) return false;
    if (typeof rule.providerCode === 'string' ? rule.providerCode !== code : !rule.providerCode.test(code)) {
      return false;
    }
  }
  if (rule.message !== undefined && (said === undefined || !rule.message.test(said))) return false;
  return true;
}
