import { createMigrator, MIGRATIONS } from '@genhub/core';
import { databaseAddress } from './database-address.js';
import { openPostgresDatabase, type PostgresStoreOptions, unreachable } from './postgres-store.js';

export type PostgresCheck =
  | { ok: true; address: string; migrations: number }
  | { ok: false; address: string; message: string };

/**
 * For `genhub doctor`: can this process reach the database, and is its schema at the latest
 * migration? Changes nothing. Every failure is one sentence that says what to do, with no password.
 */
export async function checkPostgres(
  options: Pick<PostgresStoreOptions, 'url' | 'schema' | 'connectTimeoutMs'>,
): Promise<PostgresCheck> {
  const address = databaseAddress(options.url);
  const schema = options.schema ?? 'public';
  const db = openPostgresDatabase({ ...options, poolSize: 1 });
  try {
    let applied: number;
    try {
      const migrations = await createMigrator(db, { migrationTableSchema: schema }).getMigrations();
      applied = migrations.filter((migration) => migration.executedAt !== undefined).length;
    } catch (error) {
      return { ok: false, address, message: unreachable(options.url, error).message };
    }
    const latest = Object.keys(MIGRATIONS).length;
    if (applied < latest) {
      return {
        ok: false,
        address,
        message: `The database ${address} has ${applied} of ${latest} migrations; run genhub start once to apply the rest.`,
      };
    }
    return { ok: true, address, migrations: applied };
  } finally {
    await db.destroy();
  }
}
