import { generationOptions, resolveFlags } from '@genhub/chat';
import { GenHubError, type ModelSpec } from '@genhub/core';
import { UsageError } from './usage-error.js';

const norm = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

/**
 * `--param k=v` values typed by the model's parameter schema, through the chat layer's options and
 * flag resolution (numbers, yes/no, enums, ranges). A bad one is a UsageError naming the parameter
 * and what it accepts. `k` alone means yes for a yes/no parameter.
 */
export function paramsFromFlags(
  entries: readonly string[],
  model: ModelSpec,
): Record<string, string | number | boolean> {
  const options = generationOptions(model).filter((option) => option.param !== 'prompt');
  const flags = entries.map((entry) => {
    const at = entry.indexOf('=');
    const name = (at === -1 ? entry : entry.slice(0, at)).trim();
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) {
      throw new UsageError(`--param takes name=value, such as --param seed=42; "${entry}" is not that.`);
    }
    if (norm(name) === 'model') throw new UsageError('Give the model with --model, not --param.');
    if (norm(name) === 'prompt') throw new UsageError('Give the prompt as the second argument, not --param.');
    return { name, value: at === -1 ? undefined : entry.slice(at + 1) };
  });
  try {
    return resolveFlags(flags, options).params;
  } catch (error) {
    if (!GenHubError.isInstance(error) || error.code !== 'INVALID_INPUT') throw error;
    if (error.message.startsWith('Unknown option')) {
      const name = String(error.details.param ?? '');
      const known = options.filter((option) => option.param !== 'model').map((option) => option.name);
      throw new UsageError(
        known.length > 0
          ? `${model.id} has no parameter "${name}"; it takes ${known.join(', ')}.`
          : `${model.id} has no parameter "${name}"; it takes none besides the prompt.`,
      );
    }
    // The chat layer's sentence names the flag as typed (`--seed takes ...`); here it was a --param.
    throw new UsageError(error.message.replace(/--([A-Za-z][A-Za-z0-9_-]*)/g, '--param $1'));
  }
}
