import { Redis } from 'ioredis';

/**
 * Opens a connection to Redis. `blocking` is for BullMQ workers and stream readers, whose commands
 * wait for Redis to come back; the others give up after a few tries so a request fails with a
 * sentence instead of hanging while Redis is down.
 */
export function connectRedis(url: string, name: string, options: { blocking?: boolean } = {}): Redis {
  const redis = new Redis(url, {
    connectionName: `genhub-${name}`,
    maxRetriesPerRequest: options.blocking ? null : 3,
    // Reconnect with a capped backoff, forever: Redis restarting must not stop GenHub.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  // A lost connection is retried on its own, and each command that fails says so to its caller.
  redis.on('error', () => {});
  return redis;
}

/** Closes a connection, waiting for replies in flight; drops it if Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
    ]);
  } catch {
    redis.disconnect();
  }
}
