import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { pluginNames } from '../src/plugin-names.js';
import { scaffold, templateVersions } from '../src/scaffold.js';

const packageDir = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'create-genhub-plugin-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('pluginNames', () => {
  it('takes the plugin id from the package name', () => {
    expect(pluginNames('@you/genhub-plugin-local-gpu')).toEqual({
      packageName: '@you/genhub-plugin-local-gpu',
      folder: 'genhub-plugin-local-gpu',
      id: 'local-gpu',
      displayName: 'Local Gpu',
      envId: 'LOCAL_GPU',
    });
    expect(pluginNames('pixels').id).toBe('pixels');
  });

  it.each([
    ['Genhub-Plugin-X', 'is not a valid npm package name'],
    ['genhub-plugin-a.b', 'gives the plugin id "a.b"'],
    [`genhub-plugin-${'x'.repeat(41)}`, 'must be 1 to 40'],
  ])('refuses %s in one sentence', (name, reason) => {
    expect(() => pluginNames(name)).toThrow(reason);
  });
});

describe('scaffold', () => {
  const into = join(temp, 'genhub-plugin-local-gpu');
  const names = pluginNames('@you/genhub-plugin-local-gpu');
  const written = scaffold({ names, into, versions: templateVersions() });

  it('writes the template under the new names, with no trace of the placeholder', async () => {
    const files = (await written).map((file) => relative(into, file)).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'README.md',
        'package.json',
        'src/index.ts',
        'test/plugin.test.ts',
      ]),
    );
    expect(files).not.toContain('gitignore');
    for (const file of files) expect(readFileSync(join(into, file), 'utf8'), file).not.toMatch(/acme/i);
    expect(readFileSync(join(into, 'src/index.ts'), 'utf8')).toContain("id: 'local-gpu/image'");
  });

  it('gives every dependency the range this package is tested with', async () => {
    await written;
    const manifest = JSON.parse(readFileSync(join(into, 'package.json'), 'utf8'));
    const own = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const provider = JSON.parse(readFileSync(join(packageDir, '../provider/package.json'), 'utf8'));
    expect(manifest.name).toBe('@you/genhub-plugin-local-gpu');
    expect(manifest.dependencies).toEqual({ '@genhub/provider': `^${provider.version}` });
    expect(manifest.devDependencies.vitest).toBe(own.devDependencies.vitest);
    expect(manifest.peerDependencies.zod).toBe(own.devDependencies.zod);
  });

  // The placeholder appears only in strings and comments: TypeScript still parses every file under
  // a name with a dash (the template itself is type-checked with the workspace, and a scaffold built
  // and tested from the packed packages by pnpm test:packages).
  it('writes files that still parse under a name with a dash', async () => {
    const files = await written;
    for (const file of files.filter((name) => name.endsWith('.ts'))) {
      const { diagnostics = [] } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        reportDiagnostics: true,
      });
      expect(
        diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')),
        file,
      ).toEqual([]);
    }
    for (const file of files.filter((name) => name.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    }
  });

  it('keeps the plugin small enough to read in one sitting: under 120 lines', async () => {
    await written;
    expect(readFileSync(join(into, 'src/index.ts'), 'utf8').trimEnd().split('\n').length).toBeLessThan(120);
  });

  it('refuses a template dependency it has no version for, before writing anything', async () => {
    const elsewhere = join(temp, 'unversioned');
    await expect(scaffold({ names, into: elsewhere, versions: {} })).rejects.toThrow(
      'create-genhub-plugin has no version of @genhub/provider',
    );
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('refuses a folder that is not empty', async () => {
    await written;
    await expect(scaffold({ names, into, versions: {} })).rejects.toThrow('already exists and is not empty');
    expect(existsSync(join(into, 'package.json'))).toBe(true);
  });
});
