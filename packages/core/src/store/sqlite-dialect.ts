import { GenHubError } from '@genhub/provider';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type { SqliteConnection, SqliteStatement } from './sqlite-connection.js';
import type { CommitSync } from './wal-sync.js';

/*
 * Kysely's SQLite dialect, with one change: transactions begin with BEGIN IMMEDIATE, taking the write
 * lock at the start. With a plain (deferred) BEGIN, two connections could both read a balance and
 * then one of them fail to write (SQLITE_BUSY_SNAPSHOT) halfway through; with IMMEDIATE, writers queue
 * and every transaction sees the state the previous one committed.
 *
 * Waiting for the lock happens here, asynchronously, not in SQLite's busy handler: the handler sleeps
 * the whole thread, and when the lock is held by another connection in this same process (a second
 * store on the same file) that holder can only finish on this thread, so the handler would just burn
 * the timeout. So the busy timeout is switched off around BEGIN IMMEDIATE and retried with short
 * sleeps until `busyTimeoutMs` has passed. Other statements keep SQLite's own busy timeout: in WAL
 * mode they only wait for locks that are never held across an await (recovery, the last close).
 *
 * And one more: Kysely's SQLite adapter says SQLite has no transactional DDL, so its migrator runs
 * migrations outside any transaction and takes no lock; two processes starting on a new file would
 * then both create the same tables. SQLite's DDL is transactional, so the adapter here says so, and
 * migrations run inside one BEGIN IMMEDIATE: one process migrates, the others wait and find nothing
 * left to do.
 *
 * Given a `CommitSync` (a `WalSync` on a file in WAL mode with `synchronous = NORMAL`), COMMIT is
 * followed by a sync of the WAL from the thread pool, and the transaction only ends when it is done:
 * durable as with `synchronous = FULL`, without stopping the event loop. The connection stays taken
 * until then, so no statement of this store sees a commit before it is on disk (another process on the
 * same file may). If that sync fails, what is on disk is unknown: the store refuses every later
 * statement, and a restart carries on from the disk.
 */

/** SQLITE_BUSY (any extended code), as better-sqlite3 (`code`) and node:sqlite (`errcode`) report it. */
function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  return typeof errcode === 'number' && (errcode & 0xff) === 5;
}

/**
 * A connection with prepared statements reused by SQL text: Kysely prepares every statement each
 * time it runs, which costs more than running it. Bounded, oldest out first.
 */
function withStatementCache(raw: SqliteConnection, max = 256) {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const COMMIT = CompiledQuery.raw('commit');

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #busyTimeoutMs: number;
  readonly #walSync: CommitSync | undefined;
  // Prepared once: they run around every BEGIN IMMEDIATE.
  readonly #noBusyTimeout: SqliteStatement;
  readonly #busyTimeout: SqliteStatement;
  /** Set when a committed transaction could not be synced: nothing more runs on this store. */
  #syncFailure: GenHubError | undefined;

  constructor(raw: SqliteConnection, busyTimeoutMs: number, walSync: CommitSync | undefined) {
    super({ database: withStatementCache(raw) });
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#walSync = walSync;
    this.#noBusyTimeout = raw.prepare('PRAGMA busy_timeout = 0');
    this.#busyTimeout = raw.prepare(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#syncFailure) throw this.#syncFailure;
    const connection = await super.acquireConnection();
    if (this.#syncFailure) {
      await super.releaseConnection();
      throw this.#syncFailure;
    }
    return connection;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(COMMIT);
    if (this.#walSync === undefined) return;
    try {
      await this.#walSync.sync();
    } catch (error) {
      this.#syncFailure = new GenHubError(
        'INTERNAL',
        'The database could not be saved to disk; restart GenHub to carry on from what was saved.',
        { cause: error },
      );
      throw this.#syncFailure;
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After a failed sync the transaction is already committed: there is nothing to roll back.
    if (this.#syncFailure) return;
    await super.rollbackTransaction(connection);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.#walSync?.close();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + this.#busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      this.#noBusyTimeout.all([]);
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) {
          throw new GenHubError('INTERNAL', `The database stayed locked for ${this.#busyTimeoutMs} ms.`, {
            retryable: true,
            cause: error,
          });
        }
      } finally {
        this.#busyTimeout.all([]);
      }
      // 1, 2, 4 ... 16 ms, jittered so two waiting connections do not retry in step.
      await sleep(Math.min(16, 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/**
 * The driver of a query-only connection (the store's reads), with no lock around each query. Kysely's
 * SQLite driver takes a mutex per query; every waiter wakes at each release, so under a burst (200
 * chat commands at once, each reading a user's settings before it may acknowledge) a read waited
 * milliseconds for others that take microseconds. A read here runs to completion synchronously, and
 * nothing opens a transaction or a stream on this connection, so no lock is needed.
 */
class QueryOnlySqliteDriver extends SqliteDriver {
  #connection: DatabaseConnection | undefined;

  override async init(): Promise<void> {
    await super.init();
    this.#connection = await super.acquireConnection();
    await super.releaseConnection();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#connection === undefined) throw new GenHubError('INTERNAL', 'The store is closed.');
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {}

  override async beginTransaction(): Promise<void> {
    throw new GenHubError('INTERNAL', 'The read connection takes no transactions.');
  }

  override async destroy(): Promise<void> {
    this.#connection = undefined;
    await super.destroy();
  }
}

class QueryOnlySqliteDialect extends SqliteDialect {
  readonly #raw: SqliteConnection;

  constructor(raw: SqliteConnection) {
    super({ database: raw });
    this.#raw = raw;
  }

  override createDriver(): Driver {
    return new QueryOnlySqliteDriver({ database: withStatementCache(this.#raw) });
  }
}

/** A Kysely dialect for a connection that only reads, outside transactions (see QueryOnlySqliteDriver). */
export function createQueryOnlySqliteDialect(raw: SqliteConnection): SqliteDialect {
  return new QueryOnlySqliteDialect(raw);
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #raw: SqliteConnection;
  readonly #busyTimeoutMs: number;
  readonly #walSync: CommitSync | undefined;

  constructor(raw: SqliteConnection, busyTimeoutMs: number, walSync: CommitSync | undefined) {
    super({ database: raw });
    this.#raw = raw;
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#walSync = walSync;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#raw, this.#busyTimeoutMs, this.#walSync);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * A Kysely dialect on an open SQLite database whose transactions are BEGIN IMMEDIATE; with `walSync`,
 * each commit ends with a sync of the WAL from the thread pool.
 */
export function createImmediateSqliteDialect(
  raw: SqliteConnection,
  busyTimeoutMs: number,
  walSync?: CommitSync,
): SqliteDialect {
  return new ImmediateSqliteDialect(raw, busyTimeoutMs, walSync);
}
