import { type FileHandle, open } from 'node:fs/promises';

/** What the SQLite dialect calls after each COMMIT: resolves once the commit is on disk. */
export interface CommitSync {
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Flushes a SQLite database's write-ahead log to disk from Node's thread pool, so the event loop does
 * not stop while the disk catches up.
 *
 * With `synchronous = FULL`, SQLite syncs the WAL inside COMMIT, on the calling thread: on a busy disk
 * that blocks the whole process for milliseconds per commit. With `synchronous = NORMAL` it writes the
 * same frames without the sync; syncing the WAL file after COMMIT returns makes those frames just as
 * durable (a sync flushes the whole file, whichever descriptor asks), and checkpoints still sync the
 * WAL before copying it and the database after. SQLite keeps the WAL file (same inode) while any
 * connection is open, so one descriptor serves for the life of the store.
 */
export class WalSync implements CommitSync {
  readonly #walFile: string;
  #handle: Promise<FileHandle> | undefined;

  /** `databaseFile` is the database's real path (symlinks resolved, as SQLite names its WAL). */
  constructor(databaseFile: string) {
    this.#walFile = `${databaseFile}-wal`;
  }

  /** Resolves once everything written to the WAL before the call is on disk. */
  async sync(): Promise<void> {
    this.#handle ??= open(this.#walFile, 'r+');
    await (await this.#handle).datasync();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
  }
}
