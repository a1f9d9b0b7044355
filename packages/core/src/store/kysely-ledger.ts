import { GenHubError } from '@genhub/provider';
import { addEntry, credit, debit, listEntries, readBalance, spentSince } from './account-queries.js';
import { allowancesSettled, dailyAllowance, grantDueAllowances } from './allowances.js';
import { budgetDayStart } from './budget-day.js';
import type { Ledger } from './ledger.js';
import { assertAccount, assertMicros } from './money.js';
import type { StoreContext } from './store-context.js';

export const ENTRIES_DEFAULT_LIMIT = 50;
export const ENTRIES_MAX_LIMIT = 1000;

/**
 * The Ledger half of the Kysely store.
 *
 * `grant` credits (positive) or debits (negative, an operator's correction) the available balance and
 * writes one 'grant' entry. A debit may only take what is available, never reserved money: one that
 * does not fit throws INSUFFICIENT_FUNDS (details: reason 'balance', availableMicros, amountMicros)
 * and changes nothing. A grant of 0 or of a fraction is INVALID_INPUT.
 */
export function createKyselyLedger(ctx: StoreContext): Ledger {
  const { db, transact, lock, clock } = ctx;
  return {
    async grant(account, amountMicros, note) {
      assertAccount(account);
      if (!Number.isSafeInteger(amountMicros) || amountMicros === 0) {
        throw new GenHubError('INVALID_INPUT', 'A grant is a whole, non-zero number of micro-dollars.', {
          details: { param: 'amountMicros', value: amountMicros },
        });
      }
      return transact(async (trx) => {
        if (amountMicros > 0) {
          await credit(trx, account, amountMicros);
        } else if (!(await debit(trx, account, -amountMicros))) {
          const { availableMicros } = await readBalance(trx, account);
          throw new GenHubError(
            'INSUFFICIENT_FUNDS',
            `Cannot take ${-amountMicros} micro-dollars from a balance of ${availableMicros}.`,
            { details: { reason: 'balance', account: { ...account }, availableMicros, amountMicros } },
          );
        }
        await addEntry(trx, {
          account,
          kind: 'grant',
          amountMicros,
          jobId: null,
          note: note ?? null,
          createdAt: clock.now(),
        });
        return readBalance(trx, account);
      });
    },

    balance(account) {
      return readBalance(db, account);
    },

    async spentToday(userId, budget, now) {
      return spentSince(db, userId, budgetDayStart(now, budget.resetHourUtc));
    },

    async grantAllowances(request) {
      assertMicros(request.welcomeMicros, 'welcomeMicros');
      assertMicros(request.dailyFreeMicros, 'dailyFreeMicros');
      if (await allowancesSettled(db, request))
        return { welcomeMicros: 0, dailyFreeMicros: 0, expiredMicros: 0 };
      return transact((trx) => grantDueAllowances(trx, request, lock));
    },

    dailyAllowance(userId, now, resetHourUtc) {
      return dailyAllowance(db, userId, now, resetHourUtc);
    },

    entries(account, limit = ENTRIES_DEFAULT_LIMIT) {
      const clamped = Number.isFinite(limit)
        ? Math.min(ENTRIES_MAX_LIMIT, Math.max(1, Math.floor(limit)))
        : ENTRIES_DEFAULT_LIMIT;
      return listEntries(db, account, clamped);
    },
  };
}
