import { parseArgs } from 'node:util';
import { ConfigError, createGenHub, loadConfig, silentLogger, TASKS, type Task } from '@genhub/core';
import { bundledPlugins } from './bundled-plugins.js';
import { doctor } from './doctor-command.js';
import { modelLine } from './model-lines.js';
import { start } from './start-command.js';

const USAGE = `Usage: genhub <command>

Commands:
  start [--port PORT] [--out DIR]  run GenHub: the console chat (one command a line, from a
                                   terminal or a pipe) and GET /healthz and /metrics on
                                   127.0.0.1:PORT (GENHUB_HTTP_PORT, default 8787; 0 picks one);
                                   results are saved to DIR (default ./genhub-output)
  doctor                           check the configuration, the store and every provider
  models [--task TASK] [--json]    list the models of every configured provider

Configuration: genhub.config.json and GENHUB_* variables (see the README).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') return start(rest);
  if (command === 'doctor') return doctor();
  if (command === 'models') return models(rest);
  console.log(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

async function models(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { task: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.task !== undefined && !(TASKS as readonly string[]).includes(values.task)) {
    console.error(`Unknown task "${values.task}"; use one of ${TASKS.join(', ')}.`);
    return 2;
  }
  const genhub = await createGenHub(loadConfig(), { plugins: bundledPlugins, logger: silentLogger });
  try {
    const filter = values.task === undefined ? {} : { task: values.task as Task };
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `genhub failed: ${String(error)}`);
    process.exit(1);
  },
);
