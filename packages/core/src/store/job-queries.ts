import type { Kysely } from 'kysely';
import { type JobRecord, type JobState, TERMINAL_STATES } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import { fromRow, type JobRowPatch, toRow } from './job-row.js';

type Db = Kysely<Database>;

export async function selectJob(db: Db, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

export async function insertJob(db: Db, job: JobRecord): Promise<JobRecord> {
  const row = await db.insertInto('jobs').values(toRow(job)).returningAll().executeTakeFirstOrThrow();
  return fromRow(row);
}

/**
 * Compare-and-set: applies `changes` only while the job is in one of `expected` states, in a single
 * UPDATE, and returns the job as it is now; undefined when it was not in an expected state (or does
 * not exist). Two workers racing on the same job: exactly one gets the row back. Terminal states in
 * `expected` are ignored: a finished job never changes again (and so is never settled twice).
 */
export async function updateJobIf(
  db: Db,
  id: string,
  expected: readonly JobState[],
  changes: JobRowPatch,
): Promise<JobRecord | undefined> {
  const open = expected.filter((state) => !TERMINAL_STATES.has(state));
  if (open.length === 0) return undefined;
  const row = await db
    .updateTable('jobs')
    .set(changes)
    .where('id', '=', id)
    .where('state', 'in', open)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}
