import type { GenerationService, JobRecord } from '@genhub/core';

export interface NewestJobsQuery {
  userId?: string;
  /** At most this many. */
  limit?: number;
  /** Only jobs created at or after this instant (epoch ms). */
  since?: number;
}

/** Jobs newest first, across as many usage pages as it takes. */
export async function newestJobs(
  generation: Pick<GenerationService, 'usage'>,
  query: NewestJobsQuery,
): Promise<JobRecord[]> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const jobs: JobRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await generation.usage({
      ...(query.userId === undefined ? {} : { userId: query.userId }),
      cursor,
      limit: 100,
    });
    for (const job of page.items) {
      if (jobs.length >= limit || (query.since !== undefined && job.createdAt < query.since)) return jobs;
      jobs.push(job);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return jobs;
}
