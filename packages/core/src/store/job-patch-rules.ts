import { GenHubError } from '@genhub/provider';
import { JOB_STATES, type JobState, TERMINAL_STATES } from '../jobs/job.js';
import type { JobPatch } from './job-store.js';

/*
 * What a patch may change. The money fields belong to the ledger: `payer` and `reservedMicros` are
 * fixed when the reservation is taken, `chargedMicros` is written by the settlement. A terminal state
 * is only reached through `Store.finishJob`, which settles the reservation in the same transaction;
 * reaching it through a plain update would leave the reservation held forever.
 */

const LEDGER_FIELDS = ['payer', 'reservedMicros', 'chargedMicros'] as const;

function invalid(message: string, param: string): GenHubError {
  return new GenHubError('INVALID_INPUT', message, { details: { param } });
}

function checkCommon(patch: JobPatch): void {
  for (const field of LEDGER_FIELDS) {
    if (patch[field] !== undefined) {
      throw invalid(`A job's ${field} is set by the ledger, not by a patch.`, field);
    }
  }
  if (patch.state !== undefined && !(JOB_STATES as readonly string[]).includes(patch.state)) {
    throw invalid(`There is no job state ${String(patch.state)}.`, 'state');
  }
}

/** For `JobStore.update`: no ledger fields and no terminal state. */
export function assertUpdatePatch(patch: JobPatch): void {
  checkCommon(patch);
  if (patch.state !== undefined && TERMINAL_STATES.has(patch.state)) {
    throw invalid(
      `Use Store.finishJob to move a job to ${patch.state}; it settles the reservation.`,
      'state',
    );
  }
}

/** For `Store.finishJob`: no ledger fields, and a terminal state. */
export function assertFinishPatch(patch: JobPatch): asserts patch is JobPatch & { state: JobState } {
  checkCommon(patch);
  if (patch.state === undefined || !TERMINAL_STATES.has(patch.state)) {
    throw invalid('finishJob needs a patch that sets a terminal state.', 'state');
  }
}
