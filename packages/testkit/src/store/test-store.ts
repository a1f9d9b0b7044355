import { afterEach, describe } from 'vitest';
import { allowanceCases } from './allowance-cases.js';
import { crossProcessCases } from './cross-process-cases.js';
import { finishJobCases } from './finish-job-cases.js';
import { jobStoreCases } from './job-store-cases.js';
import { ledgerCases } from './ledger-cases.js';
import { ledgerInvariantCases } from './ledger-invariant-cases.js';
import { migrationCases } from './migration-cases.js';
import { moderationCases } from './moderation-cases.js';
import { recordStoreCases } from './record-store-cases.js';
import { reportCases } from './report-cases.js';
import { reservationCases } from './reservation-cases.js';
import type { StoreHarness } from './store-harness.js';

/** Groups of the suite, for running some of them (`only`) in a test file of their own. */
export type StoreCaseGroup =
  | 'jobs'
  | 'ledger'
  | 'reservation'
  | 'finishJob'
  | 'records'
  | 'migrations'
  | 'invariants'
  | 'processes'
  | 'allowances'
  | 'moderation'
  | 'reports';

export interface TestStoreOptions {
  /** Only these groups (all when not given). */
  only?: readonly StoreCaseGroup[];
  /** Random operation sequences the ledger invariants are checked on; 100 unless given. */
  propertyRuns?: number;
}

const GROUPS: Record<StoreCaseGroup, (harness: StoreHarness, options: TestStoreOptions) => void> = {
  jobs: jobStoreCases,
  ledger: ledgerCases,
  reservation: reservationCases,
  finishJob: finishJobCases,
  records: recordStoreCases,
  migrations: migrationCases,
  invariants: (harness, options) => ledgerInvariantCases(harness, options.propertyRuns ?? 100),
  processes: crossProcessCases,
  allowances: allowanceCases,
  moderation: moderationCases,
  reports: reportCases,
};

/**
 * The store conformance suite, like unstorage's driver tests: one set of cases (jobs, ledger,
 * reservations, settlement, records, migrations, money invariants, two OS processes spending from one
 * balance, free allowances, the audit log and blocks, the operator's reports) run against any `Store` through a harness. Call it at the top level of a test file.
 */
export function testStore(harness: StoreHarness, options: TestStoreOptions = {}): void {
  describe(`Store on ${harness.name}`, () => {
    // Each test's databases go at its end: PostgreSQL's catalog (which every migration reads) stays small.
    afterEach(() => harness.cleanup(), 180_000);
    for (const [group, cases] of Object.entries(GROUPS) as [
      StoreCaseGroup,
      (typeof GROUPS)[StoreCaseGroup],
    ][]) {
      if (options.only === undefined || options.only.includes(group)) cases(harness, options);
    }
  });
}
