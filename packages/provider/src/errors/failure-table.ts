import { Redactor } from '../logging/redactor.js';
import type { ErrorRule } from './error-rule.js';
import { ruleFor } from './error-rule.js';
import { GenHubError } from './genhub-error.js';

/** A task the provider answered for but reports as failed, in its own words. */
export interface TaskFailure {
  /** What failed, the start of the message: `GateAI could not finish the generation`. */
  summary: string;
  /** The provider's words; folded, redacted and cut to 300 characters before use. */
  words?: string;
  providerCode?: string;
  /** Facts to keep with the error, such as `{ taskId }`. */
  details?: Readonly<Record<string, unknown>>;
}

/** Maps a failed task to a GenHubError; `redactor` hides the provider's key should it echo it. */
export type FailureMapper = (failure: TaskFailure, options?: { redactor?: Redactor }) => GenHubError;

/** What a failure no rule matches means; by default PROVIDER_UNAVAILABLE, retryable. */
export type FailureFallback = Omit<ErrorRule, 'status' | 'providerCode' | 'message'>;

const patternsOnly = new Redactor();

/**
 * A provider's failed tasks as a small table over their words and codes (rules with a `status` never
 * match: there is none). The message is `summary: words`; the words are kept as
 * `details.providerMessage`, which users are shown.
 */
export function failureTable(
  provider: string,
  rules: readonly ErrorRule[],
  fallback: FailureFallback = { code: 'PROVIDER_UNAVAILABLE' },
): FailureMapper {
  return (failure, options = {}) => {
    const redactor = options.redactor ?? patternsOnly;
    const folded = failure.words?.replace(/\s+/g, ' ').trim();
    const words = folded ? redactor.redact(folded).slice(0, 300) : undefined;
    const rule =
      ruleFor(rules, {
        ...(failure.providerCode === undefined ? {} : { providerCode: failure.providerCode }),
        ...(words === undefined ? {} : { message: words }),
      }) ?? fallback;
    return new GenHubError(
      rule.code,
      words === undefined ? `${failure.summary}.` : `${failure.summary}: ${words}`,
      {
        provider,
        ...(rule.retryable === undefined ? {} : { retryable: rule.retryable }),
        ...(rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds }),
        ...(rule.beforeAcceptance === undefined ? {} : { beforeAcceptance: rule.beforeAcceptance }),
        details: {
          ...failure.details,
          ...(failure.providerCode === undefined ? {} : { providerCode: failure.providerCode }),
          ...(words === undefined ? {} : { providerMessage: words }),
          ...rule.details,
        },
      },
    );
  };
}
