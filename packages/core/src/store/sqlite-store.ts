import { mkdir, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { GenHubError } from '@genhub/provider';
import { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { groupCommitTransact } from './group-commit.js';
import { createKyselyStore } from './kysely-store.js';
import type { Store } from './ledger.js';
import { migrateToLatest } from './migrations.js';
import { openSqlite, type SqliteConnection, type SqliteDriverName } from './sqlite-connection.js';
import { createImmediateSqliteDialect, createQueryOnlySqliteDialect } from './sqlite-dialect.js';
import { WalSync } from './wal-sync.js';

export interface SqliteStoreOptions {
  /** The database file (its folder is created), or ':memory:' for a private in-memory database. */
  file: string;
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times; defaults to the system clock. */
  clock?: { now(): number };
  /** How long a write waits for another connection's transaction before failing. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * 'full' (the default) syncs the WAL to disk at every commit, so a committed job or charge survives
   * a power cut or OS crash; the sync runs in Node's thread pool (`wal-sync.ts`). 'normal' syncs only
   * at checkpoints: still safe against the process crashing (the WAL is in the OS's hands), but the
   * last commits before a power cut can be lost.
   */
  synchronous?: 'full' | 'normal';
  /** The SQLite binding; `auto` (the default) prefers Node's built-in node:sqlite. */
  driver?: SqliteDriverName;
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
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) await mkdir(dirname(resolve(file)), { recursive: true });

  const raw = await openSqlite(file, {
    busyTimeoutMs,
    ...(options.driver ? { driver: options.driver } : {}),
  });
  let db: Kysely<Database> | undefined;
  try {
    raw.pragma('journal_mode = WAL');
    // 'full' on a WAL file: SQLite commits without syncing and the dialect syncs the WAL off the
    // main thread before the commit counts. Elsewhere (in memory, no WAL) SQLite syncs itself.
    const walSync =
      synchronous === 'full' && onDisk && journalMode(raw) === 'wal'
        ? new WalSync(await realpath(file))
        : undefined;
    raw.pragma(`synchronous = ${synchronous === 'normal' || walSync ? 'NORMAL' : 'FULL'}`);
    raw.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, busyTimeoutMs, walSync) });
    await migrateToLatest(db);
  } catch (error) {
    await db?.destroy();
    if (raw.isOpen) raw.close();
    throw error;
  }
  // Writes asked for in the same turn of the event loop share one transaction and one commit; reads
  // go through a second connection, so a read (a user's settings before a chat acknowledgement, a
  // balance) never queues behind them. An in-memory database is private to its connection: one only.
  // (A read there may see a commit whose WAL sync is still under way: what it reports is what the
  // writer was told succeeded a moment later, or, after a power cut in that moment, never was.)
  let reads: Kysely<Database> | undefined;
  try {
    if (onDisk) reads = await openReadConnection(file, busyTimeoutMs, options.driver);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore(db, {
    transact: groupCommitTransact(db),
    ...(reads === undefined ? {} : { reads }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

/** A second, query-only connection on the migrated file, for reads outside transactions. */
async function openReadConnection(
  file: string,
  busyTimeoutMs: number,
  driver: SqliteDriverName | undefined,
): Promise<Kysely<Database>> {
  const raw = await openSqlite(file, { busyTimeoutMs, ...(driver ? { driver } : {}) });
  raw.pragma('query_only = ON');
  return new Kysely<Database>({ dialect: createQueryOnlySqliteDialect(raw) });
}

function journalMode(raw: SqliteConnection): string {
  const [row] = raw.prepare('PRAGMA journal_mode').all([]) as Array<{ journal_mode?: unknown }>;
  return String(row?.journal_mode ?? '').toLowerCase();
}
