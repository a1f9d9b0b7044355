import { type ErrorRule, ruleFor } from '../errors/error-rule.js';
import { GenHubError } from '../errors/genhub-error.js';
import {
  type ErrorFromResponseOptions,
  errorFromResponse,
  providerErrorCode,
  providerMessage,
} from './error-from-response.js';

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
    const rule = ruleFor(rules, {
      status,
      ...(code === undefined ? {} : { providerCode: code }),
      ...(said === undefined ? {} : { message: said }),
    });
    if (rule === undefined) return base;
    const words = said === undefined ? undefined : (options.redactor?.redact(said) ?? said).slice(0, 300);
    const retryAfterSeconds = base.retryAfterSeconds ?? rule.retryAfterSeconds;
    return new GenHubError(rule.code, base.message, {
      status,
      provider,
      cause: base,
      ...(rule.retryable === undefined ? {} : { retryable: rule.retryable }),
      ...(rule.beforeAcceptance === undefined ? {} : { beforeAcceptance: rule.beforeAcceptance }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      details: {
        ...base.details,
        ...(words === undefined ? {} : { providerMessage: words }),
        ...rule.details,
      },
    });
  };
}
