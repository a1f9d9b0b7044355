import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';
import type { JobRecord, JobState } from '../jobs/job.js';
import { addEntry, debit, lockAvailable, release } from './account-queries.js';
import type { Database } from './database-schema.js';
import { updateJobIf } from './job-queries.js';
import { patchToRow } from './job-row.js';
import type { JobPatch } from './job-store.js';
import { runShaped } from './shaped-query.js';

/*
 * Settlement. Ledger sign convention (amounts are changes to the AVAILABLE balance, so for every
 * account the sum of its entries equals its available balance):
 *   grant   +amount (or -amount for an operator's debit)
 *   reserve -reserved                         (available -> reserved)
 *   settle  +(reserved - charged)             (the unused part goes back; negative when the actual
 *                                              cost was above the reservation and the extra was taken)
 *   refund  +reserved                         (charge 0: everything goes back)
 * A job has at most one 'reserve' and at most one of 'settle'/'refund' (unique partial indexes).
 */

function settlementNote(reserved: number, cost: number, charged: number): string {
  if (cost === 0) return `refunded ${reserved}`;
  const note = `reserved ${reserved}, cost ${cost}, charged ${charged}`;
  return charged < cost ? `${note}; ${cost - charged} not covered by the balance` : note;
}

/**
 * The body of `Store.finishJob`, run inside one transaction. First the compare-and-set that claims the
 * job (undefined, and nothing written, if another worker got there first); then the reservation is
 * released, the actual cost taken from the available balance as far as it goes, one settlement entry
 * written, and the job's `chargedMicros` set to what was really taken.
 */
export async function settleInTransaction(
  trx: Kysely<Database>,
  id: string,
  expected: readonly JobState[],
  patch: JobPatch & { state: JobState },
  chargeMicros: number,
  now: number,
  owner?: string,
): Promise<JobRecord | undefined> {
  const claimed = await updateJobIf(
    trx,
    id,
    expected,
    { ...patchToRow(patch), charged_micros: 0, finished_at: patch.finishedAt ?? now, updated_at: now },
    owner,
  );
  if (claimed === undefined) return undefined;

  const { payer, reservedMicros: reserved } = claimed;
  // Either way the account row is now locked to the end, so the charge below fits what was read.
  const available = reserved > 0 ? await release(trx, payer, reserved) : await lockAvailable(trx, payer);
  if (available === undefined && reserved > 0) {
    throw new GenHubError(
      'INTERNAL',
      `Job ${id} holds a reservation on a ${payer.kind} account that is missing.`,
    );
  }
  const charged = Math.min(chargeMicros, available ?? 0);
  if (charged > 0 && !(await debit(trx, payer, charged))) {
    throw new GenHubError('INTERNAL', `Could not charge job ${id}.`);
  }
  if (available !== undefined && (reserved > 0 || chargeMicros > 0)) {
    await addEntry(trx, {
      account: payer,
      kind: chargeMicros === 0 ? 'refund' : 'settle',
      amountMicros: reserved - charged,
      jobId: id,
      note: settlementNote(reserved, chargeMicros, charged),
      createdAt: now,
    });
  }
  if (charged !== 0) {
    await runShaped(trx, 'set charged', [charged, id], ([charged, id]) =>
      trx
        .updateTable('jobs')
        .set({ charged_micros: charged as number })
        .where('id', '=', id as string),
    );
  }
  // The claimed row is the job as it is now, but for what was really charged.
  return { ...claimed, chargedMicros: charged };
}
