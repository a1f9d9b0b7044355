import { createGenHub, type GenHub, loadConfig, silentLogger } from '@genhub/core';
import { configuredStore } from './configured-store.js';

/**
 * GenHub without any provider, for the commands that only read and write the store (`jobs`,
 * `usage`, `credits`): quick to open, and a provider or plugin package that is down cannot stop them.
 */
export async function openStoreOnly(): Promise<GenHub> {
  const config = loadConfig();
  return createGenHub(
    { ...config, plugins: [] },
    { plugins: [], logger: silentLogger, ...(await configuredStore(config)) },
  );
}
