import { defaultPriceUsd } from '@genhub/chat';
import type { ModelSpec } from '@genhub/core';

/** One line of a model list: id, tasks and the price of a request with default parameters. */
export function modelLine(model: ModelSpec): string {
  const price = defaultPriceUsd(model);
  return `${model.id.padEnd(40)} ${model.tasks.join(', ').padEnd(32)} ~$${price === undefined ? '?' : price.toFixed(3)}`;
}
