import { SAFETY_LEVELS } from '@genhub/provider';
import { z } from 'zod';
import { DefaultHttpOptions } from '../http/http-defaults.js';
import { limitsConfigSchema } from '../limits/limits-config.js';
import { billingConfigSchema, jobsConfigSchema } from '../pipeline/pipeline-config.js';
import { PROCESS_ROLES, redisConfigSchema } from '../redis/redis-config.js';
import { isValidBlockedEntry } from '../safety/blocked-terms.js';
import { dashboardConfigSchema } from './dashboard-config.js';

/** Defaults of core's own settings, overridable by the configuration file and the environment. */
export const DefaultCoreConfig = {
  dataDir: '.genhub',
  logLevel: 'info',
  shutdownSeconds: 10,
  http: {
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 60_000,
    bodyTimeoutMs: 120_000,
    retries: 2,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 30_000,
    /** Largest provider answer read whole (JSON, text): room for base64 media, bounded memory. */
    maxResponseMegabytes: DefaultHttpOptions.maxResponseBytes / (1024 * 1024),
  },
} as const satisfies {
  dataDir: string;
  logLevel: string;
  shutdownSeconds: number;
  http: Record<string, number>;
};

const ms = z.coerce.number().int().positive();

export const httpConfigSchema = z
  .object({
    connectTimeoutMs: ms.default(DefaultCoreConfig.http.connectTimeoutMs),
    headersTimeoutMs: ms.default(DefaultCoreConfig.http.headersTimeoutMs),
    bodyTimeoutMs: ms.default(DefaultCoreConfig.http.bodyTimeoutMs),
    retries: z.coerce.number().int().min(0).max(10).default(DefaultCoreConfig.http.retries),
    retryBaseDelayMs: ms.default(DefaultCoreConfig.http.retryBaseDelayMs),
    retryMaxDelayMs: ms.default(DefaultCoreConfig.http.retryMaxDelayMs),
    maxResponseMegabytes: z.coerce.number().positive().default(DefaultCoreConfig.http.maxResponseMegabytes),
  })
  .strict();

const origin = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/?#]+$/i.test(value.replace(/\/$/, '')), {
    message: 'must be an origin such as http://127.0.0.1:8188',
  })
  .transform((value) => new URL(value).origin);

/**
 * The store's database. Without `url`, the embedded SQLite file in `dataDir`; with a
 * `postgres://` URL, PostgreSQL (the `genhub` command opens it through @genhub/store-postgres).
 */
export const databaseConfigSchema = z
  .object({
    url: z
      .string()
      .trim()
      .refine((value) => /^postgres(ql)?:\/\/./i.test(value), {
        message: 'must be a postgres:// URL, such as postgres://genhub:secret@db.internal:5432/genhub',
      })
      .optional(),
    /** The PostgreSQL schema GenHub's tables live in (created if missing). */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL name such as genhub' })
      .default('public'),
    /** Connections each process keeps open to PostgreSQL. */
    poolSize: z.coerce.number().int().min(1).max(1000).default(10),
  })
  .strict();

/** S3 presigned links (Signature V4) work for 7 days at most. */
const MAX_PRESIGNED_LINK_HOURS = 7 * 24;

/**
 * An S3-compatible bucket for results. Credentials come from the AWS SDK's usual chain
 * (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance role), never from here.
 */
export const s3ConfigSchema = z
  .object({
    bucket: z.string().trim().min(3).max(63),
    /** For S3-compatible servers (MinIO, R2, ...); AWS's own endpoint unless set. */
    endpoint: z
      .string()
      .trim()
      .url()
      .refine((value) => /^https?:/i.test(value), { message: 'must be an http(s) URL' })
      .optional(),
    /**
     * Where users reach the bucket, for result links, when it is not `endpoint` (which may be a
     * name inside a container network); `endpoint` unless set.
     */
    publicEndpoint: z
      .string()
      .trim()
      .url()
      .refine((value) => /^https?:/i.test(value), { message: 'must be an http(s) URL' })
      .optional(),
    /** The SDK's region chain (AWS_REGION) unless set; `us-east-1` with a custom endpoint. */
    region: z.string().trim().min(1).optional(),
    /** `https://host/bucket/key` instead of `https://bucket.host/key`, as most self-hosted servers need. */
    forcePathStyle: z.union([z.boolean(), z.stringbool()]).default(false),
    /** A folder in the bucket that holds every result, so several installations can share one bucket. */
    prefix: z
      .string()
      .trim()
      .regex(/^[\w-][\w.-]*(\/[\w-][\w.-]*)*$/, {
        message:
          'must be a folder such as genhub or team-a/genhub: letters, digits, ".", "_" and "-", parts separated by "/", none starting with "."',
      })
      .optional(),
  })
  .strict();

/** The whole configuration, as a file holds it after the environment is merged in. */
export const genHubConfigSchema = z
  .object({
    /** Where the embedded store and artifacts live. */
    dataDir: z.string().min(1).default(DefaultCoreConfig.dataDir),
    logLevel: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'silent'])
      .default(DefaultCoreConfig.logLevel),
    /** Origins that may be fetched although they are private or loopback (a local GPU worker). */
    trustedOrigins: z.array(origin).default([]),
    http: httpConfigSchema.default(httpConfigSchema.parse({})),
    /** Package names of extra provider plugins to load, such as `@acme/genhub-plugin-foo`. */
    plugins: z.array(z.string().min(1)).default([]),
    /** The embedded SQLite store. */
    sqlite: z
      .object({
        /**
         * `full` syncs every commit to disk (a job or charge survives a power cut); `normal` syncs at
         * checkpoints only (safe against a crash of GenHub, not of the machine), and is faster.
         */
        synchronous: z.enum(['full', 'normal']).default('full'),
      })
      .strict()
      .default({ synchronous: 'full' }),
    /** A PostgreSQL database instead of the SQLite file in `dataDir`, for several processes. */
    database: databaseConfigSchema.default(databaseConfigSchema.parse({})),
    /** How jobs run: concurrency, deadline, polling, size caps. */
    jobs: jobsConfigSchema.default(jobsConfigSchema.parse({})),
    /** Daily budgets. */
    billing: billingConfigSchema.default(billingConfigSchema.parse({})),
    /** Per-user rate limits by task class, and jobs in flight. */
    limits: limitsConfigSchema.default(limitsConfigSchema.parse({})),
    /**
     * Where GenHub's HTTP server is reachable from users, for links to results a chat cannot carry;
     * `http://127.0.0.1:8787` (this machine only) unless set.
     */
    publicUrl: z
      .string()
      .trim()
      .url()
      .refine((value) => /^https?:/i.test(value), { message: 'must be an http(s) URL' })
      .default('http://127.0.0.1:8787'),
    /** How long those links work. */
    linkTtlHours: z.coerce
      .number()
      .positive()
      .max(24 * 366)
      .default(168),
    /**
     * How long a stop (SIGTERM, Ctrl-C) may take: running jobs get until then to reach a saved state,
     * then the process exits whatever is still waiting (a bot, a provider); the next start resumes.
     */
    shutdownSeconds: z.coerce.number().positive().max(3600).default(DefaultCoreConfig.shutdownSeconds),
    /** Signs those links; generated once into `dataDir/link-secret` unless set. */
    linkSecret: z.string().min(16).optional(),
    /** The chat front ends. */
    chat: z
      .object({
        /** Generations priced above this many USD ask the user to confirm first; 0 asks for every paid one. */
        confirmAboveUsd: z.coerce.number().min(0).default(0.25),
        /**
         * Who may grant credits from a chat, as the front ends name users: `discord:<user id>`,
         * `telegram:<user id>`. Community admins manage their own community's settings only.
         */
        operators: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .default({ confirmAboveUsd: 0.25, operators: [] }),
    /** What this installation refuses to make, whatever the model. */
    safety: z
      .object({
        /**
         * Words, phrases or `/regular expressions/` no prompt may contain: matched in any case, with
         * spaces or punctuation between letters, before any price is shown or credit reserved.
         */
        blockedTerms: z
          .array(
            z
              .string()
              .trim()
              .min(1)
              .refine(isValidBlockedEntry, { message: 'is not a valid /regular expression/' }),
          )
          .default([]),
        /**
         * The id of a provider plugin whose content check (`Provider.moderate`, such as OpenAI's
         * moderation endpoint) every prompt passes before a price is shown; none unless given.
         */
        moderationProvider: z.string().trim().min(1).optional(),
        /** The safety level of `genhub generate` and of any request that names none. */
        level: z.enum(SAFETY_LEVELS).default('standard'),
        /** The safety level in direct messages with the bot; `mature` only if the operator sets it. */
        directMessages: z.enum(SAFETY_LEVELS).default('standard'),
      })
      .strict()
      .default({ blockedTerms: [], level: 'standard', directMessages: 'standard' }),
    /**
     * What this process runs: `all` (front ends and job workers), `bot` (front ends, no workers) or
     * `worker` (jobs, no front ends). `bot` and `worker` need `redis.url`.
     */
    role: z.enum(PROCESS_ROLES).default('all'),
    /** Redis, to share the queue, limits and job events between processes; unset keeps them in this process. */
    redis: redisConfigSchema.default(redisConfigSchema.parse({})),
    /** The operator's web dashboard, served at `/` by `genhub start`. */
    dashboard: dashboardConfigSchema.default(dashboardConfigSchema.parse({})),
    /** Each provider plugin's own settings, by plugin id; `GENHUB_<ID>_<KEY>` variables add to them. */
    providers: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Results in an S3-compatible bucket instead of `dataDir` (see s3ConfigSchema). */
    s3: s3ConfigSchema.optional(),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.s3 && config.linkTtlHours > MAX_PRESIGNED_LINK_HOURS) {
      context.addIssue({
        code: 'custom',
        path: ['linkTtlHours'],
        message: `must be at most ${MAX_PRESIGNED_LINK_HOURS} with results in S3 (presigned links last 7 days at most)`,
      });
    }
  });

export type GenHubConfig = z.output<typeof genHubConfigSchema>;
export type GenHubConfigInput = z.input<typeof genHubConfigSchema>;
