import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a plugin author installs with @genhub/provider must stay small: no native module, and none of
// the runtime's logger, container, database or queue libraries.

const FORBIDDEN = [
  'pino',
  'tsyringe',
  'reflect-metadata',
  'kysely',
  'better-sqlite3',
  'pg',
  'bullmq',
  'ioredis',
  'undici',
];

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  gypfile?: boolean;
  scripts?: Record<string, string>;
}

function manifestDir(name: string, from: string): string | undefined {
  // Walks up node_modules folders the way Node does, without loading the package.
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return dirname(realpathSync(candidate));
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every package @genhub/provider pulls in at run time (not its dev or peer dependencies). */
function runtimeTree(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const found = manifestDir(name, dir);
      if (found === undefined || seen.has(name)) continue;
      seen.set(name, found);
      visit(found);
    }
  };
  visit(root);
  return seen;
}

function hasNativeCode(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  if (manifest.gypfile === true || existsSync(join(dir, 'binding.gyp'))) return true;
  if (/node-gyp|prebuild/.test(manifest.scripts?.install ?? '')) return true;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) stack.push(join(current, entry.name));
      else if (entry.name.endsWith('.node')) return true;
    }
  }
  return false;
}

describe("@genhub/provider's installed dependencies", () => {
  const root = dirname(createRequire(import.meta.url).resolve('../package.json'));
  const tree = runtimeTree(root);

  it('hold no logger, container, database or queue library', () => {
    expect(tree.size).toBeGreaterThan(0);
    expect([...tree.keys()].filter((name) => FORBIDDEN.includes(name))).toEqual([]);
  });

  it('hold no native module', () => {
    expect([...tree].filter(([, dir]) => hasNativeCode(dir)).map(([name]) => name)).toEqual([]);
  });

  it('keep zod a peer dependency, shared with the host', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest & {
      peerDependencies?: Record<string, string>;
    };
    expect(manifest.peerDependencies?.zod).toBeDefined();
    expect(tree.has('zod')).toBe(false);
  });
});
