import { createRequire } from 'node:module';

/** The few calls tests make on a raw SQLite connection, on whichever binding the store itself uses. */
export interface RawSqlite {
  prepare(sql: string): {
    get(...parameters: unknown[]): unknown;
    all(...parameters: unknown[]): unknown[];
    run(...parameters: unknown[]): unknown;
  };
  exec(sql: string): void;
  /** The first column of `PRAGMA <statement>`. */
  pragma(statement: string): unknown;
  close(): void;
}

const require = createRequire(import.meta.url);

function loadBuiltin():
  | { DatabaseSync: new (file: string, options?: { readOnly?: boolean }) => RawSqlite }
  | undefined {
  try {
    return require('node:sqlite');
  } catch {
    return undefined;
  }
}

/** Opens a SQLite file for inspection or for playing a second connection in a test. */
export function openRaw(file: string, options: { readonly?: boolean } = {}): RawSqlite {
  const builtin = loadBuiltin();
  if (builtin) {
    const db = new builtin.DatabaseSync(file, { readOnly: options.readonly ?? false });
    return {
      prepare: (sql) => db.prepare(sql),
      exec: (sql) => db.exec(sql),
      pragma: (statement) => {
        const row = db.prepare(`PRAGMA ${statement}`).get() as object | undefined;
        return row === undefined ? undefined : Object.values(row)[0];
      },
      close: () => db.close(),
    };
  }
  const Sqlite = require('better-sqlite3') as new (
    file: string,
    options?: { readonly?: boolean },
  ) => RawSqlite & { pragma(statement: string, options: { simple: true }): unknown };
  const db = new Sqlite(file, { readonly: options.readonly ?? false });
  return {
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => db.exec(sql),
    pragma: (statement) => db.pragma(statement, { simple: true }),
    close: () => db.close(),
  };
}
