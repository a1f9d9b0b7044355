import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin, isProviderPlugin } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectSecrets } from './config-secrets.js';
import { loadPluginPackage } from './load-plugin-package.js';

const definition = {
  id: 'acme',
  name: 'Acme',
  contract: 1 as const,
  config: z.object({ apiKey: z.string() }),
  setup: () => ({
    models: () => [],
    submit: async () => ({ status: 'succeeded' as const, outputs: [] }),
    poll: async () => ({ status: 'pending' as const }),
  }),
};

describe('definePlugin', () => {
  it('marks the plugin so core recognises it', () => {
    const plugin = definePlugin(definition);
    expect(isProviderPlugin(plugin)).toBe(true);
    expect(isProviderPlugin({ ...definition })).toBe(false);
    expect(Object.isFrozen(plugin)).toBe(true);
  });

  it('rejects bad ids and unknown contract versions where the plugin is written', () => {
    expect(() => definePlugin({ ...definition, id: 'Acme Corp' })).toThrow(/invalid/);
    expect(() => definePlugin({ ...definition, contract: 2 as unknown as 1 })).toThrow(/contract 2/);
  });
});

describe('loadPluginPackage', () => {
  const plugin = definePlugin(definition);
  const root = mkdtempSync(join(tmpdir(), 'genhub-plugins-'));
  const cwd = join(root, 'work');
  const configDir = join(root, 'config');
  /** A package whose module exports a plugin-marked object (as any copy of @genhub/provider makes). */
  const writePackage = (dir: string, name: string, body: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, type: 'module', exports: { '.': './main.js' } }),
    );
    writeFileSync(join(dir, 'main.js'), body);
  };
  const marked = "export const thing = { id: 'acme', [Symbol.for('genhub.plugin')]: true };\n";
  writePackage(join(configDir, 'node_modules', '@acme', 'genhub-plugin'), '@acme/genhub-plugin', marked);
  writePackage(join(cwd, 'local-plugin'), 'local-plugin', marked);
  writePackage(join(cwd, 'node_modules', 'not-a-plugin'), 'not-a-plugin', 'export const x = 1;\n');
  const searchFrom = [cwd, configDir];

  it('finds the plugin as the default or a named export', async () => {
    expect(await loadPluginPackage('a', { importPackage: async () => ({ default: plugin }) })).toBe(plugin);
    expect(
      await loadPluginPackage('b', { importPackage: async () => ({ helper: 1, acmePlugin: plugin }) }),
    ).toBe(plugin);
  });

  it('finds a package installed next to the configuration file, and a path to a package folder', async () => {
    expect((await loadPluginPackage('@acme/genhub-plugin', { searchFrom })).id).toBe('acme');
    expect((await loadPluginPackage('./local-plugin', { searchFrom })).id).toBe('acme');
  });

  it('says where it looked and how to install a missing package, and when a module exports no plugin', async () => {
    const missing = loadPluginPackage('@acme/missing', { searchFrom });
    await expect(missing).rejects.toThrow(
      `where GenHub looked (${cwd}, ${configDir}, then GenHub's own packages)`,
    );
    await expect(missing).rejects.toThrow(`install it with "npm install @acme/missing" in ${cwd}.`);
    await expect(loadPluginPackage('./nowhere', { searchFrom })).rejects.toThrow('was not found relative to');
    await expect(loadPluginPackage('not-a-plugin', { searchFrom })).rejects.toThrow(
      'does not export a GenHub provider plugin',
    );
  });
});

describe('collectSecrets', () => {
  it('collects values of secret-looking keys at any depth', () => {
    expect(
      collectSecrets({
        apiKey: 'sk-1',
        baseUrl: 'http://x',
        nested: { botToken: 't-2', list: [{ clientSecret: 's-3' }] },
        password: '',
      }).sort(),
    ).toEqual(['s-3', 'sk-1', 't-2']);
  });
});
