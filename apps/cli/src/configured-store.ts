import type { GenHubConfig, Store } from '@genhub/core';

/**
 * The store the configuration asks for, as `createGenHub` options: PostgreSQL when `database.url`
 * (GENHUB_DATABASE_URL) is set; otherwise none, and createGenHub opens the SQLite file in `dataDir`.
 * The PostgreSQL driver is loaded only then.
 */
export async function configuredStore(config: GenHubConfig): Promise<{ store?: Store }> {
  const { url, schema, poolSize } = config.database;
  if (url === undefined) return {};
  const { createPostgresStore } = await import('@genhub/store-postgres');
  return { store: await createPostgresStore({ url, schema, poolSize }) };
}
