// `@genhub/core/redis`: the parts that run on Redis, apart from the main entry so that the embedded
// default never loads Redis's clients. `createGenHub` picks them by `redis.url`.
export { BullJobQueue, type BullJobQueueOptions } from './redis/bullmq-job-queue.js';
export { checkRedis, MINIMUM_REDIS_VERSION, type RedisCheck } from './redis/check-redis.js';
export { DefaultAdmissionLockOptions, RedisAdmissionLock } from './redis/redis-admission-lock.js';
export { closeRedis, connectRedis } from './redis/redis-connection.js';
export { RedisJobEventTransport } from './redis/redis-job-event-transport.js';
export { createRedisJobInfrastructure } from './redis/redis-job-infrastructure.js';
export { RedisRateLimiter } from './redis/redis-rate-limiter.js';
