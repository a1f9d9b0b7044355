import type { ColumnType, GeneratedAlways } from 'kysely';
import type { JobState } from '../jobs/job.js';
import type { LedgerEntryKind } from './ledger.js';

/**
 * A BIGINT column: integer micro-dollars or an instant in epoch milliseconds. SQLite hands these back
 * as numbers; PostgreSQL's `pg` hands int8 back as a string unless told otherwise, so reads go through
 * `Number()` (see `job-row.ts`). Writes are always plain safe integers.
 */
export type Int8 = ColumnType<number | string | bigint, number, number>;
export type NullableInt8 = ColumnType<number | string | bigint | null, number | null, number | null>;

/** One row per job. JSON-shaped fields are TEXT holding JSON written by `job-row.ts`. */
export interface JobsTable {
  id: string;
  user_id: string;
  community_id: string | null;
  payer_kind: 'user' | 'community';
  payer_id: string;
  requested_model: string;
  /** JSON: string[]. */
  route: string;
  route_index: number;
  task: string;
  /** JSON object. */
  params: string;
  /** JSON: Warning[]. */
  warnings: string;
  state: JobState;
  idempotency_key: string;
  /** JSON: TaskRef, or NULL. */
  remote_ref: string | null;
  /** The remote task's id (`remote_ref.id`), indexed, to find the job that owns a task. */
  remote_task_id: string | null;
  /** JSON: Progress, or NULL. */
  progress: string | null;
  reserved_micros: Int8;
  charged_micros: NullableInt8;
  /** JSON: ArtifactRecord[]. */
  outputs: string;
  /** JSON: SerializedGenHubError, or NULL. */
  error: string | null;
  /** JSON object. */
  origin: string;
  created_at: Int8;
  updated_at: Int8;
  submitted_at: NullableInt8;
  finished_at: NullableInt8;
  deadline_at: Int8;
  /**
   * The run allowed to write the job, with a queue shared by processes: a run whose job was taken over
   * (its worker stalled) is fenced off. NULL for jobs driven where they were requested.
   */
  run_token: string | null;
}

/** A balance: what can be spent now and what is held for jobs in flight. Both never negative. */
export interface AccountsTable {
  kind: 'user' | 'community';
  id: string;
  available_micros: Int8;
  reserved_micros: Int8;
}

/** The append-only ledger. For every account, the sum of `amount_micros` equals `available_micros`. */
export interface LedgerEntriesTable {
  id: GeneratedAlways<number | string | bigint>;
  account_kind: 'user' | 'community';
  account_id: string;
  kind: LedgerEntryKind;
  amount_micros: Int8;
  job_id: string | null;
  note: string | null;
  created_at: Int8;
}

/** One record of `RecordStore`. */
export interface RecordsTable {
  namespace: string;
  key: string;
  value_json: string;
  /** Epoch milliseconds after which the record reads as absent; null for never. */
  expires_at: Int8 | null;
  updated_at: Int8;
}

/** The audit log: append-only, newest has the highest id. */
export interface AuditLogTable {
  id: GeneratedAlways<number | string | bigint>;
  at: Int8;
  actor: string;
  action: string;
  community: string | null;
  target: string | null;
  detail: string | null;
}

/** A user blocked from generating in one community, or everywhere (`scope` ''). */
export interface UserBlocksTable {
  user_id: string;
  /** The community id, or '' for the whole installation. */
  scope: string;
  actor: string;
  reason: string | null;
  created_at: Int8;
}

/** Kysely's own bookkeeping table: one row per applied migration. */
export interface KyselyMigrationTable {
  name: string;
  /** ISO 8601 time the migration ran. */
  timestamp: string;
}

/** Kysely's migration lock (a single row; used as a lock on PostgreSQL, a no-op on SQLite). */
export interface KyselyMigrationLockTable {
  id: string;
  is_locked: number;
}

/** The whole database as Kysely sees it. */
export interface Database {
  jobs: JobsTable;
  accounts: AccountsTable;
  ledger_entries: LedgerEntriesTable;
  records: RecordsTable;
  audit_log: AuditLogTable;
  user_blocks: UserBlocksTable;
  kysely_migration: KyselyMigrationTable;
  kysely_migration_lock: KyselyMigrationLockTable;
}
