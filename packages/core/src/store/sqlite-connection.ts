import { GenHubError } from '@genhub/provider';
import type BetterSqlite3 from 'better-sqlite3';

/** A prepared statement in the shape Kysely's SQLite dialect drives. */
export interface SqliteStatement {
  readonly reader: boolean;
  all(parameters: ReadonlyArray<unknown>): unknown[];
  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown>;
}

/** Which SQLite binding to use. `auto` takes Node's built-in `node:sqlite` where it exists (Node 22.13+). */
export type SqliteDriverName = 'auto' | 'node:sqlite' | 'better-sqlite3';

/** An open SQLite database, whichever binding opened it. */
export interface SqliteConnection {
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  prepare(sql: string): SqliteStatement;
  /** Runs `PRAGMA <statement>`, such as `journal_mode = WAL`. */
  pragma(statement: string): void;
  readonly isOpen: boolean;
  close(): void;
}

export interface OpenSqliteOptions {
  /** How long SQLite itself waits for a lock held by another connection. */
  busyTimeoutMs: number;
  driver?: SqliteDriverName;
}

/**
 * Opens a SQLite file. On Node 22.13 and later the built-in `node:sqlite` is used: better-sqlite3 12
 * aborts the process on Node 24.19+ when it frees a statement (nodejs/node#65446), and 13, which
 * fixes that, needs Node 22. On Node 20, better-sqlite3 (an optional peer dependency) is used.
 */
export async function openSqlite(file: string, options: OpenSqliteOptions): Promise<SqliteConnection> {
  const wanted = options.driver ?? 'auto';
  if (wanted !== 'better-sqlite3') {
    const builtin = await loadNodeSqlite();
    if (builtin) return openWithNodeSqlite(builtin, file, options.busyTimeoutMs);
    if (wanted === 'node:sqlite') {
      throw new GenHubError(
        'INTERNAL',
        'node:sqlite needs Node 22.13 or newer; use the better-sqlite3 driver.',
      );
    }
  }
  return openWithBetterSqlite3(await loadBetterSqlite3(), file, options.busyTimeoutMs);
}

interface NodeSqliteStatement {
  columns(): unknown[];
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
}

interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  exec(sql: string): void;
  close(): void;
  readonly isOpen: boolean;
}

type NodeSqliteModule = {
  DatabaseSync: new (file: string, options?: { timeout?: number }) => NodeSqliteDatabase;
};

async function loadNodeSqlite(): Promise<NodeSqliteModule | undefined> {
  const specifier: string = 'node:sqlite';
  try {
    const module = (await import(specifier)) as NodeSqliteModule;
    return typeof module.DatabaseSync === 'function' ? module : undefined;
  } catch {
    return undefined;
  }
}

function openWithNodeSqlite(module: NodeSqliteModule, file: string, busyTimeoutMs: number): SqliteConnection {
  const db = new module.DatabaseSync(file, { timeout: busyTimeoutMs });
  return {
    driver: 'node:sqlite',
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...parameters),
        run: (parameters) => statement.run(...parameters),
        iterate: (parameters) => statement.iterate(...parameters),
      };
    },
    pragma: (statement) => db.exec(`PRAGMA ${statement}`),
    get isOpen() {
      return db.isOpen;
    },
    close: () => db.close(),
  };
}

type BetterSqlite3Constructor = new (file: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database;

async function loadBetterSqlite3(): Promise<BetterSqlite3Constructor> {
  try {
    return (await import('better-sqlite3')).default;
  } catch (error) {
    throw new GenHubError(
      'INTERNAL',
      'On Node 20 the SQLite store needs the better-sqlite3 package; install it, or run Node 22.13 or newer.',
      { cause: error },
    );
  }
}

function openWithBetterSqlite3(
  Sqlite: BetterSqlite3Constructor,
  file: string,
  busyTimeoutMs: number,
): SqliteConnection {
  const db = new Sqlite(file, { timeout: busyTimeoutMs });
  return {
    driver: 'better-sqlite3',
    prepare: (sql) => db.prepare(sql) as unknown as SqliteStatement,
    pragma: (statement) => {
      db.pragma(statement);
    },
    get isOpen() {
      return db.open;
    },
    close: () => db.close(),
  };
}
