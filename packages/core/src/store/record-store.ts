import type { JsonValue } from '@genhub/provider';

export interface PutRecordOptions {
  /** The record reads as absent this many milliseconds from now. */
  ttlMs?: number;
  /**
   * The most characters of JSON the record may take (64 KiB unless given): raise it for a record
   * that must carry something known to be larger, such as a confirmation holding an input image.
   */
  maxChars?: number;
}

/**
 * Small JSON records by namespace and key, kept in the job store's database: a user's settings, a
 * price confirmation waiting for its button, a claim on an update. Not for anything large.
 */
export interface RecordStore {
  get(namespace: string, key: string): Promise<JsonValue | undefined>;
  /** Creates or replaces the record. */
  put(namespace: string, key: string, value: JsonValue, options?: PutRecordOptions): Promise<void>;
  /** Reads and deletes the record in one step, so of two concurrent takers only one gets it. */
  take(namespace: string, key: string): Promise<JsonValue | undefined>;
  delete(namespace: string, key: string): Promise<void>;
  /**
   * Claims a key for `ttlMs` with one atomic insert: true for the one caller that claimed it, false
   * for every other while the claim lasts (in this process or another on the same database). For
   * doing something at most once, such as handling an update a platform may deliver twice.
   */
  claimOnce(namespace: string, key: string, ttlMs: number): Promise<boolean>;
}
