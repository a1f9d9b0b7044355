import type { Task } from '@genhub/provider';
import type { JobRecord, JobState } from '../jobs/job.js';
import type { Page } from './job-store.js';
import type { Balance, LedgerEntry } from './ledger.js';

/** Which jobs an operator wants to see; every field narrows the listing. */
export interface JobFilter {
  userId?: string;
  communityId?: string;
  task?: Task;
  /** A provider id: jobs whose requested model is `<provider>/...`. */
  provider?: string;
  state?: JobState;
  /** Newest first; pass `nextCursor` back for the next page. */
  cursor?: string | null;
  limit?: number;
}

/** Money spent in one UTC day on one (task, model, community): charged, or held while in flight. */
export interface SpendRow {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  task: string;
  model: string;
  communityId: string | null;
  micros: number;
}

/**
 * Read-only views across users for the operator (the dashboard): the Ledger and JobStore answer
 * about one account or one user, these about the whole installation.
 */
export interface Reports {
  /** Jobs in any state, newest first (by createdAt, then id). */
  jobs(filter: JobFilter): Promise<Page<JobRecord>>;
  /**
   * Spend per UTC day from `since` (epoch ms) on, from the ledger: for each job, what its entries
   * took from its payer (reserved, minus what settling or refunding gave back).
   */
  spendByDay(since: number): Promise<SpendRow[]>;
  /** Accounts with money available or held, the largest available first. */
  balances(limit?: number): Promise<Balance[]>;
  /** Every ledger entry about one job, oldest first. */
  jobEntries(jobId: string): Promise<LedgerEntry[]>;
}
