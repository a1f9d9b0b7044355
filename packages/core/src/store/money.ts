import { GenHubError } from '@genhub/provider';
import type { AccountRef } from '../jobs/job.js';

/** Throws INVALID_INPUT unless `value` is a whole number of micro-dollars, at least `min`. */
export function assertMicros(value: number, param: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new GenHubError(
      'INVALID_INPUT',
      `${param} must be a whole number of micro-dollars of at least ${min}.`,
      {
        details: { param, value },
      },
    );
  }
}

/** Throws INVALID_INPUT unless the account reference is well formed. */
export function assertAccount(account: AccountRef): void {
  if (
    (account.kind !== 'user' && account.kind !== 'community') ||
    typeof account.id !== 'string' ||
    !account.id
  ) {
    throw new GenHubError('INVALID_INPUT', 'An account is a user or a community with an id.', {
      details: { param: 'account' },
    });
  }
}

/** The balance did not cover an amount; nothing was written. */
export function insufficientBalance(
  account: AccountRef,
  availableMicros: number,
  priceMicros: number,
): GenHubError {
  return new GenHubError(
    'INSUFFICIENT_FUNDS',
    `The ${account.kind} balance (${availableMicros} micro-dollars) does not cover ${priceMicros}.`,
    { details: { reason: 'balance', account: { ...account }, availableMicros, priceMicros } },
  );
}
