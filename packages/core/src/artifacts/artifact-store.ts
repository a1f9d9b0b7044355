import type { JsonObject } from '@genhub/provider';
import type { ArtifactRecord } from '../jobs/job.js';

export interface PutArtifactInput {
  jobId: string;
  /** A stream is written as it arrives, never held whole in memory. */
  source: AsyncIterable<Uint8Array> | Uint8Array;
  /** Past this many bytes the write stops with GenHubError INVALID_INPUT and nothing is kept. */
  maxBytes: number;
  role: 'primary' | 'preview';
  /** What the provider or server said the file is; the bytes win when they are recognisable. */
  declaredMediaType?: string;
  /** Recorded as given: strip tokens (query strings) before passing it. */
  sourceUrl?: string;
  metadata?: JsonObject;
  signal?: AbortSignal;
}

/**
 * Where job outputs live. Keys are paths relative to the store's root, `<jobId>/<artifactId>.<ext>`;
 * a key exists only once its file is complete.
 */
export interface ArtifactStore {
  /** Stores one file: sniffs its media type, counts it and records its sha256. */
  put(input: PutArtifactInput): Promise<ArtifactRecord>;
  stat(key: string): Promise<{ bytes: number } | undefined>;
  /** The file's bytes, streamed (a Node Readable for the local store). */
  read(key: string): AsyncIterable<Uint8Array>;
  /** The file's path on this machine, for stores that have one. */
  localPath?(key: string): string;
  /** Deletes every file of a job, finished or partial; nothing happens when there are none. */
  remove(jobId: string): Promise<void>;
  /**
   * A link that serves the file straight from the store until it expires, for stores users can
   * reach themselves (a bucket); without it, result links go through GenHub's own HTTP server.
   */
  presignedUrl?(key: string, options: PresignOptions): Promise<string>;
  /** Writes and deletes a small probe file, failing with one sentence when the store cannot (doctor). */
  checkWritable?(signal?: AbortSignal): Promise<void>;
  /** Where the files are, for messages: a folder or `s3://bucket`. */
  readonly location: string;
  /** Releases connections; the store is not used after. */
  close?(): Promise<void>;
}

export interface PresignOptions {
  expiresInSeconds: number;
  /** What a browser is told: the file's type, its name and whether to show it or download it. */
  mediaType: string;
  fileName: string;
  disposition: 'inline' | 'attachment';
}
