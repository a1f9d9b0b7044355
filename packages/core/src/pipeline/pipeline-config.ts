import { z } from 'zod';

/** Defaults for the generation pipeline, overridable in the configuration's `jobs` and `billing`. */
export const DefaultPipelineConfig = {
  jobs: {
    /** Jobs driven at once by this process. */
    concurrency: 16,
    /**
     * A generation not finished in this time fails (and is refunded); a model may ask for less, never
     * more. 40 minutes is GateAI's hard limit.
     */
    deadlineMinutes: 40,
    /** Polls that fail one after another for this long fail the job (and refund it). */
    pollFailureMinutes: 5,
    /**
     * Without the provider's hint, polls start 2 s apart and grow by half each time up to 10 s: a
     * 2-minute job takes at most 15 status calls, and a result is seen within 10 s of being ready.
     */
    pollInitialMs: 2_000,
    pollMaxMs: 10_000,
    /** Attempts at one provider for a retryable submit failure before moving on or giving up. */
    submitAttempts: 3,
    /** Largest single result file. */
    maxOutputMegabytes: 500,
    /** Largest input image, video or audio a user may pass. */
    maxInputMegabytes: 20,
  },
  billing: {
    /** A user's daily spending cap in USD, or 0 for none. */
    dailyBudgetUsd: 0,
    /** The UTC hour at which daily budgets reset (GateAI resets at midnight UTC). */
    dailyResetHourUtc: 0,
    /** Credited once to each user, at the user's first request; 0 for none. */
    welcomeUsd: 0,
    /** Credited to each user once a day and spent before the user's own credits; 0 for none. */
    dailyFreeUsd: 0,
  },
} as const;

const positive = z.coerce.number().positive();
const D = DefaultPipelineConfig;

export const jobsConfigSchema = z
  .object({
    concurrency: z.coerce.number().int().min(1).max(1000).default(D.jobs.concurrency),
    deadlineMinutes: positive.default(D.jobs.deadlineMinutes),
    pollFailureMinutes: positive.default(D.jobs.pollFailureMinutes),
    pollInitialMs: z.coerce.number().int().min(1).default(D.jobs.pollInitialMs),
    pollMaxMs: z.coerce.number().int().min(1).default(D.jobs.pollMaxMs),
    submitAttempts: z.coerce.number().int().min(1).max(10).default(D.jobs.submitAttempts),
    maxOutputMegabytes: positive.default(D.jobs.maxOutputMegabytes),
    maxInputMegabytes: positive.default(D.jobs.maxInputMegabytes),
  })
  .strict();

export const billingConfigSchema = z
  .object({
    dailyBudgetUsd: z.coerce.number().min(0).default(D.billing.dailyBudgetUsd),
    dailyResetHourUtc: z.coerce.number().int().min(0).max(23).default(D.billing.dailyResetHourUtc),
    welcomeUsd: z.coerce.number().min(0).default(D.billing.welcomeUsd),
    dailyFreeUsd: z.coerce.number().min(0).default(D.billing.dailyFreeUsd),
  })
  .strict();

export type JobsConfig = z.output<typeof jobsConfigSchema>;
export type BillingConfig = z.output<typeof billingConfigSchema>;

/** USD to integer micro-dollars, rounding up so an estimate is never short by a fraction. */
export function usdToMicros(usd: number): number {
  if (!Number.isFinite(usd) || usd <= 0) return 0;
  return Math.ceil(Math.round(usd * 1e9) / 1e3);
}

export function microsToUsd(micros: number): number {
  return micros / 1e6;
}
