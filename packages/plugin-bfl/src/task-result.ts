import type { PollResult, Price } from '@genhub/provider';
import type { TaskResult } from './bfl-api.js';
import { bflTaskFailure } from './bfl-errors.js';

/** BFL task statuses (`StatusResponse` in its OpenAPI document). */
const PENDING = 'Pending';
const READY = 'Ready';

/**
 * A get_result answer as GenHub's poll result. `Pending` is pending with BFL's progress; `Ready`
 * succeeds with the sample URL (core downloads it at once: it expires after 10 minutes); every
 * other status (`Request Moderated`, `Content Moderated`, `Error`, `Task not found`, or one BFL adds
 * later) fails the task through the error table, so it is never polled until the deadline.
 */
export function pollResultOf(
  taskId: string,
  answer: TaskResult,
  mediaType: string | undefined,
  cost: Price | undefined,
): PollResult {
  if (answer.status === PENDING) {
    const percent = percentOf(answer.progress);
    return { status: 'pending', ...(percent === undefined ? {} : { percent }) };
  }
  const sample = answer.result?.sample;
  if (answer.status === READY && sample !== undefined) {
    const seed = answer.result?.seed;
    return {
      status: 'succeeded',
      outputs: [
        {
          kind: 'url',
          url: sample,
          ...(mediaType === undefined ? {} : { mediaType }),
          ...(seed === undefined ? {} : { metadata: { seed } }),
        },
      ],
      ...(cost === undefined ? {} : { cost }),
    };
  }
  const error = bflTaskFailure({
    summary:
      answer.status === READY
        ? `BFL task ${taskId} is Ready but has no image`
        : `BFL task ${taskId} ended as ${answer.status}`,
    providerCode: answer.status,
    ...(answer.details === undefined ? {} : { words: detailsText(answer.details) }),
    details: { taskId },
  });
  return { status: 'failed', error };
}

/** BFL reports progress as a fraction (0 to 1); a value above 1 is taken as a percentage. */
function percentOf(progress: number | undefined): number | undefined {
  if (progress === undefined || progress < 0) return undefined;
  const percent = progress <= 1 ? progress * 100 : progress;
  return Math.min(100, Math.round(percent));
}

/** The `details` of a failed task as words: `Moderation Reasons: Derivative Works`. */
function detailsText(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}
