import type { Kysely } from 'kysely';
import { ACTIVE_STATES, type JobRecord, type JobState, TERMINAL_STATES } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import { fromRow, type JobRow, type JobRowPatch, type NewJobRow, toRow } from './job-row.js';
import { runShaped } from './shaped-query.js';

type Db = Kysely<Database>;

export async function selectJob(db: Db, id: string): Promise<JobRecord | undefined> {
  const [row] = await runShaped(db, 'select job', [id], ([id]) =>
    db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id as string),
  );
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Inserts the job unless one with its id exists; undefined (and nothing written) if one does. The
 * primary key decides, not a read, so of two concurrent inserts of one id exactly one adds a row
 * (on PostgreSQL the second waits for the first to commit or roll back).
 */
export async function insertNewJob(db: Db, job: JobRecord): Promise<JobRecord | undefined> {
  const row = toRow(job);
  const columns = (Object.keys(row) as Array<keyof NewJobRow>).filter((column) => row[column] !== undefined);
  const [inserted] = await runShaped(
    db,
    `insert new job ${columns.join()}`,
    columns.map((column) => row[column]),
    (values) =>
      db
        .insertInto('jobs')
        .values(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as NewJobRow)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returningAll(),
  );
  return inserted === undefined ? undefined : fromRow(inserted);
}

/**
 * Compare-and-set: applies `changes` only while the job is in one of `expected` states (and, given
 * `owner`, still belongs to that run), in a single UPDATE, and returns the job as it is now; undefined
 * when it was not (or does not exist). Two workers racing on the same job: exactly one gets the row
 * back. Terminal states in `expected` are ignored: a finished job never changes again (and so is never
 * settled twice).
 */
export async function updateJobIf(
  db: Db,
  id: string,
  expected: readonly JobState[],
  changes: JobRowPatch,
  owner?: string,
): Promise<JobRecord | undefined> {
  const open = expected.filter((state) => !TERMINAL_STATES.has(state));
  if (open.length === 0) return undefined;
  const columns = (Object.keys(changes) as Array<keyof JobRowPatch>).filter(
    (column) => changes[column] !== undefined,
  );
  const owned = owner === undefined ? [] : [owner];
  const [row] = await runShaped<JobRow>(
    db,
    `update job ${columns.join()} if ${open.length}${owner === undefined ? '' : ' owned'}`,
    [id, ...owned, ...columns.map((column) => changes[column]), ...open],
    ([id, ...rest]) => {
      const runToken = rest[0];
      const values = rest.slice(owned.length);
      let update = db
        .updateTable('jobs')
        .set(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as JobRowPatch)
        .where('id', '=', id as string)
        .where('state', 'in', values.slice(columns.length) as JobState[]);
      if (owned.length > 0) update = update.where('run_token', '=', runToken as string);
      return update.returningAll();
    },
  );
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Makes `token` the run allowed to write an unfinished job (see `updateJobIf`'s `owner`), fencing off
 * whichever run held it; undefined, and nothing written, when the job is finished or missing.
 */
export async function claimJob(db: Db, id: string, token: string): Promise<JobRecord | undefined> {
  const [row] = await runShaped<JobRow>(
    db,
    'claim job',
    [token, id, ...ACTIVE_STATES],
    ([token, id, ...states]) =>
      db
        .updateTable('jobs')
        .set({ run_token: token as string })
        .where('id', '=', id as string)
        .where('state', 'in', states as JobState[])
        .returningAll(),
  );
  return row === undefined ? undefined : fromRow(row);
}
