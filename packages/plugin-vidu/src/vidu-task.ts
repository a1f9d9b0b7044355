import { lenient, looseNumber, nonBlank, type Output, type PollResult, type Price } from '@genhub/provider';
import { z } from 'zod';
import { USD_PER_CREDIT } from './vidu-catalogue.js';
import { USER_CANCELLED, viduTaskFailure } from './vidu-errors.js';

const state = z.enum(['created', 'queueing', 'processing', 'success', 'failed']);

/** What a create request answers: the task, and the credits it will take. */
export const viduCreated = z.object({
  task_id: z.string().min(1),
  state,
  credits: lenient(looseNumber),
});

/** What `GET /ent/v2/tasks/{id}/creations` answers. */
export const viduCreations = z.object({
  state,
  err_code: lenient(nonBlank),
  credits: lenient(looseNumber),
  creations: z
    .array(z.object({ id: z.string().min(1), url: z.url(), cover_url: lenient(z.url()) }))
    .nullish()
    .transform((list) => list ?? []),
});
export type ViduCreations = z.output<typeof viduCreations>;

/** Credits as a price: reported by Vidu, so exact at its credit price. */
export function creditsPrice(credits: number | undefined): { cost?: Price } {
  return credits === undefined
    ? {}
    : { cost: { usd: Math.round(credits * USD_PER_CREDIT * 10_000) / 10_000 } };
}

/** A queried task as GenHub's poll result. Vidu reports no progress or poll hint, so none is passed on. */
export function pollResult(taskId: string, task: ViduCreations): PollResult {
  if (task.state === 'created' || task.state === 'queueing' || task.state === 'processing') {
    return { status: 'pending' };
  }
  if (task.state === 'failed') {
    if (task.err_code === USER_CANCELLED) return { status: 'cancelled' };
    return {
      status: 'failed',
      error: viduTaskFailure({
        summary: `Vidu could not make the video (task ${taskId})`,
        ...(task.err_code === undefined ? {} : { words: task.err_code, providerCode: task.err_code }),
        details: { taskId },
      }),
    };
  }
  const outputs: Output[] = task.creations.flatMap((creation): Output[] => [
    { kind: 'url', url: creation.url, mediaType: 'video/mp4', metadata: { viduCreationId: creation.id } },
    ...(creation.cover_url === undefined
      ? []
      : [{ kind: 'url' as const, url: creation.cover_url, role: 'preview' as const }]),
  ]);
  if (outputs.length === 0) {
    return {
      status: 'failed',
      error: viduTaskFailure({ summary: `Vidu finished task ${taskId} without a video` }),
    };
  }
  return { status: 'succeeded', outputs, ...creditsPrice(task.credits) };
}
