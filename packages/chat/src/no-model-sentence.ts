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
  'image-to-mask': 'segmentation',
  'text-to-music': 'music',
  'text-to-3d': '3D',
  'image-to-3d': 'image-to-3D',
  upscale: 'upscaling',
};

/** Providers named in full; with more, the sentence names the first and points to `genhub models`. */
const NAMED_PROVIDERS = 3;

/**
 * "No image model is configured; set GENHUB_GATEAI_API_KEY or GENHUB_AINATIVE_API_KEY to enable one."
 * A provider that needs several settings is named by all of them (`A and B`).
 */
export function noModelSentence(task: Task | undefined, plugins: readonly PluginStatus[]): string {
  const settings = plugins
    .filter((p) => p.state === 'unconfigured')
    .map((p) => [...new Set(p.message?.match(/GENHUB_[A-Z0-9_]+/g) ?? [])].join(' and '))
    .filter((names) => names !== '');
  const what = task === undefined ? 'No model is' : `No ${NOUNS[task] ?? task} model is`;
  if (settings.length === 0)
    return `${what} configured; ask the operator to configure a provider that offers it.`;
  if (settings.length > NAMED_PROVIDERS) {
    return `${what} configured; set a provider's key, such as ${settings[0]}, to enable one (genhub models lists every provider and its settings).`;
  }
  const list =
    settings.length === 1 ? settings[0] : `${settings.slice(0, -1).join(', ')} or ${settings.at(-1)}`;
  return `${what} configured; set ${list} to enable one.`;
}
