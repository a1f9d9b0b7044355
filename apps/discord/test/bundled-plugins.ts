import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isProviderPlugin, type ProviderPlugin, providerEnvName } from '@genhub/core';

const PACKAGES = new URL('../../../packages/', import.meta.url);

/**
 * Every provider plugin of this repository (each `packages/plugin-*`), loaded from its sources. This
 * app does not depend on them (the CLI does), but its commands must fit Discord with all of them
 * configured at once.
 */
export async function bundledPlugins(): Promise<ProviderPlugin[]> {
  const folders = readdirSync(PACKAGES).filter((name) => name.startsWith('plugin-'));
  const plugins = await Promise.all(
    folders.map(async (folder) => {
      const path = fileURLToPath(new URL(`${folder}/src/index.ts`, PACKAGES));
      const exported = Object.values((await import(path)) as Record<string, unknown>);
      const found = exported.filter(isProviderPlugin);
      if (found.length === 0) throw new Error(`${path} exports no provider plugin.`);
      return found;
    }),
  );
  return [...new Set(plugins.flat())];
}

/**
 * Settings that configure each plugin without a network: every required setting of its config
 * schema gets a placeholder (GateAI serves its bundled catalogue instead of discovering one).
 */
export function bundledProviderEnv(plugins: readonly ProviderPlugin[]): Record<string, string> {
  const env: Record<string, string> = { GENHUB_GATEAI_CATALOGUE: 'bundled' };
  for (const plugin of plugins) {
    const shape = (
      plugin.config as { shape?: Record<string, { safeParse(value: unknown): { success: boolean } }> }
    ).shape;
    for (const [key, schema] of Object.entries(shape ?? {})) {
      if (schema.safeParse(undefined).success) continue; // optional, or has a default
      env[providerEnvName(plugin.id, key)] = `test-${plugin.id}-${key}-0123456789`;
    }
  }
  return env;
}
