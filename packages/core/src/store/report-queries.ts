import { type Kysely, sql } from 'kysely';
import type { JobRecord } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import type { Page } from './job-store.js';
import type { Balance, LedgerEntry } from './ledger.js';
import type { JobFilter, Reports, SpendRow } from './reports.js';
import { queryUsage } from './usage-query.js';

type Db = Kysely<Database>;

const DAY_MS = 86_400_000;
const BALANCES_DEFAULT_LIMIT = 100;
const BALANCES_MAX_LIMIT = 1000;

/** The operator's reports on any Kysely database of `migrations.ts`; portable SQL only. */
export function createReports(db: Db): Reports {
  return {
    jobs: (filter) => queryJobs(db, filter),
    spendByDay: (since) => querySpendByDay(db, since),
    balances: (limit) => queryBalances(db, limit),
    jobEntries: (jobId) => queryJobEntries(db, jobId),
  };
}

/** `queryUsage`'s filters and keyset pages, narrowed by provider and state. */
function queryJobs(db: Db, filter: JobFilter): Promise<Page<JobRecord>> {
  return queryUsage(db, filter, (select) => {
    let narrowed = select;
    if (filter.state !== undefined) narrowed = narrowed.where('state', '=', filter.state);
    if (filter.provider !== undefined) {
      // Model ids are `<provider>/<model>`; a provider id holds no LIKE wildcard worth escaping.
      const prefix = `${filter.provider.replace(/[%_\\]/g, '')}/`;
      narrowed = narrowed.where(sql<string>`substr(requested_model, 1, ${prefix.length})`, '=', prefix);
    }
    return narrowed;
  });
}

async function querySpendByDay(db: Db, since: number): Promise<SpendRow[]> {
  // Integer division of two BIGINTs is integer division in both SQLite and PostgreSQL.
  const day = sql<number | string | bigint>`ledger_entries.created_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('ledger_entries')
    .innerJoin('jobs', 'jobs.id', 'ledger_entries.job_id')
    .select((eb) => [
      day.as('day'),
      'jobs.task as task',
      'jobs.requested_model as model',
      'jobs.community_id as community_id',
      eb.fn.sum<number | string | bigint>('ledger_entries.amount_micros').as('amount'),
    ])
    .where('ledger_entries.created_at', '>=', since)
    .where('ledger_entries.kind', 'in', ['reserve', 'settle', 'refund'])
    .groupBy([day, 'jobs.task', 'jobs.requested_model', 'jobs.community_id'])
    .orderBy(day)
    .execute();
  return rows
    .map((row) => ({
      day: new Date(Number(row.day) * DAY_MS).toISOString().slice(0, 10),
      task: row.task,
      model: row.model,
      communityId: row.community_id,
      micros: -Number(row.amount),
    }))
    .filter((row) => row.micros !== 0);
}

async function queryBalances(db: Db, limit = BALANCES_DEFAULT_LIMIT): Promise<Balance[]> {
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('available_micros', '>', 0), eb('reserved_micros', '>', 0)]))
    .orderBy('available_micros', 'desc')
    .orderBy('kind')
    .orderBy('id')
    .limit(Math.min(BALANCES_MAX_LIMIT, Math.max(1, Math.floor(limit))))
    .execute();
  return rows.map((row) => ({
    account: { kind: row.kind, id: row.id },
    availableMicros: Number(row.available_micros),
    reservedMicros: Number(row.reserved_micros),
  }));
}

async function queryJobEntries(db: Db, jobId: string): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    account: { kind: row.account_kind, id: row.account_id },
    kind: row.kind,
    amountMicros: Number(row.amount_micros),
    jobId: row.job_id,
    note: row.note,
    createdAt: Number(row.created_at),
  }));
}
