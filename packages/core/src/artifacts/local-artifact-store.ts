import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { GenHubError, sniffMediaType } from '@genhub/provider';
import type { ArtifactRecord } from '../jobs/job.js';
import { artifactKey, jobFolder } from './artifact-key.js';
import { DefaultArtifactLimits, tooLargeError } from './artifact-limits.js';
import type { ArtifactStore, PutArtifactInput } from './artifact-store.js';
import { untilAborted } from './until-aborted.js';

export interface LocalArtifactStoreOptions {
  /** The folder every job's folder goes in; created when missing. */
  root: string;
}

/** The local store: `read` gives a Node Readable and every key has a `localPath`. */
export interface LocalArtifactStore extends ArtifactStore {
  read(key: string): Readable;
  localPath(key: string): string;
}

const SNIFF_BYTES = DefaultArtifactLimits.sniffBytes;

/**
 * Artifacts in a folder on disk, at `<jobId>/<artifactId>.<ext>`. A file is hashed and counted as it
 * streams in and synced (with its folder) before `put` returns its record. A failed `put` removes what
 * it wrote. No record names a file before it is whole on disk, and a job resumed after a crash clears
 * its folder first (`remove`), so a half-written file is never served; this spares each file a rename
 * and the second sync it needs.
 */
export function createLocalArtifactStore(options: LocalArtifactStoreOptions): LocalArtifactStore {
  const root = resolve(options.root);

  const pathOf = (key: string): string => {
    const path = resolve(root, key);
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new GenHubError('INTERNAL', `Artifact key "${key}" is outside the store.`);
    }
    return path;
  };

  return {
    async put(input) {
      return putFile(root, input);
    },
    async stat(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? { bytes: info.size } : undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw GenHubError.from(error);
      }
    },
    read(key) {
      return createReadStream(pathOf(key));
    },
    localPath: pathOf,
    location: root,
    async remove(jobId) {
      await rm(join(root, jobFolder(jobId)), { recursive: true, force: true });
    },
  };
}

async function putFile(root: string, input: PutArtifactInput): Promise<ArtifactRecord> {
  const { source, maxBytes, signal } = input;
  const jobId = jobFolder(input.jobId);
  const iterator = source instanceof Uint8Array ? undefined : source[Symbol.asyncIterator]();
  const id = randomUUID();
  const folder = join(root, jobId);
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let bytes = 0;
  let path: string | undefined;
  let handle: FileHandle | undefined;

  const next = async (): Promise<Uint8Array | undefined> => {
    if (iterator === undefined) return undefined;
    const step = await untilAborted(iterator.next(), signal);
    if (step.done === true) return undefined;
    signal?.throwIfAborted();
    return step.value;
  };
  const count = (chunk: Uint8Array) => {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw tooLargeError(maxBytes, 'result');
    hash.update(chunk);
  };
  const write = async (file: FileHandle, chunk: Uint8Array) => {
    for (let offset = 0; offset < chunk.byteLength; ) {
      const { bytesWritten } = await file.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
  };

  try {
    signal?.throwIfAborted();
    if (source instanceof Uint8Array && source.byteLength > maxBytes) {
      throw tooLargeError(maxBytes, 'result', source.byteLength);
    }
    // The first bytes name the file (its media type gives the extension), so they are read first.
    // Copies: a source may reuse its buffer for the next chunk.
    if (source instanceof Uint8Array) {
      count(source);
      head.push(source);
      headBytes = source.byteLength;
    }
    while (headBytes < SNIFF_BYTES) {
      const chunk = await next();
      if (chunk === undefined) break;
      count(chunk);
      head.push(Uint8Array.prototype.slice.call(chunk));
      headBytes += chunk.byteLength;
    }
    if (bytes === 0) {
      throw new GenHubError('INVALID_INPUT', 'The result is an empty file.', { retryable: false });
    }
    const mediaType = await sniffMediaType(
      Buffer.concat(head, Math.min(headBytes, SNIFF_BYTES)),
      input.declaredMediaType,
    );
    const key = artifactKey(jobId, id, mediaType);

    await mkdir(folder, { recursive: true });
    path = join(root, key);
    handle = await open(path, 'wx', 0o644);
    for (const chunk of head) await write(handle, chunk);
    head.length = 0;
    for (;;) {
      const chunk = await next();
      if (chunk === undefined) break;
      count(chunk);
      await write(handle, chunk);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await syncFolder(folder);
    return {
      id,
      key,
      mediaType,
      bytes,
      sha256: hash.digest('hex'),
      role: input.role,
      ...(input.sourceUrl === undefined ? {} : { sourceUrl: input.sourceUrl }),
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (path !== undefined) await rm(path, { force: true }).catch(() => undefined);
    // Lets the source release what it holds (an HTTP body closes its connection).
    await iterator?.return?.().catch(() => undefined);
    if (signal?.aborted && !(GenHubError.isInstance(error) && error.code === 'CANCELLED')) {
      throw new GenHubError('CANCELLED', 'The download was cancelled.', { cause: error });
    }
    throw GenHubError.from(error);
  }
}

/**
 * Makes the file's entry in its folder durable; a no-op where folders cannot be opened (Windows). On
 * journaling file systems the file's own sync has usually committed it already, so this is cheap.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
