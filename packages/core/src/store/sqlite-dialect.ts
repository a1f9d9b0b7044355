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

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #busyTimeoutMs: number;
  // Prepared once: they run around every BEGIN IMMEDIATE.
  readonly #noBusyTimeout: SqliteStatement;
  readonly #busyTimeout: SqliteStatement;

  constructor(raw: SqliteConnection, busyTimeoutMs: number) {
    super({ database: withStatementCache(raw) });
    this.#busyTimeoutMs = busyTimeoutMs;
    this.#noBusyTimeout = raw.prepare('PRAGMA busy_timeout = 0');
    this.#busyTimeout = raw.prepare(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
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

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #raw: SqliteConnection;
  readonly #busyTimeoutMs: number;

  constructor(raw: SqliteConnection, busyTimeoutMs: number) {
    super({ database: raw });
    this.#raw = raw;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#raw, this.#busyTimeoutMs);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** A Kysely dialect on an open better-sqlite3 database whose transactions are BEGIN IMMEDIATE. */
export function createImmediateSqliteDialect(raw: SqliteConnection, busyTimeoutMs: number): SqliteDialect {
  return new ImmediateSqliteDialect(raw, busyTimeoutMs);
}
