import type { GenHubConfig, Store } from '@genhub/core';
import { createPostgresStore } from '@genhub/store-postgres';

/**
 * The store the configuration asks for, as `createGenHub` options: PostgreSQL when `database.url`
 * (GENHUB_DATABASE_URL) is set; otherwise none, and createGenHub opens the SQLite file in `dataDir`.
 */
export async function configuredStore(config: GenHubConfig): Promise<{ store?: Store }> {
  const { url, schema, poolSize } = config.database;
  if (url === undefined) return {};
  return { store: await createPostgresStore({ url, schema, poolSize }) };
}
