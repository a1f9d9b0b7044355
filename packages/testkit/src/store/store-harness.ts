import type { Store } from '@genhub/core';

/** What the store conformance suite needs from one kind of database (SQLite, PostgreSQL, ...). */
export interface StoreHarness {
  /** Shown in the test names: `Store on <name>`. */
  name: string;
  /**
   * A fresh, empty, migrated database of its own, named by a string `open`, `sql` and the child
   * module understand (a file path, a schema name). Stores opened on one database share its data, as
   * processes would.
   */
  createDatabase(): Promise<string>;
  /** Opens a store on the database (a new one when none is given). The harness closes it in `cleanup`. */
  open(options?: { database?: string; clock?: { now(): number } }): Promise<Store>;
  /**
   * Runs one SQL statement on the database over a connection of its own, not through the store (with
   * foreign keys enforced), and returns its rows. For checking what the store wrote.
   */
  sql(database: string, statement: string): Promise<Record<string, unknown>[]>;
  /**
   * The file of a module exporting `openStore(database: string): Promise<Store>`, which the suite
   * loads in child processes to play two GenHub processes on one database.
   */
  childModule: string;
  /** Closes every store it opened and removes every database it created. */
  cleanup(): Promise<void>;
}
