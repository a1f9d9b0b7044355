import type { PluginStatus, Task } from '@genhub/core';

const NOUNS: Partial<Record<Task, string>> = {
  'text-to-image': 'image',
  'image-to-image': 'image editing',
  'text-to-video': 'video',
  'image-to-video': 'image-to-video',
  'text-to-speech': 'speech',
  'text-to-sound': 'sound effect',
  'text-to-vector': 'vector',
  'image-to-vector': 'vectorizing',
  'text-to-music': 'music',
  'text-to-3d': '3D',
  'image-to-3d': 'image-to-3D',
  upscale: 'upscaling',
};

/** "No image model is configured; set GENHUB_GATEAI_API_KEY or GENHUB_AINATIVE_API_KEY to enable one." */
export function noModelSentence(task: Task | undefined, plugins: readonly PluginStatus[]): string {
  const keys = [
    ...new Set(
      plugins
        .filter((p) => p.state === 'unconfigured')
        .flatMap((p) => p.message?.match(/GENHUB_[A-Z0-9_]+/g) ?? []),
    ),
  ];
  const what = task === undefined ? 'No model is' : `No ${NOUNS[task] ?? task} model is`;
  if (keys.length === 0)
    return `${what} configured; ask the operator to configure a provider that offers it.`;
  const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`;
  return `${what} configured; set ${list} to enable one.`;
}
