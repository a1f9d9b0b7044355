import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { GenHubError } from '../errors/genhub-error.js';
import type { Database } from './database-schema.js';
import { createKyselyStore } from './kysely-store.js';
import type { Store } from './ledger.js';
import { migrateToLatest } from './migrations.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';

export interface SqliteStoreOptions {
  /** The database file (its folder is created), or ':memory:' for a private in-memory database. */
  file: string;
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times; defaults to the system clock. */
  clock?: { now(): number };
  /** How long a write waits for another connection's transaction before failing. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * 'full' (the default) syncs the WAL to disk at every commit, so a committed job or charge survives
   * a power cut or OS crash. 'normal' syncs only at checkpoints: still safe against the process
   * crashing (the WAL is in the OS's hands), but the last commits before a power cut can be lost.
   */
  synchronous?: 'full' | 'normal';
}

type BetterSqlite3Constructor = new (file: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database;

/** better-sqlite3 is an optional peer dependency, loaded only when a SQLite store is opened. */
async function loadBetterSqlite3(): Promise<BetterSqlite3Constructor> {
  try {
    return (await import('better-sqlite3')).default;
  } catch (error) {
    throw new GenHubError('INTERNAL', 'The SQLite store needs the better-sqlite3 package; install it.', {
      cause: error,
    });
  }
}

/**
 * Opens (creating if needed) the embedded store: a SQLite file in WAL mode (readers never wait for
 * the writer), foreign keys on, migrated to the latest schema. Several stores (processes) may open the
 * same file; their transactions take turns (see `sqlite-dialect.ts`).
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { file, busyTimeoutMs = 5000, synchronous = 'full' } = options;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new GenHubError('INVALID_INPUT', 'busyTimeoutMs must be a whole number of milliseconds.', {
      details: { param: 'busyTimeoutMs', value: busyTimeoutMs },
    });
  }
  const Sqlite = await loadBetterSqlite3();
  if (file !== ':memory:' && file !== '') await mkdir(dirname(resolve(file)), { recursive: true });

  const raw = new Sqlite(file, { timeout: busyTimeoutMs });
  const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, busyTimeoutMs) });
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    raw.pragma('foreign_keys = ON');
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    if (raw.open) raw.close();
    throw error;
  }
  return createKyselyStore(db, options.clock === undefined ? {} : { clock: options.clock });
}
