import type { ErrorCode } from './error-codes.js';

/** A range of statuses: `4xx` is 400 to 499, `5xx` 500 to 599. */
export type StatusClass = '4xx' | '5xx';

/**
 * One line of a provider's error table: which failures it matches (all given conditions must hold)
 * and what they mean. The first matching line decides; unmatched failures keep the default mapping.
 */
export interface ErrorRule {
  /** The HTTP status, a class of them (`5xx`), or several. Never matches a failure without a status. */
  status?: number | StatusClass | readonly (number | StatusClass)[];
  /** The provider's machine-readable code (`error.code`, `error.type`, `code`, `type`). */
  providerCode?: string | RegExp;
  /** The provider's own words. */
  message?: RegExp;
  code: ErrorCode;
  retryable?: boolean;
  /** Seconds to wait before trying again when the provider says nothing (no `Retry-After`). */
  retryAfterSeconds?: number;
  /** See `GenHubErrorOptions.beforeAcceptance`; by default from the code and status. */
  beforeAcceptance?: boolean;
  /**
   * Facts for the chat layer: `{ param: 'prompt' }` for a bad parameter, `{ reason: 'misconfigured',
   * setting: 'GENHUB_X_BASE_URL' }` for a wrong setting. The provider's words are added as
   * `providerMessage`, which users are shown for content refusals and failed tasks.
   */
  details?: Readonly<Record<string, unknown>>;
}

/** What is known of one failure, to match against rules. */
export interface FailureFacts {
  status?: number;
  providerCode?: string;
  message?: string;
}

/** The first rule that matches the failure, if any. */
export function ruleFor(rules: readonly ErrorRule[], facts: FailureFacts): ErrorRule | undefined {
  return rules.find((rule) => matches(rule, facts));
}

function matches(rule: ErrorRule, { status, providerCode, message }: FailureFacts): boolean {
  if (rule.status !== undefined) {
    const wanted = typeof rule.status === 'object' ? rule.status : [rule.status];
    if (status === undefined || !wanted.some((one) => statusMatches(one, status))) return false;
  }
  if (rule.providerCode !== undefined) {
    if (providerCode === undefined) return false;
    const expected = rule.providerCode;
    if (typeof expected === 'string' ? expected !== providerCode : !expected.test(providerCode)) return false;
  }
  return rule.message === undefined || (message !== undefined && rule.message.test(message));
}

function statusMatches(wanted: number | StatusClass, status: number): boolean {
  if (typeof wanted === 'number') return wanted === status;
  return Math.floor(status / 100) === Number(wanted[0]);
}
