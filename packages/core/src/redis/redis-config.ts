import { z } from 'zod';

/** What one `genhub start` process runs. */
export const PROCESS_ROLES = ['all', 'bot', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const DefaultRedisOptions = {
  /**
   * How long a worker owns a job without renewing its lock: a worker that dies has its jobs taken
   * over by another after about twice this.
   */
  lockSeconds: 30,
  /** Prefix of every key GenHub writes, so several installations can share one Redis. */
  prefix: 'genhub',
} as const;

export const redisConfigSchema = z
  .object({
    /** `redis://` or `rediss://` URL; unset keeps the queue, limits and job events in this process. */
    url: z
      .string()
      .trim()
      .url()
      .refine((value) => /^rediss?:\/\//i.test(value), { message: 'must be a redis:// or rediss:// URL' })
      .optional(),
    lockSeconds: z.coerce.number().int().min(5).max(600).default(DefaultRedisOptions.lockSeconds),
    prefix: z
      .string()
      .trim()
      .regex(/^[\w-]+$/, { message: 'may hold letters, digits, "_" and "-" only' })
      .default(DefaultRedisOptions.prefix),
  })
  .strict();

export type RedisConfig = z.output<typeof redisConfigSchema>;
