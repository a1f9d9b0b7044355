import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isProviderPlugin, type ProviderPlugin } from '@genhub/provider';
import { resolve as resolveSpecifier } from 'import-meta-resolve';
import { configFilePath } from '../config/load-config.js';

/** Imports a module by URL or name; replaceable in tests. */
export type PackageImporter = (specifier: string) => Promise<Record<string, unknown>>;

const defaultImporter: PackageImporter = (specifier) => import(specifier) as Promise<Record<string, unknown>>;

export interface LoadPluginOptions {
  /**
   * Folders to find the plugin from, in order: a package name is looked up in their `node_modules`
   * (and their parents'), a relative path is taken relative to each. GenHub's own dependencies are
   * tried last. `pluginSearchFolders()` unless given.
   */
  searchFrom?: readonly string[];
  importPackage?: PackageImporter;
}

/** Where a user puts plugins: the working folder, then the configuration file's folder. */
export function pluginSearchFolders(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  return [process.cwd(), dirname(configFilePath({ env }))];
}

/**
 * Loads a third-party provider plugin: a package name (`@you/genhub-plugin-x`) or a path to a
 * package folder or module file. The module exports the value of `definePlugin(...)` as its default
 * export or under any name. A plugin that cannot be found is one error naming where GenHub looked
 * and the command that installs it.
 */
export async function loadPluginPackage(
  name: string,
  options: LoadPluginOptions = {},
): Promise<ProviderPlugin> {
  const searchFrom = [
    ...new Set((options.searchFrom ?? pluginSearchFolders()).map((dir) => resolvePath(dir))),
  ];
  const importPackage = options.importPackage ?? defaultImporter;
  const location = locate(name, searchFrom);
  let module: Record<string, unknown>;
  try {
    module = await importPackage(location ?? name);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (location === undefined && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')) {
      throw new Error(notFoundMessage(name, searchFrom), { cause: error });
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`Plugin "${name}" could not be loaded (${reason}).`, { cause: error });
  }
  const candidates = [module.default, ...Object.values(module)];
  const plugin = candidates.find(isProviderPlugin);
  if (!plugin) {
    throw new Error(
      `"${name}" does not export a GenHub provider plugin; export the result of definePlugin(...) from it.`,
    );
  }
  return plugin;
}

function isPath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || name.startsWith('file:');
}

/** The file URL of the plugin's entry module, from the first folder that has it. */
function locate(name: string, searchFrom: readonly string[]): string | undefined {
  if (name.startsWith('file:')) return name;
  for (const dir of searchFrom) {
    if (isPath(name)) {
      const path = resolvePath(dir, name);
      const entry = existsSync(path) ? entryOf(path) : undefined;
      if (entry !== undefined) return pathToFileURL(entry).href;
      continue;
    }
    try {
      return resolveSpecifier(name, pathToFileURL(join(dir, 'genhub.config.json')).href);
    } catch {
      // Not installed here; try the next folder.
    }
  }
  return undefined;
}

/** A module file itself, or a package folder's entry (`exports['.']`, then `main`, then `index.js`). */
function entryOf(path: string): string | undefined {
  if (!statSync(path).isDirectory()) return path;
  const manifestPath = join(path, 'package.json');
  if (!existsSync(manifestPath))
    return existsSync(join(path, 'index.js')) ? join(path, 'index.js') : undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; main?: unknown };
  const exported = exportTarget(manifest.exports);
  const relative = exported ?? (typeof manifest.main === 'string' ? manifest.main : 'index.js');
  return join(path, relative);
}

/** The target of `exports` for `.` under the conditions Node uses for `import`. */
function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return undefined;
  const map = exports as Record<string, unknown>;
  const root = Object.keys(map).some((key) => key.startsWith('.')) ? map['.'] : map;
  if (typeof root === 'string') return root;
  if (typeof root !== 'object' || root === null) return undefined;
  const conditions = root as Record<string, unknown>;
  for (const condition of ['import', 'node', 'default']) {
    const target = exportTarget(conditions[condition]);
    if (target !== undefined) return target;
  }
  return undefined;
}

function notFoundMessage(name: string, searchFrom: readonly string[]): string {
  const where = searchFrom.join(', ');
  if (isPath(name)) {
    return `Plugin "${name}" was not found relative to ${where}; give the path of its package folder or module file.`;
  }
  return `Plugin package "${name}" is not installed where GenHub looked (${where}, then GenHub's own packages); install it with "npm install ${name}" in ${searchFrom[0]}.`;
}
