import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
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
 * Artifacts in a folder on disk. A file is written to `<jobId>/<artifactId>.partial`, hashed and
 * counted as it streams in, then fsynced and renamed to its final name: a crash or a failure leaves
 * at most a `.partial` file, never a half file under a key.
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
  const partial = join(folder, `${id}.partial`);
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let bytes = 0;
  let handle: FileHandle | undefined;

  const write = async (file: FileHandle, chunk: Uint8Array) => {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw tooLargeError(maxBytes, 'result');
    hash.update(chunk);
    if (headBytes < SNIFF_BYTES) {
      // A copy: a source may reuse its buffer for the next chunk.
      const part = Uint8Array.prototype.slice.call(chunk, 0, SNIFF_BYTES - headBytes);
      head.push(part);
      headBytes += part.byteLength;
    }
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
    await mkdir(folder, { recursive: true });
    handle = await open(partial, 'wx', 0o644);
    if (iterator === undefined) {
      await write(handle, source as Uint8Array);
    } else {
      for (;;) {
        const step = await untilAborted(iterator.next(), signal);
        if (step.done === true) break;
        signal?.throwIfAborted();
        await write(handle, step.value);
      }
    }
    if (bytes === 0) {
      throw new GenHubError('INVALID_INPUT', 'The result is an empty file.', { retryable: false });
    }
    await handle.sync();
    await handle.close();
    handle = undefined;

    const mediaType = await sniffMediaType(Buffer.concat(head), input.declaredMediaType);
    const key = artifactKey(jobId, id, mediaType);
    await rename(partial, join(root, key));
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
    await rm(partial, { force: true }).catch(() => undefined);
    // Lets the source release what it holds (an HTTP body closes its connection).
    await iterator?.return?.().catch(() => undefined);
    if (signal?.aborted && !(GenHubError.isInstance(error) && error.code === 'CANCELLED')) {
      throw new GenHubError('CANCELLED', 'The download was cancelled.', { cause: error });
    }
    throw GenHubError.from(error);
  }
}

/** Makes a rename durable; a no-op where folders cannot be opened (Windows). */
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
