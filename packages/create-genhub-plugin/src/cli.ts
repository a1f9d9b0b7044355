#!/usr/bin/env node
// create-genhub-plugin <name>: writes a new GenHub provider plugin package into ./<name>.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pluginNames } from './plugin-names.js';
import { scaffold, templateVersions } from './scaffold.js';

const USAGE = `Usage: npm create genhub-plugin <name>   (or pnpm create genhub-plugin <name>)

Writes a GenHub provider plugin package into ./<name>: one model for a made-up asynchronous REST
API, a fake of that API, GenHub's conformance test, a README, and build, test and typecheck scripts.
Name it genhub-plugin-<id> (or @you/genhub-plugin-<id>); <id> prefixes its models and settings.`;

/** The package manager that ran this, so the printed commands work as typed. */
function packageManager(): 'npm' | 'pnpm' | 'yarn' {
  const agent = process.env.npm_config_user_agent ?? '';
  return agent.startsWith('pnpm') ? 'pnpm' : agent.startsWith('yarn') ? 'yarn' : 'npm';
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    // Node's message goes on to explain positional arguments; its first sentence is the point.
    console.error(`${(error as Error).message.split('. ')[0]}.\n\n${USAGE}`);
    return 2;
  }
  const [name, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (name === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const names = pluginNames(name);
  const into = resolve(names.folder);
  await scaffold({ names, into, versions: templateVersions() });

  const pm = packageManager();
  const run = pm === 'npm' ? 'npm run' : pm;
  console.log(`Created ${names.packageName} in ./${relative(process.cwd(), into)}: a plugin "${names.id}" for a made-up
image API, a fake of that API and GenHub's conformance test. Make it yours, then:

  cd ${relative(process.cwd(), into)}
  ${pm} install
  ${pm} test

Load it into genhub (the settings are GENHUB_${names.envId}_API_KEY and GENHUB_${names.envId}_BASE_URL):

  ${run} build
  GENHUB_PLUGINS=${names.packageName} genhub models

or add "${names.packageName}" to "plugins" in genhub.config.json, with the package installed in that file's folder.`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
