import { GenHubError, hasSafetyControls, type ModelSpec, TASKS, type Task } from '@genhub/core';
import type { ChatMessage } from './chat-message.js';
import { formatUsd } from './render.js';

/** The price of a request with default parameters, as a model estimates it. */
export function defaultPriceUsd(model: ModelSpec): number | undefined {
  const parsed = model.params.safeParse({ prompt: 'x' });
  try {
    return model.estimatePrice(parsed.success ? (parsed.data as Record<string, unknown>) : {}).usd;
  } catch {
    return undefined;
  }
}

/** Models by task with their price, within the platform's message length. */
export function modelsMessage(
  registry: { list(filter: { task?: Task }): ModelSpec[] },
  task: string | undefined,
  maxLength: number,
  noModels: string,
): ChatMessage {
  if (task !== undefined && task !== '' && !(TASKS as readonly string[]).includes(task)) {
    throw new GenHubError('INVALID_INPUT', `Unknown task "${task}"; use one of ${TASKS.join(', ')}.`, {
      details: { param: 'task' },
    });
  }
  const tasks = task ? [task as Task] : TASKS.filter((t) => registry.list({ task: t }).length > 0);
  if (tasks.length === 0 || (task && registry.list({ task: task as Task }).length === 0))
    return { text: noModels };
  const lines: string[] = [];
  for (const t of tasks) {
    lines.push(`${t}:`);
    for (const model of registry.list({ task: t })) {
      const price = defaultPriceUsd(model);
      const unfiltered = hasSafetyControls(model) ? '' : ', no safety controls';
      lines.push(
        `  ${model.id} (${model.name})${price === undefined ? '' : ` from ${formatUsd(price)}`}${unfiltered}`,
      );
    }
  }
  return { text: fit(lines, maxLength) };
}

/** The lines that fit, then how many were left out. */
export function fit(lines: readonly string[], maxLength: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const more = `… and ${lines.length - index} more lines; narrow it down (a task, a page).`;
    if (length + line.length + 1 + more.length + 1 > maxLength) {
      kept.push(more);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}
