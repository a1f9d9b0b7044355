import {
  jsonBody,
  lenient,
  looseNumber,
  nonBlank,
  type Output,
  type PollResult,
  type Price,
} from '@genhub/provider';
import { z } from 'zod';
import { USD_PER_UNIT } from './kling-catalogue.js';
import { klingTaskFailure } from './kling-errors.js';

/** The create and query routes of one kind of task: `/v1/videos/<endpoint>` and `/<endpoint>/{id}`. */
export type KlingEndpoint = 'text2video' | 'image2video' | 'video-extend';

/** Kling's answer envelope: `code` 0 on success, the task in `data`. */
export const klingTaskAnswer = z.object({
  code: z.literal(0),
  message: lenient(z.string()),
  request_id: lenient(z.string()),
  data: z.object({
    task_id: z.string().min(1),
    task_status: z.enum(['submitted', 'processing', 'succeed', 'failed']),
    task_status_msg: lenient(nonBlank),
    /** Units deducted, reported once the task has finished. */
    final_unit_deduction: lenient(looseNumber),
    task_result: lenient(
      z.object({
        videos: z.array(z.object({ id: z.string().min(1), url: z.url(), duration: lenient(looseNumber) })),
      }),
    ),
  }),
});
export type KlingTask = z.output<typeof klingTaskAnswer>['data'];

/** What a task's result offers as next steps, built by the plugin (extension, where the model has it). */
export type FollowUpsFor = (videoId: string) => Output['metadata'];

/** A queried task as GenHub's poll result. Kling gives no progress or poll hint, so none is passed on. */
export function pollResult(task: KlingTask, followUps: FollowUpsFor): PollResult {
  if (task.task_status === 'submitted' || task.task_status === 'processing') return { status: 'pending' };
  if (task.task_status === 'failed') {
    return {
      status: 'failed',
      error: klingTaskFailure({
        summary: `Kling could not make the video (task ${task.task_id})`,
        ...(task.task_status_msg === undefined ? {} : { words: task.task_status_msg }),
        details: { taskId: task.task_id },
      }),
    };
  }
  const videos = task.task_result?.videos ?? [];
  if (videos.length === 0) {
    return {
      status: 'failed',
      error: klingTaskFailure({ summary: `Kling finished task ${task.task_id} without a video` }),
    };
  }
  const outputs: Output[] = videos.map((video) => ({
    kind: 'url',
    url: video.url,
    mediaType: 'video/mp4',
    metadata: { ...jsonBody({ klingVideoId: video.id, duration: video.duration }), ...followUps(video.id) },
  }));
  return { status: 'succeeded', outputs, ...costOf(task) };
}

/** The cost Kling reports, in dollars at the unit price; nothing when it reports none. */
function costOf(task: KlingTask): { cost?: Price } {
  if (task.final_unit_deduction === undefined) return {};
  return { cost: { usd: Math.round(task.final_unit_deduction * USD_PER_UNIT * 10_000) / 10_000 } };
}
