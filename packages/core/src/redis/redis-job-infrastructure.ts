import type { Logger } from '@genhub/provider';
import { JobEvents } from '../pipeline/job-events.js';
import { BullJobQueue } from './bullmq-job-queue.js';
import type { JobInfrastructure } from './job-infrastructure.js';
import { RedisAdmissionLock } from './redis-admission-lock.js';
import type { RedisConfig } from './redis-config.js';
import { closeRedis, connectRedis } from './redis-connection.js';
import { RedisJobEventTransport } from './redis-job-event-transport.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

/** The queue on BullMQ, events on a Redis stream, limits and the admission lock in Redis. */
export function createRedisJobInfrastructure(
  redis: RedisConfig & { url: string },
  concurrency: number,
  logger: Logger,
): JobInfrastructure {
  const { url, prefix, lockSeconds } = redis;
  const log = logger.child({ component: 'redis' });
  const commands = connectRedis(url, 'limits');
  const events = new JobEvents(new RedisJobEventTransport(url, prefix, log));
  return {
    queue: new BullJobQueue({ url, prefix, concurrency, lockSeconds, logger: log }),
    events,
    rateLimiter: new RedisRateLimiter(commands, prefix, log),
    admissionLock: new RedisAdmissionLock(commands, prefix),
    async close() {
      await events.close();
      await closeRedis(commands);
    },
  };
}
