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
 * price confirmation waiting for its button. Not for anything large or hot.
 */
export interface RecordStore {
  get(namespace: string, key: string): Promise<JsonValue | undefined>;
  /** Creates or replaces the record. */
  put(namespace: string, key: string, value: JsonValue, options?: PutRecordOptions): Promise<void>;
  /** Reads and deletes the record in one step, so of two concurrent takers only one gets it. */
  take(namespace: string, key: string): Promise<JsonValue | undefined>;
  delete(namespace: string, key: string): Promise<void>;
}
