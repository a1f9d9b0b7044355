import { randomBytes } from 'node:crypto';
import { silentLogger } from '@genhub/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisAdmissionLock } from './redis-admission-lock.js';
import { closeRedis, connectRedis } from './redis-connection.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

// The address CI's Redis runs at (testkit's testServiceUrl, which core cannot import).
const redisUrl = process.env.GENHUB_TEST_REDIS_URL;
if (!redisUrl && process.env.GENHUB_TEST_SERVICES === 'required') {
  throw new Error('GENHUB_TEST_REDIS_URL is not set but GENHUB_TEST_SERVICES=required.');
}

describe.runIf(redisUrl)('limits on Redis, shared by processes', () => {
  // Two connections stand for two processes.
  const first = redisUrl ? connectRedis(redisUrl, 'test-a') : undefined;
  const second = redisUrl ? connectRedis(redisUrl, 'test-b') : undefined;
  let prefix = '';
  beforeAll(() => {
    prefix = `genhub-test-${randomBytes(4).toString('hex')}`;
  });
  afterAll(async () => {
    if (first) await closeRedis(first);
    if (second) await closeRedis(second);
  });

  it('allows max requests per window and says how long to wait, as the in-memory limiter does', async () => {
    const limiter = new RedisRateLimiter(first!, prefix, silentLogger);
    const rule = { max: 5, windowSeconds: 60 };
    for (let i = 0; i < 5; i++)
      expect((await limiter.acquire('u1:image', rule, 1000 + i * 1000)).ok).toBe(true);
    expect(await limiter.acquire('u1:image', rule, 10_000)).toEqual({ ok: false, retryAfterSeconds: 51 });
    expect((await limiter.acquire('u2:image', rule, 10_000)).ok).toBe(true);
    expect((await limiter.acquire('u1:image', rule, 61_001)).ok).toBe(true);
  });

  it('gives a slot back on release', async () => {
    const limiter = new RedisRateLimiter(first!, prefix, silentLogger);
    const one = { max: 1, windowSeconds: 60 };
    const taken = await limiter.acquire('release', one, 0);
    expect((await limiter.acquire('release', one, 1)).ok).toBe(false);
    if (taken.ok) taken.release();
    await first!.ping(); // the release is sent before this answer comes back
    expect((await limiter.acquire('release', one, 2)).ok).toBe(true);
  });

  it('admits exactly max of many requests racing from two processes', async () => {
    const limiters = [
      new RedisRateLimiter(first!, prefix, silentLogger),
      new RedisRateLimiter(second!, prefix, silentLogger),
    ];
    const rule = { max: 7, windowSeconds: 60 };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limiters[i % 2]!.acquire('race', rule, now + (i % 3))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(7);
  });

  it('runs one task per key at a time across processes, and keeps going after a failure', async () => {
    const locks = [new RedisAdmissionLock(first!, prefix), new RedisAdmissionLock(second!, prefix)];
    let running = 0;
    let most = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        locks[i % 2]!.run('user', async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
          if (i % 4 === 0) throw new Error('boom');
        }),
      ),
    );
    expect(most).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
  });

  it('refuses with RATE_LIMITED when the lock stays taken', async () => {
    const lock = new RedisAdmissionLock(first!, prefix, { ttlMs: 10_000, waitMs: 200 });
    await first!.set(`${prefix}:admission:held`, 'someone-else', 'PX', 10_000);
    await expect(lock.run('held', async () => 'ran')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
