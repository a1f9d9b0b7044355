/** The names a new plugin package is known by, all from the package name. */
export interface PluginNames {
  /** The npm package name, such as `@you/genhub-plugin-local-gpu`. */
  packageName: string;
  /** The folder it is written to: the name without its scope. */
  folder: string;
  /** The plugin id: the prefix of its model ids and settings, such as `local-gpu`. */
  id: string;
  /** Such as `Local Gpu`. */
  displayName: string;
  /** The id as it appears in setting variables: `LOCAL_GPU` in `GENHUB_LOCAL_GPU_API_KEY`. */
  envId: string;
}

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Names a plugin from its package name: `genhub-plugin-acme` (or `@you/genhub-plugin-acme`) is
 * the plugin `acme`. Throws one sentence saying what to change when the name cannot be used.
 */
export function pluginNames(packageName: string): PluginNames {
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 214) {
    throw new Error(
      `"${packageName}" is not a valid npm package name; use lower-case letters, digits and dashes, such as genhub-plugin-acme.`,
    );
  }
  const folder = packageName.split('/').at(-1)!;
  const id = folder.replace(/^genhub-plugin-/, '');
  if (!PLUGIN_ID.test(id)) {
    throw new Error(
      `"${packageName}" gives the plugin id "${id}", which must be 1 to 40 lower-case letters, digits or dashes; name the package genhub-plugin-<id>.`,
    );
  }
  const displayName = id
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
  return { packageName, folder, id, displayName, envId: id.toUpperCase().replace(/-/g, '_') };
}
