import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every package a user can install is fit to publish. `pnpm test:packages` packs and installs them;
// this checks the manifests in the workspace at once, so a new entry point or package is not
// forgotten in the published manifest.

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  repository?: { directory?: string };
  exports?: Record<string, Record<string, string>>;
  files?: string[];
  scripts?: Record<string, string>;
  publishConfig?: { access?: string; exports?: unknown };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const packages = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

/**
 * `exports` as published: without the condition that points the workspace at sources. An entry
 * point with only that condition (a plugin's `./test-fake`, for the workspace's own tests) is not
 * published at all.
 */
function withoutSourceCondition(exports: Manifest['exports']): unknown {
  if (exports === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(exports)
      .map(([path, conditions]) => {
        const { '@genhub/source': _source, ...published } = conditions;
        return [path, published] as const;
      })
      .filter(([, published]) => Object.keys(published).length > 0),
  );
}

describe('the published packages', () => {
  it('are the libraries and the scaffolder', () => {
    expect(packages.map(({ manifest }) => manifest.name)).toEqual(
      expect.arrayContaining(['@genhub/provider', '@genhub/core', '@genhub/testkit', 'create-genhub-plugin']),
    );
  });

  it.each(packages.map(({ dir, manifest }) => [manifest.name, dir, manifest] as const))(
    '%s has a licence, a README, its repository folder, a prepack build and public access',
    (_name, dir, manifest) => {
      expect(manifest.license).toMatch(/^(MIT|GPL-3\.0-or-later)$/);
      expect(existsSync(join(root, dir, 'LICENSE')), 'LICENSE').toBe(true);
      expect(existsSync(join(root, dir, 'README.md')), 'README.md').toBe(true);
      expect(manifest.repository?.directory).toBe(dir);
      expect(manifest.scripts?.prepack).toContain('build');
      expect(manifest.files).toContain('dist');
      expect(manifest.publishConfig?.access).toBe('public');
    },
  );

  it.each(packages.map(({ manifest }) => [manifest.name, manifest] as const))(
    '%s publishes every entry point of the workspace, without the source condition',
    (_name, manifest) => {
      expect(manifest.publishConfig?.exports).toEqual(withoutSourceCondition(manifest.exports));
    },
  );

  it.each(packages.map(({ manifest }) => [manifest.name, manifest] as const))(
    '%s depends on the other packages by a range (workspace:^), not an exact version',
    (_name, manifest) => {
      const exact = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(
        ([, range]) => range === 'workspace:*',
      );
      expect(exact).toEqual([]);
    },
  );
});
