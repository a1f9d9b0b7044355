import { lenient, type Output, type PollResult } from '@genhub/provider';
import { z } from 'zod';
import { runwayTaskFailure } from './errors.js';

/** `POST /v1/<generation>` answers the new task's id. */
export const createdTaskSchema = z.object({ id: z.string().min(1) });

/**
 * `GET /v1/tasks/{id}` (sdk-node src/resources/tasks.ts): PENDING, THROTTLED (queued behind the
 * organisation's concurrency limit), RUNNING with `progress` from 0 to 1, SUCCEEDED with output
 * URLs that expire within 24-48 hours, FAILED with `failure` and `failureCode`, CANCELLED.
 */
export const taskSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['PENDING', 'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  progress: lenient(z.number().min(0).max(1)),
  output: lenient(z.array(z.string().min(1))),
  failure: lenient(z.string()),
  failureCode: lenient(z.string()),
});
export type RunwayTask = z.infer<typeof taskSchema>;

/** What a task produces and what to offer under it, kept in the task reference. */
export interface TaskShape {
  mediaType: 'video/mp4' | 'image/png';
  /** Follow-up buttons for each output URL. */
  followUps?: (url: string) => Output['metadata'];
}

/**
 * Runway says a task is not updated more often than every five seconds (tasks.ts), so a young task
 * is asked every 5 s (images are done in seconds) and an older one every 10 s: a 2-minute video
 * takes 14 status calls and is seen within 10 s of being ready.
 */
export function pollAfterMs(taskAgeMs: number): number {
  return taskAgeMs < 10_000 ? 5_000 : 10_000;
}

/** A task as GenHub's poll result. */
export function pollResult(task: RunwayTask, shape: TaskShape, taskAgeMs: number): PollResult {
  switch (task.status) {
    case 'PENDING':
    case 'THROTTLED':
      return { status: 'pending', pollAfterMs: pollAfterMs(taskAgeMs) };
    case 'RUNNING':
      return {
        status: 'pending',
        pollAfterMs: pollAfterMs(taskAgeMs),
        ...(task.progress === undefined ? {} : { percent: Math.round(task.progress * 100) }),
      };
    case 'CANCELLED':
      return { status: 'cancelled' };
    case 'SUCCEEDED': {
      const urls = task.output ?? [];
      if (urls.length === 0) return failed(task, 'Runway finished the task without a result');
      return {
        status: 'succeeded',
        outputs: urls.map((url) => {
          const metadata = shape.followUps?.(url);
          return { kind: 'url', url, mediaType: shape.mediaType, ...(metadata ? { metadata } : {}) };
        }),
      };
    }
    case 'FAILED':
      return failed(task, 'Runway could not finish the generation');
  }
}

function failed(task: RunwayTask, summary: string): PollResult {
  const error = runwayTaskFailure({
    summary,
    ...(task.failure === undefined ? {} : { words: task.failure }),
    ...(task.failureCode === undefined ? {} : { providerCode: task.failureCode }),
    details: { taskId: task.id },
  });
  return { status: 'failed', error };
}
