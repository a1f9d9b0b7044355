import { randomBytes } from 'node:crypto';
import type { Logger } from '@genhub/provider';
import type { Redis } from 'ioredis';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { AcquireResult, RateRule } from '../limits/sliding-window-limiter.js';

/**
 * One sliding window in a sorted set of hit times, checked and taken in one step so two processes
 * cannot both take the last slot. Returns {1} when taken, else {0, time of the oldest hit}.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2])}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

/**
 * The same sliding windows as `SlidingWindowLimiter`, kept in Redis for every process. Each key
 * expires with its window, so memory follows the active users.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async acquire(key: string, rule: RateRule, now: number): Promise<AcquireResult> {
    const windowMs = rule.windowSeconds * 1000;
    const redisKey = `${this.prefix}:rate:${key}`;
    const hit = `${now}-${randomBytes(6).toString('hex')}`;
    const [taken, oldest] = (await this.redis.eval(ACQUIRE, 1, redisKey, now, windowMs, rule.max, hit)) as [
      number,
      number,
    ];
    if (taken !== 1) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    return {
      ok: true,
      release: () => {
        this.redis
          .zrem(redisKey, hit)
          .catch((error: unknown) =>
            this.logger.warn('could not give back a rate-limit slot', { key, error: String(error) }),
          );
      },
    };
  }
}
