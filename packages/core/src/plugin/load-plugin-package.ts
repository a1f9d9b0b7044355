import { isProviderPlugin, type ProviderPlugin } from './plugin.js';

/** Imports a module by name; replaceable in tests. */
export type PackageImporter = (name: string) => Promise<Record<string, unknown>>;

const defaultImporter: PackageImporter = (name) => import(name) as Promise<Record<string, unknown>>;

/**
 * Loads a third-party provider plugin by package name. The package exports the value of
 * `definePlugin(...)` as its default export or under any name.
 */
export async function loadPluginPackage(
  name: string,
  importPackage: PackageImporter = defaultImporter,
): Promise<ProviderPlugin> {
  let module: Record<string, unknown>;
  try {
    module = await importPackage(name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Plugin package "${name}" could not be loaded (${reason}); install it next to GenHub, for example with "pnpm add ${name}".`,
      { cause: error },
    );
  }
  const candidates = [module.default, ...Object.values(module)];
  const plugin = candidates.find(isProviderPlugin);
  if (!plugin) {
    throw new Error(
      `Package "${name}" does not export a GenHub provider plugin; export the result of definePlugin(...) from it.`,
    );
  }
  return plugin;
}
