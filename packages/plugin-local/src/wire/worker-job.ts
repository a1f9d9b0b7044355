import { lenient, looseNumber, nonBlank, type Task } from '@genhub/provider';
import { z } from 'zod';

/*
 * The GenHub worker protocol, version 1 (README "Worker protocol"):
 *   GET    /health          -> { status: 'ok' | 'loading' | 'error', model?, tasks?, message? }
 *   POST   /v1/jobs         (a WorkerJob, `Idempotency-Key` header) -> 202 a JobAnswer
 *   GET    /v1/jobs/{id}    -> a JobAnswer
 *   DELETE /v1/jobs/{id}    -> a JobAnswer (cancelled), 409 once it has ended
 * Refusals are a non-2xx status with { error: { code, message } }.
 */

/** A point SAM 2 is told is on (`label` 1) or off (0) the object, in 0..1 image coordinates. */
export interface WorkerPoint {
  x: number;
  y: number;
  label: 0 | 1;
}

/**
 * What POST /v1/jobs takes; a worker reads the fields its task needs and refuses what it cannot do.
 * Undefined fields are left out of the body.
 */
export interface WorkerJob {
  task: Task;
  /** The worker's model, such as `qwen-image`. */
  model: string;
  prompt?: string | undefined;
  negative_prompt?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  seed?: number | undefined;
  steps?: number | undefined;
  /** An input image: an http(s) link or a `data:` URI. */
  image?: string | undefined;
  points?: WorkerPoint[] | undefined;
  /** A box around the object, `[x0, y0, x1, y1]` in 0..1 image coordinates. */
  box?: [number, number, number, number] | undefined;
  /** Video length in seconds and its frame rate. */
  duration?: number | undefined;
  fps?: number | undefined;
}

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** One result file: a link (absolute, or relative to the worker's URL) or the bytes in base64. */
const outputFile = z
  .object({ url: lenient(nonBlank), b64: lenient(nonBlank), media_type: z.string().min(1) })
  .refine((file) => file.url !== undefined || file.b64 !== undefined, 'An output needs url or b64');

/** What the worker says about a job, on submit, on every poll and on cancel. */
export const jobAnswer = z.object({
  id: z.string().min(1),
  status: z.enum(JOB_STATES),
  progress: lenient(looseNumber.pipe(z.number().min(0).max(100))),
  queue_position: lenient(z.number().int().nonnegative()),
  eta_seconds: lenient(z.number().nonnegative()),
  outputs: z.array(outputFile).default([]),
  error: lenient(z.object({ code: z.string().optional(), message: z.string() })),
});
export type JobAnswer = z.infer<typeof jobAnswer>;
export type OutputFile = JobAnswer['outputs'][number];

/** GET /health. */
export const healthAnswer = z.object({
  status: z.enum(['ok', 'loading', 'error']),
  model: lenient(z.string()),
  message: lenient(z.string()),
});
