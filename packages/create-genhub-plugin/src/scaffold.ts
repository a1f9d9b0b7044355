import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginNames } from './plugin-names.js';

/** The template: a working plugin for the made-up Acme Images API, with its fake and tests. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../template/', import.meta.url));

/** The names the template is written with; each is replaced by the new plugin's. */
const PLACEHOLDERS = (names: PluginNames): ReadonlyArray<readonly [string, string]> => [
  ['genhub-plugin-acme', names.packageName],
  ['Acme', names.displayName],
  ['ACME', names.envId],
  ['acme', names.id],
];

/** Dependency ranges by package name, for the template's `"*"` placeholders. */
export type VersionRanges = Readonly<Record<string, string>>;

export interface ScaffoldOptions {
  names: PluginNames;
  /** The folder to create; it must not exist or be empty. */
  into: string;
  versions: VersionRanges;
  templateDir?: string;
}

/** Writes a new plugin package from the template and returns the paths of the files written. */
export async function scaffold({
  names,
  into,
  versions,
  templateDir = TEMPLATE_DIR,
}: ScaffoldOptions): Promise<string[]> {
  if (existsSync(into) && readdirSync(into).length > 0) {
    throw new Error(`${into} already exists and is not empty; choose another name or remove it.`);
  }
  // A template dependency without a version fails here, before anything is written.
  withVersions(await readFile(join(templateDir, 'package.json'), 'utf8'), versions);
  await cp(templateDir, into, {
    recursive: true,
    filter: (source) => !/(^|[\\/])(node_modules|dist)([\\/]|$)/.test(relative(templateDir, source)),
  });
  // npm leaves .gitignore files out of packages, so the template keeps it as gitignore.
  await rename(join(into, 'gitignore'), join(into, '.gitignore'));
  const files = listFiles(into);
  for (const file of files) {
    let text = await readFile(file, 'utf8');
    for (const [placeholder, value] of PLACEHOLDERS(names)) text = text.replaceAll(placeholder, value);
    if (relative(into, file) === 'package.json') text = withVersions(text, versions);
    await writeFile(file, text);
  }
  return files;
}

/** The template manifest with every `"*"` dependency range filled in from `versions`. */
function withVersions(manifestText: string, versions: VersionRanges): string {
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const dependencies = manifest[field] as Record<string, string> | undefined;
    for (const name of Object.keys(dependencies ?? {})) {
      const range = versions[name];
      if (range === undefined) {
        throw new Error(
          `create-genhub-plugin has no version of ${name} for the template; add it to its devDependencies.`,
        );
      }
      dependencies![name] = range;
    }
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The ranges the template's dependencies get: this package's own devDependencies, which it is
 * tested with. pnpm turns `workspace:^` into `^<version>` when packing; run from the workspace, the
 * same is done here from the linked package's version.
 */
export function templateVersions(packageDir = fileURLToPath(new URL('../', import.meta.url))): VersionRanges {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const versions: Record<string, string> = {};
  for (const [name, range] of Object.entries(manifest.devDependencies ?? {})) {
    const workspace = /^workspace:([~^]?)/.exec(range);
    if (workspace === null) {
      versions[name] = range;
      continue;
    }
    const linked = JSON.parse(
      readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    versions[name] = `${workspace[1]}${linked.version}`;
  }
  return versions;
}
