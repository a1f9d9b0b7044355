import type { AccountRef, JobRecord, JobState } from '../jobs/job.js';
import type { Moderation } from '../moderation/moderation.js';
import type { AllowanceGrant, AllowanceRequest, DailyAllowance } from './allowances.js';
import type { JobPatch, JobStore, JobWriteOptions } from './job-store.js';
import type { RecordStore } from './record-store.js';
import type { Reports } from './reports.js';

export interface Balance {
  account: AccountRef;
  /** Spendable now. */
  availableMicros: number;
  /** Held for jobs in flight. */
  reservedMicros: number;
}

export type LedgerEntryKind = 'grant' | 'reserve' | 'settle' | 'refund';

export interface LedgerEntry {
  id: number;
  account: AccountRef;
  kind: LedgerEntryKind;
  /**
   * Change to the available balance, so an account's entries always sum to its available balance:
   * grant +amount (negative for a debit), reserve -reserved, settle +(reserved - charged) (negative
   * when the cost exceeded the reservation), refund +reserved.
   */
  amountMicros: number;
  jobId: string | null;
  note: string | null;
  createdAt: number;
}

/** A user's daily budget: at most `limitMicros` spent per day, the day starting at `resetHourUtc`. */
export interface DailyBudget {
  limitMicros: number;
  resetHourUtc: number;
}

export interface ReserveRequest {
  job: JobRecord;
  /** Charged against the user's daily budget too, when one is set. */
  dailyBudget?: DailyBudget;
  now: number;
}

/**
 * Credits. Balances never go negative: a reservation that does not fit fails with
 * INSUFFICIENT_FUNDS. Each job is reserved, then settled or refunded, exactly once.
 */
export interface Ledger {
  /**
   * Adds to (or, negative, takes from) the available balance, creating the account as needed. A debit
   * never touches reserved money: one larger than the available balance is INSUFFICIENT_FUNDS.
   */
  grant(account: AccountRef, amountMicros: number, note?: string): Promise<Balance>;
  balance(account: AccountRef): Promise<Balance>;
  /**
   * Spent today (settled plus reserved) by this user, for the daily budget: the charge of each of the
   * user's jobs created since the last reset, or its reservation while unfinished; whoever paid.
   */
  spentToday(userId: string, budget: DailyBudget, now: number): Promise<number>;
  entries(account: AccountRef, limit?: number): Promise<LedgerEntry[]>;
  /**
   * Credits the user's free allowances that are due, as 'grant' entries: the welcome credit once
   * ever, the daily free allowance once per budget day (first taking back what the user's own jobs
   * left unspent of the previous one). However many calls race, each is granted once.
   */
  grantAllowances(request: AllowanceRequest): Promise<AllowanceGrant>;
  /** Today's daily free allowance and what is left of it (zero when none was granted today). */
  dailyAllowance(userId: string, now: number, resetHourUtc: number): Promise<DailyAllowance>;
}

/**
 * The store GenHub runs on: jobs and ledger in one database, so a job and its reservation are written
 * in one transaction.
 */
export interface Store {
  jobs: JobStore;
  ledger: Ledger;
  /** Small records front ends keep beside the jobs (settings, pending confirmations). */
  records: RecordStore;
  /** Read-only views across every user and account, for the operator. */
  reports: Reports;
  /** The audit log and user blocks. */
  moderation: Moderation;
  /**
   * Creates the job and takes its reservation (`job.reservedMicros`) from `job.payer` atomically;
   * throws GenHubError INSUFFICIENT_FUNDS and writes nothing when it does not fit: details
   * { reason: 'balance', availableMicros, priceMicros } or, over the daily budget,
   * { reason: 'daily-budget', limitMicros, spentMicros, priceMicros, resetsAt }. A job id that already
   * exists is INVALID_INPUT (details.reason 'duplicate-job'), so a retried call never reserves twice.
   */
  createJobWithReservation(request: ReserveRequest): Promise<JobRecord>;
  /**
   * Moves a job to a terminal state and settles its reservation in one transaction: charges
   * `chargeMicros` (0 for a refund) and returns the rest of the reservation. When the actual cost is
   * above the reservation, the difference is taken from the balance as far as it goes, never below
   * zero. Returns undefined if the job was not in an expected state, so a job is settled once.
   */
  finishJob(
    id: string,
    expected: readonly JobState[],
    patch: JobPatch,
    chargeMicros: number,
    options?: JobWriteOptions,
  ): Promise<JobRecord | undefined>;
  close(): Promise<void>;
}
