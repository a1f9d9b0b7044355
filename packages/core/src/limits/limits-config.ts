import { z } from 'zod';
import type { RateRule } from './sliding-window-limiter.js';
import { TASK_CLASSES, type TaskClass } from './task-class.js';

/** Per-user defaults: the AINative document's rates, GateAI's 5 jobs in flight. */
export const DefaultLimits = {
  rate: {
    image: { max: 5, windowSeconds: 60 },
    speech: { max: 10, windowSeconds: 60 },
    music: { max: 2, windowSeconds: 60 },
    'image-to-video': { max: 2, windowSeconds: 60 },
    'text-to-video': { max: 1, windowSeconds: 60 },
    '3d': { max: 2, windowSeconds: 60 },
  },
  maxJobsInFlight: 5,
} as const satisfies { rate: Record<TaskClass, RateRule>; maxJobsInFlight: number };

const rateRule = z.object({
  max: z.coerce.number().int().min(1),
  windowSeconds: z.coerce.number().int().min(1).max(86_400),
});

export const limitsConfigSchema = z
  .object({
    rate: z
      .object(
        Object.fromEntries(TASK_CLASSES.map((c) => [c, rateRule.default(DefaultLimits.rate[c])])) as {
          [K in TaskClass]: z.ZodDefault<typeof rateRule>;
        },
      )
      .strict()
      .default(DefaultLimits.rate),
    maxJobsInFlight: z.coerce.number().int().min(1).default(DefaultLimits.maxJobsInFlight),
  })
  .strict();

export type LimitsConfig = z.output<typeof limitsConfigSchema>;
