import { randomBytes } from 'node:crypto';
import { GenHubError } from '@genhub/provider';
import type { Redis } from 'ioredis';
import type { AdmissionLock } from '../limits/rate-limiter.js';

/** Deletes the lock only if it is still ours (it may have expired and been taken by another). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export const DefaultAdmissionLockOptions = {
  /** A lock outlives a process that died holding it by this long at most. */
  ttlMs: 30_000,
  /** How long a request waits for the lock before it is refused. */
  waitMs: 15_000,
} as const;

/**
 * One admission per key at a time across every process: a Redis key set only if absent, with an
 * expiry, released only by its holder (the single-instance lock of Redis's documentation). Admission
 * is short (a count and an insert), far below the expiry.
 */
export class RedisAdmissionLock implements AdmissionLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { ttlMs: number; waitMs: number } = DefaultAdmissionLockOptions,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}:admission:${key}`;
    const token = randomBytes(16).toString('hex');
    const giveUpAt = Date.now() + this.options.waitMs;
    for (let attempt = 0; ; attempt++) {
      const taken = await this.redis.set(lockKey, token, 'PX', this.options.ttlMs, 'NX');
      if (taken === 'OK') break;
      if (Date.now() >= giveUpAt) {
        throw new GenHubError('RATE_LIMITED', 'Your previous request is still being set up.', {
          retryAfterSeconds: 5,
          details: { reason: 'admission' },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(10 * 2 ** attempt, 200)));
    }
    try {
      return await task();
    } finally {
      await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }
}
