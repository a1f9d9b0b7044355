import type { Kysely } from 'kysely';
import type { JobRecord } from '../jobs/job.js';
import type { Database } from './database-schema.js';
import { fromRow } from './job-row.js';
import type { Page, UsageQuery } from './job-store.js';
import { decodeUsageCursor, encodeUsageCursor } from './usage-cursor.js';

/** The jobs query `queryUsage` pages through; callers may narrow it further. */
export type JobsSelect = ReturnType<typeof selectJobs>;
const selectJobs = (db: Kysely<Database>) => db.selectFrom('jobs').selectAll();

export const USAGE_DEFAULT_LIMIT = 10;
export const USAGE_MAX_LIMIT = 100;

/** Whole numbers from 1 to 100; anything else falls back to the default or is clamped. */
export function usageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return USAGE_DEFAULT_LIMIT;
  return Math.min(USAGE_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Jobs newest first, by (created_at, id) descending. Keyset pagination: the cursor holds the last
 * (created_at, id) seen, so pages stay stable while new jobs arrive (they sort before the cursor).
 */
export async function queryUsage(
  db: Kysely<Database>,
  query: UsageQuery,
  narrow: (select: JobsSelect) => JobsSelect = (select) => select,
): Promise<Page<JobRecord>> {
  const limit = usageLimit(query.limit);
  const after = query.cursor ? decodeUsageCursor(query.cursor) : undefined;
  let select = selectJobs(db);
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.communityId !== undefined) select = select.where('community_id', '=', query.communityId);
  if (query.task !== undefined) select = select.where('task', '=', query.task);
  select = narrow(select);
  if (after !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(fromRow);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeUsageCursor({ createdAt: last.createdAt, id: last.id })
      : null;
  return { items, nextCursor };
}
