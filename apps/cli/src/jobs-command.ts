import { formatUsd } from '@genhub/chat';
import { currentModel, type JobRecord, maybeBilledTask, TERMINAL_STATES } from '@genhub/core';
import { parseCommandLine, wholeNumberOption } from './command-line.js';
import { newestJobs } from './newest-jobs.js';
import { openStoreOnly } from './open-store-only.js';
import { textTable, utcTime } from './text-table.js';
import { UsageError } from './usage-error.js';

/** `genhub jobs [--limit N] [--user U]`: the newest jobs, one line each, of everyone or of one user. */
export async function jobs(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    limit: { type: 'string' },
    user: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new UsageError(`genhub jobs takes no argument "${positionals[0]}"; use --user.`);
  const limit = wholeNumberOption('limit', values.limit, 20, 1, 1000);
  const userId = values.user;
  const genhub = await openStoreOnly();
  try {
    const list = await newestJobs(genhub.generation, { ...(userId === undefined ? {} : { userId }), limit });
    if (list.length === 0) {
      console.log(userId === undefined ? 'No jobs yet.' : `No jobs of ${userId} yet.`);
      return 0;
    }
    const header = [
      'id',
      'created (UTC)',
      ...(userId === undefined ? ['user'] : []),
      'task',
      'model',
      'state',
      'cost',
    ];
    const rows = list.map((job) => [
      job.id,
      utcTime(job.createdAt),
      ...(userId === undefined ? [job.userId] : []),
      job.task,
      currentModel(job),
      maybeBilledTask(job) ? `${job.state} (provider may have billed)` : job.state,
      jobCost(job),
    ]);
    for (const line of textTable([header, ...rows])) console.log(line);
    return 0;
  } finally {
    await genhub.close();
  }
}

/** What a job cost, or what is held for it while it runs. */
export function jobCost(job: JobRecord): string {
  if (job.chargedMicros !== null) return formatUsd({ micros: job.chargedMicros });
  if (!TERMINAL_STATES.has(job.state)) return `${formatUsd({ micros: job.reservedMicros })} held`;
  return formatUsd(0);
}
