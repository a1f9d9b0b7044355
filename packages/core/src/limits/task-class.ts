import type { Task } from '@genhub/provider';

/** Tasks grouped the way rate limits are set: by what they cost a provider. */
export const TASK_CLASSES = ['image', 'speech', 'music', 'image-to-video', 'text-to-video', '3d'] as const;
export type TaskClass = (typeof TASK_CLASSES)[number];

const CLASS_OF: Record<Task, TaskClass> = {
  'text-to-image': 'image',
  'image-to-image': 'image',
  upscale: 'image',
  'text-to-vector': 'image',
  'image-to-vector': 'image',
  'image-to-mask': 'image',
  'text-to-speech': 'speech',
  'text-to-sound': 'speech',
  'text-to-music': 'music',
  'image-to-video': 'image-to-video',
  'video-to-video': 'image-to-video',
  'text-to-video': 'text-to-video',
  'image-to-3d': '3d',
  'text-to-3d': '3d',
};

export function taskClassOf(task: Task): TaskClass {
  return CLASS_OF[task];
}
