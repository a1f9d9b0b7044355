import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore, type Store } from '@genhub/core';
import type { StoreHarness } from './store-harness.js';

/** The embedded store on a file, as GenHub opens it (what the suite's child processes call). */
export function openStore(file: string, clock?: { now(): number }): Promise<Store> {
  // 'normal' skips an fsync per commit: the suite checks behaviour, not durability.
  return createSqliteStore({ file, synchronous: 'normal', ...(clock === undefined ? {} : { clock }) });
}

/** The store conformance suite's harness for the embedded SQLite store: one file per database. */
export function sqliteStoreHarness(): StoreHarness {
  let dir: string | undefined;
  let count = 0;
  const stores: Store[] = [];
  const harness: StoreHarness = {
    name: 'SQLite',
    childModule: fileURLToPath(import.meta.url),
    async createDatabase() {
      dir ??= await mkdtemp(join(tmpdir(), 'genhub-store-'));
      count += 1;
      return join(dir, `db-${count}`, 'genhub.sqlite');
    },
    async open(options = {}) {
      const store = await openStore(options.database ?? (await harness.createDatabase()), options.clock);
      stores.push(store);
      return store;
    },
    async sql(database, statement) {
      const db = openRaw(database);
      try {
        db.exec('pragma foreign_keys = ON');
        return db.run(statement);
      } finally {
        db.close();
      }
    },
    async cleanup() {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

interface RawSqlite {
  exec(sql: string): void;
  /** Rows for a query, none for anything else. */
  run(sql: string): Record<string, unknown>[];
  close(): void;
}

const require = createRequire(import.meta.url);

/** A connection of its own on Node's built-in node:sqlite, or better-sqlite3 on Node 20. */
function openRaw(file: string): RawSqlite {
  type Statement = { columns?(): unknown[]; reader?: boolean; all(): unknown[]; run(): unknown };
  type Database = { prepare(sql: string): Statement; exec(sql: string): void; close(): void };
  let db: Database;
  try {
    const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string) => Database };
    db = new DatabaseSync(file);
  } catch {
    const Sqlite = require('better-sqlite3') as new (file: string) => Database;
    db = new Sqlite(file);
  }
  return {
    exec: (sql) => db.exec(sql),
    run(sql) {
      const statement = db.prepare(sql);
      const reader = statement.reader ?? (statement.columns?.().length ?? 0) > 0;
      if (reader) return statement.all() as Record<string, unknown>[];
      statement.run();
      return [];
    },
    close: () => db.close(),
  };
}
