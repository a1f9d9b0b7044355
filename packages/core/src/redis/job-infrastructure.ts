import type { Logger } from '@genhub/provider';
import { ConfigError } from '@genhub/provider';
import type { GenHubConfig } from '../config/config-schema.js';
import type { AdmissionLock, RateLimiter } from '../limits/rate-limiter.js';
import { JobEvents } from '../pipeline/job-events.js';
import { InProcessJobQueue, type JobQueue } from '../pipeline/job-queue.js';

/**
 * Where jobs wait, how their events travel, and where limits are kept: all in this process (the
 * default), or on Redis, shared by every process, when `redis.url` is set.
 */
export interface JobInfrastructure {
  queue: JobQueue;
  events: JobEvents;
  /** Absent: the pipeline's in-process defaults. */
  rateLimiter?: RateLimiter;
  admissionLock?: AdmissionLock;
  /** Closes what `queue.stop()` does not: the events' transport and the limits' connection. */
  close(): Promise<void>;
}

/** Refuses a `bot` or `worker` role without Redis: no other process could share its jobs. */
export function assertRoleCanRun(config: Pick<GenHubConfig, 'role' | 'redis'>): void {
  if (config.role === 'all' || config.redis.url) return;
  throw new ConfigError([
    {
      key: 'role',
      env: 'GENHUB_ROLE',
      message: `the ${config.role} role shares jobs through Redis: set GENHUB_REDIS_URL, or use the role "all"`,
    },
  ]);
}

/** Builds the job infrastructure; Redis's clients are loaded only when `redis.url` is set. */
export async function createJobInfrastructure(
  config: Pick<GenHubConfig, 'role' | 'redis' | 'jobs'>,
  logger: Logger,
): Promise<JobInfrastructure> {
  assertRoleCanRun(config);
  const { url } = config.redis;
  if (!url) {
    return {
      queue: new InProcessJobQueue(config.jobs.concurrency),
      events: new JobEvents(),
      close: async () => {},
    };
  }
  const { createRedisJobInfrastructure } = await import('./redis-job-infrastructure.js');
  return createRedisJobInfrastructure({ ...config.redis, url }, config.jobs.concurrency, logger);
}
