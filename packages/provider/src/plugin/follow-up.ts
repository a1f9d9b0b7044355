import type { JsonObject, JsonValue } from './json.js';
import { TASKS, type Task } from './tasks.js';

/**
 * A next step a provider offers on one of its results (Midjourney's U1 or V2), as an ordinary
 * GenHub request. A plugin lists them in an output's `metadata.followUps`; chat shows them as buttons.
 */
export interface FollowUp {
  /** What the button says, short: `U1`, `V2`, `Zoom out 2x`. */
  label: string;
  task: Task;
  model: string;
  params: JsonObject;
}

const isObject = (value: unknown): value is Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The well-formed follow-ups of an output's metadata; anything malformed is skipped. */
export function followUpsOf(metadata: Readonly<Record<string, JsonValue>> | undefined): FollowUp[] {
  const list = metadata?.followUps;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!isObject(item)) return [];
    const { label, task, model, params } = item;
    if (typeof label !== 'string' || label.trim() === '' || typeof model !== 'string') return [];
    if (typeof task !== 'string' || !(TASKS as readonly string[]).includes(task) || !isObject(params))
      return [];
    return [{ label: label.trim(), task: task as Task, model, params }];
  });
}
