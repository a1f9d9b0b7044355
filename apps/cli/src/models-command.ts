import { TASKS, type Task } from '@genhub/core';
import { bundledPlugins } from './bundled-plugins.js';
import { parseCommandLine } from './command-line.js';
import { modelLine } from './model-lines.js';
import { registryOnlyGenHub } from './registry-only.js';
import { safetyTable } from './safety-table.js';
import { UsageError } from './usage-error.js';

/**
 * `genhub models [--task TASK] [--json] [--safety]`: every model of the configured providers, with
 * its price; `--safety` prints what each safety level sets, per model, as a Markdown table.
 */
export async function models(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    task: { type: 'string' },
    json: { type: 'boolean' },
    safety: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError(`genhub models takes no argument "${positionals[0]}"; use --task.`);
  if (values.task !== undefined && !(TASKS as readonly string[]).includes(values.task)) {
    throw new UsageError(`Unknown task "${values.task}"; use one of ${TASKS.join(', ')}.`);
  }
  const genhub = await registryOnlyGenHub(bundledPlugins);
  try {
    const filter = values.task === undefined ? {} : { task: values.task as Task };
    if (values.safety) {
      console.log(safetyTable(genhub.registry.list(filter)));
      return 0;
    }
    if (values.json) {
      console.log(JSON.stringify(genhub.registry.catalogue(filter), null, 2));
      return 0;
    }
    for (const plugin of genhub.plugins) {
      const detail = plugin.message ? `: ${plugin.message}` : '';
      console.log(`${plugin.name} (${plugin.id}) ${plugin.state}, ${plugin.models} models${detail}`);
    }
    const list = genhub.registry.list(filter);
    if (list.length === 0) console.log('No models are available; configure a provider (see the README).');
    for (const model of list) console.log(modelLine(model));
    return 0;
  } finally {
    await genhub.close();
  }
}
