import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isProviderPlugin, type ProviderPlugin } from '@genhub/core';
import { placeholderEnv } from '@genhub/testkit';

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

/** Every plugin configured with placeholders; GateAI serves its bundled catalogue instead of discovering one. */
export function bundledProviderEnv(plugins: readonly ProviderPlugin[]): Record<string, string> {
  return { ...placeholderEnv(plugins), GENHUB_GATEAI_CATALOGUE: 'bundled' };
}
