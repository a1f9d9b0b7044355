import { fileURLToPath } from 'node:url';
import { isProviderPlugin, type ProviderPlugin } from '@genhub/core';

const BUNDLED = [
  ['gateai', 'gateaiPlugin'],
  ['ainative', 'ainativePlugin'],
  ['imarouter', 'imarouterPlugin'],
  ['kling', 'klingPlugin'],
  ['vidu', 'viduPlugin'],
] as const;

/** Keys that configure every bundled provider without a network: GateAI serves its bundled catalogue. */
export const BUNDLED_PROVIDER_ENV: Readonly<Record<string, string>> = {
  GENHUB_GATEAI_API_KEY: 'sk-test-gateai',
  GENHUB_GATEAI_CATALOGUE: 'bundled',
  GENHUB_AINATIVE_API_KEY: 'ak-test-ainative',
  GENHUB_IMAROUTER_API_KEY: 'ik-test-imarouter',
  GENHUB_KLING_ACCESS_KEY: 'ak-test-kling',
  GENHUB_KLING_SECRET_KEY: 'sk-test-kling-secret',
  GENHUB_VIDU_API_KEY: 'vk-test-vidu',
};

/**
 * The providers `genhub` ships with, loaded from the workspace's sources. This app does not depend
 * on them (the CLI does), but its commands must fit Discord with every one of them configured.
 */
export async function bundledPlugins(): Promise<ProviderPlugin[]> {
  return Promise.all(
    BUNDLED.map(async ([folder, name]) => {
      const path = fileURLToPath(new URL(`../../../packages/plugin-${folder}/src/index.ts`, import.meta.url));
      const loaded = ((await import(path)) as Record<string, unknown>)[name];
      if (!isProviderPlugin(loaded)) throw new Error(`${path} does not export the plugin ${name}.`);
      return loaded;
    }),
  );
}
