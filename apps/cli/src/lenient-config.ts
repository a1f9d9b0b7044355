import { fileURLToPath } from 'node:url';
import { ConfigError, type ConfigIssue, type GenHubConfig, loadConfig, parseConfig } from '@genhub/core';

export interface LenientConfig {
  config: GenHubConfig;
  /** What is wrong with the configuration as given; empty when it is valid. */
  issues: readonly ConfigIssue[];
  /** How the configuration returned differs from the one given, when it does. */
  fallback?: string;
}

export interface LenientConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/**
 * A folder that cannot exist (it would be inside this file), for loading without any config file.
 * `loadConfig` looks for `genhub.config.json` in its `cwd`; there it finds none.
 */
const NO_FOLDER = fileURLToPath(import.meta.url);

/**
 * The configuration for `genhub doctor`, which reports every problem in one run and so must go on
 * after a bad setting. `loadConfig` rejects the whole configuration for one bad key; this retries
 * with less and less of what was given, and returns the first that loads:
 *
 * 1. the configuration as `genhub start` would load it;
 * 2. each bad key reset to its default (`jobs.concurrency`);
 * 3. each bad key's top-level section reset (`jobs`, `providers`): for a key whose reset alone still
 *    fails, such as a `providers.<id>` entry that is not an object, or an unknown key in a section;
 * 4. no config file, the environment only, sections reset as in 3: for a file that cannot be read or
 *    parsed, or an unknown top-level key, which no reset can remove;
 * 5. the defaults.
 *
 * Provider settings in `GENHUB_<ID>_<KEY>` variables are outside this: `createGenHub` reads them from
 * the environment, so a provider set up there is checked even when the file is unusable.
 */
export function loadConfigLeniently(options: LenientConfigOptions = {}): LenientConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let issues: readonly ConfigIssue[];
  try {
    return { config: loadConfig({ env, cwd }), issues: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues = error.issues;
  }
  const keys = issues.map((issue) => issue.key).filter((key) => !key.startsWith('('));
  const sections = [...new Set(keys.map((key) => key.split('.')[0] ?? key))].sort();
  const sectionList =
    sections.length <= 1 ? sections.join('') : `${sections.slice(0, -1).join(', ')} and ${sections.at(-1)}`;
  const reset = (list: readonly string[]) => Object.fromEntries(list.map((key) => [key, undefined]));
  const withoutFile = { ...env, GENHUB_CONFIG: undefined };
  const attempts: Array<{ fallback: string; load: () => GenHubConfig }> = [
    {
      fallback: 'those settings at their defaults',
      load: () => loadConfig({ env, cwd, overrides: reset(keys) }),
    },
    {
      fallback: `the ${sectionList} sections at their defaults`,
      load: () => loadConfig({ env, cwd, overrides: reset(sections) }),
    },
    {
      fallback: 'the environment only (no config file), those settings at their defaults',
      load: () => loadConfig({ env: withoutFile, cwd: NO_FOLDER, overrides: reset(sections) }),
    },
    { fallback: 'the default configuration', load: () => parseConfig({}) },
  ];
  for (const attempt of attempts) {
    try {
      return { config: attempt.load(), issues, fallback: attempt.fallback };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  // parseConfig({}) always loads; this is for the type checker.
  throw new ConfigError(issues);
}
