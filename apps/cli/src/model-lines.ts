import type { ModelSpec } from '@genhub/core';

/** One line of a model list: id, tasks and the price of a request with default parameters. */
export function modelLine(model: ModelSpec): string {
  const price = model.estimatePrice(safeDefaults(model.params)).usd;
  return `${model.id.padEnd(40)} ${model.tasks.join(', ').padEnd(32)} ~$${price.toFixed(3)}`;
}

function safeDefaults(schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }) {
  const parsed = schema.safeParse({ prompt: 'x' });
  return parsed.success ? (parsed.data as Record<string, unknown>) : {};
}
