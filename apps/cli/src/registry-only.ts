import {
  createGenHub,
  createSqliteStore,
  type GenHub,
  loadConfig,
  type ProviderPlugin,
  silentLogger,
} from '@genhub/core';

/**
 * GenHub for commands that only read the models (`models`, `deploy-commands`): the configured
 * providers on a private in-memory store, with no Redis connection, so they touch neither the
 * database nor the queue of a running installation and leave no file behind.
 */
export async function registryOnlyGenHub(plugins: readonly ProviderPlugin[]): Promise<GenHub> {
  const config = loadConfig();
  return createGenHub(
    { ...config, role: 'all', redis: { ...config.redis, url: undefined } },
    { plugins, logger: silentLogger, store: await createSqliteStore({ file: ':memory:' }) },
  );
}
