import { z } from 'zod';
import { DefaultHttpOptions } from '../http/http-defaults.js';
import { limitsConfigSchema } from '../limits/limits-config.js';
import { billingConfigSchema, jobsConfigSchema } from '../pipeline/pipeline-config.js';
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
      })
      .strict()
      .default({ blockedTerms: [] }),
    /** The operator's web dashboard, served at `/` by `genhub start`. */
    dashboard: dashboardConfigSchema.default(dashboardConfigSchema.parse({})),
    /** Each provider plugin's own settings, by plugin id; `GENHUB_<ID>_<KEY>` variables add to them. */
    providers: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  })
  .strict();

export type GenHubConfig = z.output<typeof genHubConfigSchema>;
export type GenHubConfigInput = z.input<typeof genHubConfigSchema>;
