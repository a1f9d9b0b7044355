import { RedisConnection } from 'bullmq';
import { closeRedis, connectRedis } from './redis-connection.js';

export interface RedisCheck {
  ok: boolean;
  /** The server's version, when it answered. */
  version?: string;
  /** One sentence saying what is wrong and what to do. */
  message?: string;
}

/** The oldest Redis the queue runs on (BullMQ's own minimum). */
export const MINIMUM_REDIS_VERSION: string = RedisConnection.minimumVersion;

/** Whether Redis answers PING and is new enough for the queue; never throws. */
export async function checkRedis(url: string, timeoutMs = 5_000): Promise<RedisCheck> {
  const redis = connectRedis(url, 'doctor');
  const where = new URL(url).host;
  // The connection's own error (ECONNREFUSED, a bad password) says more than a command's.
  let connectionError: string | undefined;
  redis.on('error', (error: Error) => {
    connectionError = error.message;
  });
  try {
    const answer = await Promise.race([
      (async () => {
        await redis.ping();
        return String(await redis.info('server'));
      })(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs).unref(),
      ),
    ]);
    const version = /^redis_version:(\S+)/m.exec(answer)?.[1] ?? '0.0.0';
    if (olderThan(version, MINIMUM_REDIS_VERSION)) {
      return {
        ok: false,
        version,
        message: `Redis at ${where} is version ${version}, but the queue needs ${MINIMUM_REDIS_VERSION} or newer; upgrade it.`,
      };
    }
    return { ok: true, version };
  } catch (error) {
    const reason = (connectionError ?? (error instanceof Error ? error.message : String(error))).replace(
      /\.$/,
      '',
    );
    return {
      ok: false,
      message: `Redis at ${where} does not answer (${reason}); check that it runs and GENHUB_REDIS_URL.`,
    };
  } finally {
    await closeRedis(redis);
  }
}

function olderThan(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
