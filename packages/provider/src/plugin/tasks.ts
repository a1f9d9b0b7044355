/** What a model does. A model may perform several. */
export const TASKS = [
  'text-to-image',
  'image-to-image',
  'text-to-video',
  'image-to-video',
  'video-to-video',
  'text-to-speech',
  'text-to-sound',
  'text-to-music',
  'image-to-3d',
  'text-to-3d',
  'text-to-vector',
  'image-to-vector',
  'image-to-mask',
  'upscale',
] as const;

export type Task = (typeof TASKS)[number];

/** What a model's main output is. */
export const OUTPUT_KINDS = ['image', 'video', 'audio', 'model3d', 'vector'] as const;

export type OutputKind = (typeof OUTPUT_KINDS)[number];
