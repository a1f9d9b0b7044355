import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GenHubError } from '@genhub/provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG, wav } from './__fixtures__/media-samples.js';
import { createLocalArtifactStore, type LocalArtifactStore } from './local-artifact-store.js';

const MB = 1024 * 1024;
let root: string;
let store: LocalArtifactStore;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'genhub-artifacts-'));
  store = createLocalArtifactStore({ root: join(root, 'artifacts') });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const filesOf = (jobId: string) => readdirSync(join(root, 'artifacts', jobId));

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

/** The engine's `gc()`, made reachable at run time; undefined where the engine refuses. */
function forceGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

async function* chunksOf(total: number, size: number, onChunk?: (index: number) => void) {
  for (let index = 0; index * size < total; index += 1) {
    onChunk?.(index);
    yield Buffer.alloc(Math.min(size, total - index * size), index % 251);
  }
}

describe('createLocalArtifactStore', () => {
  it('stores bytes under <jobId>/<id>.<ext> with their sniffed type, size and sha256', async () => {
    const record = await store.put({
      jobId: 'job-1',
      source: PNG,
      maxBytes: MB,
      role: 'primary',
      declaredMediaType: 'application/octet-stream',
      sourceUrl: 'https://cdn.example.com/out.png',
      metadata: { seed: 7 },
    });
    expect(record).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: `job-1/${record.id}.png`,
      mediaType: 'image/png',
      bytes: PNG.byteLength,
      sha256: sha256(PNG),
      role: 'primary',
      sourceUrl: 'https://cdn.example.com/out.png',
      metadata: { seed: 7 },
    });
    expect(readFileSync(store.localPath(record.key))).toEqual(PNG);
    expect(await store.stat(record.key)).toEqual({ bytes: PNG.byteLength });
    const read: Buffer[] = [];
    for await (const chunk of store.read(record.key)) read.push(chunk as Buffer);
    expect(Buffer.concat(read)).toEqual(PNG);
  });

  it('streams a large source to disk as it arrives, hashing as it goes, never holding it whole', async () => {
    const total = 30 * MB;
    const size = 256 * 1024;
    const expected = createHash('sha256');
    for await (const chunk of chunksOf(total, size)) expected.update(chunk);

    // With a forced collection before each sample, what stays allocated is what the store holds.
    const collect = forceGc();
    collect?.();
    const baseline = process.memoryUsage().arrayBuffers;
    let retainedPeak = 0;
    const partialSizes: number[] = [];
    const record = await store.put({
      jobId: 'big',
      source: chunksOf(total, size, (index) => {
        if (index === 0 || index % 20 !== 0) return;
        const partial = filesOf('big').find((name) => name.endsWith('.partial'));
        partialSizes.push(statSync(join(root, 'artifacts', 'big', partial!)).size);
        if (collect !== undefined) {
          collect();
          retainedPeak = Math.max(retainedPeak, process.memoryUsage().arrayBuffers - baseline);
        }
      }),
      maxBytes: 50 * MB,
      role: 'primary',
      declaredMediaType: 'video/mp4',
    });
    expect(record.bytes).toBe(total);
    expect(record.sha256).toBe(expected.digest('hex'));
    expect(record.key).toMatch(/\.mp4$/);
    // Every chunk before the one being produced is already on disk.
    expect(partialSizes).toEqual(partialSizes.map((_, i) => (i + 1) * 20 * size));
    // Holding the stream would retain about 30 MB; other test files running alongside add a little noise.
    expect(retainedPeak).toBeLessThan(12 * MB);
    expect(filesOf('big')).toEqual([record.key.split('/')[1]]);
  });

  it('stops past maxBytes, keeping nothing', async () => {
    const error = await failure(
      store.put({ jobId: 'job-2', source: chunksOf(2 * MB, 64 * 1024), maxBytes: MB, role: 'primary' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The result is larger than the 1 MB limit.');
    expect(error.details).toEqual({ maxBytes: MB });
    expect(filesOf('job-2')).toEqual([]);

    const whole = await failure(
      store.put({ jobId: 'job-2', source: wav(2000), maxBytes: 1000, role: 'primary' }),
    );
    expect(whole.message).toBe('The result is larger than the 1000 bytes limit.');
  });

  it('leaves no file, partial or final, when the source fails midway', async () => {
    async function* broken() {
      yield Buffer.alloc(100_000, 1);
      throw new Error('connection reset');
    }
    const error = await failure(
      store.put({ jobId: 'job-3', source: broken(), maxBytes: MB, role: 'primary' }),
    );
    expect(error.code).toBe('INTERNAL');
    expect(filesOf('job-3')).toEqual([]);
  });

  it('ends in CANCELLED when the signal aborts while waiting for the source', async () => {
    const controller = new AbortController();
    let closed = false;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<Uint8Array>>(() => undefined),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    setTimeout(() => controller.abort(), 20);
    const error = await failure(
      store.put({ jobId: 'job-4', source, maxBytes: MB, role: 'preview', signal: controller.signal }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(closed).toBe(true);
    expect(filesOf('job-4')).toEqual([]);
  });

  it('refuses an empty result', async () => {
    const error = await failure(
      store.put({ jobId: 'job-5', source: new Uint8Array(0), maxBytes: MB, role: 'primary' }),
    );
    expect(error.message).toBe('The result is an empty file.');
    expect(filesOf('job-5')).toEqual([]);
  });

  it('removes a job folder, and answers for missing keys', async () => {
    const record = await store.put({ jobId: 'job-6', source: PNG, maxBytes: MB, role: 'primary' });
    await store.remove('job-6');
    expect(await store.stat(record.key)).toBeUndefined();
    await store.remove('never-existed');
  });

  it('refuses keys and job ids that leave the store', async () => {
    expect(() => store.localPath('../outside.png')).toThrow(/outside the store/);
    await expect(store.stat('/etc/passwd')).rejects.toThrow(/outside the store/);
    await expect(store.remove('..')).rejects.toThrow(/job folder name/);
    await expect(store.put({ jobId: '../x', source: PNG, maxBytes: MB, role: 'primary' })).rejects.toThrow(
      /job folder name/,
    );
  });
});
