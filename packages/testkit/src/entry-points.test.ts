import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every module a source file loads, following relative imports: the files and the packages. */
function importGraph(entry: URL): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: URL) => {
    if (files.has(file.href)) return;
    files.add(file.href);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      if (specifier!.startsWith('.')) visit(new URL(specifier!.replace(/\.js$/, '.ts'), file));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the entry points', () => {
  it('@genhub/testkit never loads vitest, so a plugin can use the kit in any test runner', () => {
    const { files, packages } = importGraph(new URL('./index.ts', import.meta.url));
    expect(files.size).toBeGreaterThan(20);
    expect([...packages].filter((name) => name === 'vitest' || name.startsWith('vitest/'))).toEqual([]);
  });

  it('@genhub/testkit/vitest holds testProvider, which does', () => {
    expect(importGraph(new URL('./vitest.ts', import.meta.url)).packages).toContain('vitest');
  });
});
