import type { GenHub, Task } from '@genhub/core';

/** Why there is no model (for a task): the variables that would enable a provider, when known. */
export function noModelSentence(genhub: Pick<GenHub, 'plugins'>, task: Task | undefined): string {
  const keys = genhub.plugins
    .filter((p) => p.state === 'unconfigured')
    .flatMap((p) => p.message?.match(/GENHUB_[A-Z0-9_]+/g) ?? []);
  const unique = [...new Set(keys)];
  const what = task === undefined ? 'No model is' : `No ${taskNoun(task)} model is`;
  if (unique.length === 0) return `${what} configured; configure a provider that offers it (see the README).`;
  const list = unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
  return `${what} configured; set ${list} to enable one.`;
}

function taskNoun(task: Task): string {
  const nouns: Partial<Record<Task, string>> = {
    'text-to-image': 'image',
    'image-to-image': 'image editing',
    'text-to-video': 'video',
    'image-to-video': 'image-to-video',
    'text-to-speech': 'speech',
    'text-to-music': 'music',
  };
  return nouns[task] ?? task;
}
