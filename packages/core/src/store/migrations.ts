import { GenHubError } from '@genhub/provider';
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  SqliteAdapter,
  sql,
} from 'kysely';
import type { Database } from './database-schema.js';

/*
 * Schema changes, in order. Only the Kysely schema builder and SQL that both SQLite and PostgreSQL
 * accept: TEXT, INTEGER and BIGINT columns, CHECK constraints, composite keys, partial unique indexes.
 * Amounts are integer micro-dollars and instants are epoch milliseconds, both BIGINT; JSON is TEXT.
 * Never edit a migration that has shipped: add the next one.
 */

const JOB_STATES_SQL = sql`state in ('queued', 'submitting', 'running', 'downloading', 'succeeded', 'failed', 'cancelled', 'timed_out')`;

/** An append-only table's id: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, or a BIGINT identity elsewhere. */
function createTableWithSerialId(db: Kysely<unknown>, name: string) {
  const table = db.schema.createTable(name);
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity());
}

const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('community_id', 'text')
      .addColumn('payer_kind', 'text', (col) => col.notNull())
      .addColumn('payer_id', 'text', (col) => col.notNull())
      .addColumn('requested_model', 'text', (col) => col.notNull())
      .addColumn('route', 'text', (col) => col.notNull())
      .addColumn('route_index', 'integer', (col) => col.notNull())
      .addColumn('task', 'text', (col) => col.notNull())
      .addColumn('params', 'text', (col) => col.notNull())
      .addColumn('warnings', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('idempotency_key', 'text', (col) => col.notNull())
      .addColumn('remote_ref', 'text')
      .addColumn('progress', 'text')
      .addColumn('reserved_micros', 'bigint', (col) => col.notNull())
      .addColumn('charged_micros', 'bigint')
      .addColumn('outputs', 'text', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('origin', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('submitted_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('deadline_at', 'bigint', (col) => col.notNull())
      .addCheckConstraint('jobs_state_check', JOB_STATES_SQL)
      .addCheckConstraint('jobs_payer_kind_check', sql`payer_kind in ('user', 'community')`)
      .addCheckConstraint('jobs_reserved_check', sql`reserved_micros >= 0`)
      .addCheckConstraint('jobs_charged_check', sql`charged_micros is null or charged_micros >= 0`)
      .execute();
    // Each listing sorts by (created_at, id), so the index carries both.
    await db.schema
      .createIndex('jobs_user_created_idx')
      .on('jobs')
      .columns(['user_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('jobs_state_created_idx')
      .on('jobs')
      .columns(['state', 'created_at'])
      .execute();
    await db.schema
      .createIndex('jobs_community_created_idx')
      .on('jobs')
      .columns(['community_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('jobs_task_created_idx')
      .on('jobs')
      .columns(['task', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('jobs_created_idx').on('jobs').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('accounts')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('available_micros', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('reserved_micros', 'bigint', (col) => col.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('accounts_pk', ['kind', 'id'])
      .addCheckConstraint('accounts_kind_check', sql`kind in ('user', 'community')`)
      .addCheckConstraint('accounts_available_check', sql`available_micros >= 0`)
      .addCheckConstraint('accounts_reserved_check', sql`reserved_micros >= 0`)
      .execute();

    await createTableWithSerialId(db, 'ledger_entries')
      .addColumn('account_kind', 'text', (col) => col.notNull())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('amount_micros', 'bigint', (col) => col.notNull())
      .addColumn('job_id', 'text', (col) => col.references('jobs.id'))
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addForeignKeyConstraint('ledger_entries_account_fk', ['account_kind', 'account_id'], 'accounts', [
        'kind',
        'id',
      ])
      .addCheckConstraint('ledger_entries_kind_check', sql`kind in ('grant', 'reserve', 'settle', 'refund')`)
      .addCheckConstraint('ledger_entries_job_check', sql`kind = 'grant' or job_id is not null`)
      .execute();
    await db.schema
      .createIndex('ledger_entries_account_idx')
      .on('ledger_entries')
      .columns(['account_kind', 'account_id', 'id'])
      .execute();
    // A job is reserved at most once, and released (settled or refunded) at most once.
    await db.schema
      .createIndex('ledger_entries_job_reserve_uq')
      .on('ledger_entries')
      .column('job_id')
      .unique()
      .where(sql<boolean>`kind = 'reserve'`)
      .execute();
    await db.schema
      .createIndex('ledger_entries_job_release_uq')
      .on('ledger_entries')
      .column('job_id')
      .unique()
      .where(sql<boolean>`kind in ('settle', 'refund')`)
      .execute();
  },
};

/** Counting a user's jobs in flight must not read their whole history. */
const activeJobsIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('jobs_user_state_idx').on('jobs').columns(['user_id', 'state']).execute();
  },
};

/** Small records the front ends keep (settings, pending confirmations), by namespace and key. */
const records: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('records')
      .addColumn('namespace', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('value_json', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('records_pk', ['namespace', 'key'])
      .execute();
  },
};

/**
 * The remote task's id in a column of its own, so a submit whose answer was lost can tell which of
 * the provider's tasks already belong to other jobs. Filled for existing rows from `remote_ref`.
 */
const remoteTaskId: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('remote_task_id', 'text').execute();
    // In code, not SQL: JSON functions differ between SQLite and PostgreSQL.
    const typed = db as Kysely<{
      jobs: { id: string; remote_ref: string | null; remote_task_id: string | null };
    }>;
    const rows = await typed
      .selectFrom('jobs')
      .select(['id', 'remote_ref'])
      .where('remote_ref', 'is not', null)
      .execute();
    for (const row of rows) {
      const id = (JSON.parse(row.remote_ref ?? 'null') as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') continue;
      await typed.updateTable('jobs').set({ remote_task_id: id }).where('id', '=', row.id).execute();
    }
    await db.schema.createIndex('jobs_remote_task_idx').on('jobs').column('remote_task_id').execute();
  },
};

/** Expired records (claims among them, one per chat update) are swept on every write. */
const recordsExpiryIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('records_expires_idx').on('records').column('expires_at').execute();
  },
};

/** The audit log of moderation actions, and users blocked per community or everywhere. */
const moderation: Migration = {
  async up(db: Kysely<unknown>) {
    await createTableWithSerialId(db, 'audit_log')
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('community', 'text')
      .addColumn('target', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('audit_log_community_idx')
      .on('audit_log')
      .columns(['community', 'id'])
      .execute();
    await db.schema
      .createTable('user_blocks')
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('user_blocks_pk', ['user_id', 'scope'])
      .execute();
  },
};

/** Which run of a job may write it, so a run taken over from a stalled worker is fenced off. */
const jobRunToken: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('run_token', 'text').execute();
  },
};

/** Every migration by name; Kysely applies them in name order and records each in `kysely_migration`. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_active_jobs_index': activeJobsIndex,
  '0003_records': records,
  '0004_remote_task_id': remoteTaskId,
  '0005_records_expiry_index': recordsExpiryIndex,
  '0006_moderation': moderation,
  '0007_job_run_token': jobRunToken,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

export interface MigratorOptions {
  /**
   * The PostgreSQL schema holding Kysely's migration tables; give it when the store lives outside
   * `public`, since Kysely would otherwise take another schema's migration table for its own.
   */
  migrationTableSchema?: string;
}

export function createMigrator(db: Kysely<Database>, options: MigratorOptions = {}): Migrator {
  return new Migrator({
    db,
    provider,
    ...(options.migrationTableSchema === undefined
      ? {}
      : { migrationTableSchema: options.migrationTableSchema }),
  });
}

/** Brings the schema up to date; safe to call on every start. Throws GenHubError INTERNAL on failure. */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: MigratorOptions = {},
): Promise<MigrationResultSet> {
  const result = await createMigrator(db, options).migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const message =
      failed === undefined ? 'Database migration failed.' : `Database migration ${failed} failed.`;
    throw new GenHubError('INTERNAL', message, {
      cause: result.error,
      details: failed === undefined ? {} : { migration: failed },
    });
  }
  return result;
}
