import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectSecrets } from './config-secrets.js';
import { loadPluginPackage } from './load-plugin-package.js';
import { definePlugin, isProviderPlugin } from './plugin.js';

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

  it('finds the plugin as the default or a named export', async () => {
    expect(await loadPluginPackage('a', async () => ({ default: plugin }))).toBe(plugin);
    expect(await loadPluginPackage('b', async () => ({ helper: 1, acmePlugin: plugin }))).toBe(plugin);
  });

  it('says what to do when the package is missing or exports no plugin', async () => {
    await expect(
      loadPluginPackage('@acme/missing', async () => {
        throw new Error('Cannot find package');
      }),
    ).rejects.toThrow('install it next to GenHub, for example with "pnpm add @acme/missing"');
    await expect(loadPluginPackage('@acme/empty', async () => ({ x: 1 }))).rejects.toThrow(
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
