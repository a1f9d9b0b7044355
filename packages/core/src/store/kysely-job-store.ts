import { ACTIVE_STATES, type JobState } from '../jobs/job.js';
import { assertUpdatePatch } from './job-patch-rules.js';
import { claimJob, selectJob, updateJobIf } from './job-queries.js';
import { fromRow, patchToRow } from './job-row.js';
import type { JobStore } from './job-store.js';
import { runShaped } from './shaped-query.js';
import type { StoreContext } from './store-context.js';
import { queryUsage } from './usage-query.js';

/** The JobStore half of the Kysely store. */
export function createKyselyJobStore(ctx: StoreContext): JobStore {
  const { db, transact, clock } = ctx;
  return {
    get: (id) => selectJob(db, id),

    async update(id, expected, patch, options) {
      assertUpdatePatch(patch);
      if (expected.length === 0) return undefined;
      return transact((trx) =>
        updateJobIf(trx, id, expected, { ...patchToRow(patch), updated_at: clock.now() }, options?.owner),
      );
    },

    async claim(id, token) {
      return (await transact((trx) => claimJob(trx, id, token))) ?? selectJob(db, id);
    },

    async listByState(states) {
      if (states.length === 0) return [];
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('state', 'in', states)
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(fromRow);
    },

    async findByRemoteTask(taskId) {
      const rows = await db.selectFrom('jobs').selectAll().where('remote_task_id', '=', taskId).execute();
      return rows.map(fromRow);
    },

    async countActive(userId) {
      const [row] = await runShaped(db, 'count active', [userId, ...ACTIVE_STATES], ([userId, ...states]) =>
        db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
          .where('user_id', '=', userId as string)
          .where('state', 'in', states as JobState[]),
      );
      return Number(row?.n ?? 0);
    },

    usage: (query) => queryUsage(db, query),
  };
}
