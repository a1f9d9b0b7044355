import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type ArtifactStore, GenHubError } from '@genhub/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solidPng } from '../fake-media.js';

/** One store to test, fresh for each test. */
export interface ArtifactStoreUnderTest {
  store: ArtifactStore;
  /**
   * Everything the store holds for a job, finished or not (partial files, unfinished multipart
   * uploads), so a test can see that a failure left nothing behind.
   */
  leftovers(jobId: string): Promise<string[]>;
  /** Deletes what the test made and closes the store. */
  cleanup(): Promise<void>;
}

export interface TestArtifactStoreOptions {
  name: string;
  create(): Promise<ArtifactStoreUnderTest>;
  /** Larger streams exercise multipart uploads; a local folder needs no more than the default. */
  largeFileBytes?: number;
  /** Registers the store's own tests beside the shared ones; `ctx` is filled in before each test. */
  additionalTests?: (ctx: ArtifactStoreUnderTest) => void;
}

const MB = 1024 * 1024;

/**
 * The shared suite every artifact store passes, in the style of unstorage's `testDriver`: call it
 * at the top level of a test file. Optional capabilities (`localPath`, `presignedUrl`) are tested
 * when the store has them.
 */
export function testArtifactStore(options: TestArtifactStoreOptions): void {
  const largeBytes = options.largeFileBytes ?? 3 * MB;
  const ctx = {} as ArtifactStoreUnderTest;
  let jobId = '';

  describe(`artifact store "${options.name}"`, () => {
    beforeEach(async () => {
      Object.assign(ctx, await options.create());
      jobId = `job-${randomUUID()}`;
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    const png = Buffer.from(solidPng(8, 8, [200, 40, 90]));
    const put = (source: AsyncIterable<Uint8Array> | Uint8Array, extra: Partial<PutExtra> = {}) =>
      ctx.store.put({ jobId, source, maxBytes: 64 * MB, role: 'primary', ...extra });

    it('stores bytes under <job>/<id>.<ext> with their sniffed type, size and sha256', async () => {
      const record = await put(png, { declaredMediaType: 'application/octet-stream', metadata: { seed: 1 } });
      expect(record).toMatchObject({
        mediaType: 'image/png',
        bytes: png.byteLength,
        sha256: sha256(png),
        role: 'primary',
        metadata: { seed: 1 },
      });
      expect(record.key).toBe(`${jobId}/${record.id}.png`);
      expect(await ctx.store.stat(record.key)).toEqual({ bytes: png.byteLength });
      expect(Buffer.compare(await readAll(ctx.store.read(record.key)), png)).toBe(0);
    });

    it('streams a large file in, piece by piece, and gives back the same bytes', async () => {
      const record = await put(pieces(largeBytes, 256 * 1024), { role: 'preview' });
      const expected = Buffer.concat([...piecesSync(largeBytes, 256 * 1024)]);
      expect(record).toMatchObject({ bytes: largeBytes, sha256: sha256(expected), role: 'preview' });
      expect(await ctx.store.stat(record.key)).toEqual({ bytes: largeBytes });
      expect(sha256(await readAll(ctx.store.read(record.key)))).toBe(sha256(expected));
    });

    it('refuses a stream past maxBytes with one sentence, closing the source and keeping nothing', async () => {
      let closed = false;
      async function* endless() {
        try {
          for (;;) yield new Uint8Array(256 * 1024).fill(7);
        } finally {
          closed = true;
        }
      }
      const error = await failure(put(endless(), { maxBytes: largeBytes }));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
      expect(error.message).toMatch(/^The result is larger than the [\d.]+ MB limit\.$/);
      expect(closed).toBe(true);
      expect(await ctx.leftovers(jobId)).toEqual([]);
    });

    it('refuses bytes past maxBytes and an empty file', async () => {
      expect(await failure(put(png, { maxBytes: 10 }))).toMatchObject({ code: 'INVALID_INPUT' });
      expect(await failure(put(new Uint8Array(0)))).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'The result is an empty file.',
      });
      expect(await ctx.leftovers(jobId)).toEqual([]);
    });

    it('stops as CANCELLED when the signal aborts mid-stream, keeping nothing', async () => {
      const controller = new AbortController();
      let closed = false;
      let sent = false;
      // Like an HTTP body that stops sending: the next piece never comes, closing it settles at once.
      const stalls: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (!sent) {
              sent = true;
              return { done: false, value: png };
            }
            controller.abort(new Error('stop'));
            return new Promise<IteratorResult<Uint8Array>>(() => undefined);
          },
          return: async () => {
            closed = true;
            return { done: true, value: undefined };
          },
        }),
      };
      const error = await failure(put(stalls, { signal: controller.signal }));
      expect(error.code).toBe('CANCELLED');
      expect(closed).toBe(true);
      expect(await ctx.leftovers(jobId)).toEqual([]);
    });

    it('refuses a job id that could reach outside its folder', async () => {
      for (const bad of ['../escape', '', 'a/b']) {
        const error = await failure(
          ctx.store.put({ jobId: bad, source: png, maxBytes: MB, role: 'primary' }),
        );
        expect(error.code).toBe('INTERNAL');
      }
    });

    it('knows no size of a missing key and fails to read it', async () => {
      expect(await ctx.store.stat(`${jobId}/missing.png`)).toBeUndefined();
      await expect(readAll(ctx.store.read(`${jobId}/missing.png`))).rejects.toThrow();
    });

    it("removes every file of one job and only that job's", async () => {
      const other = `${jobId}-other`;
      const first = await put(png);
      await put(png, { declaredMediaType: 'image/png' });
      const kept = await ctx.store.put({ jobId: other, source: png, maxBytes: MB, role: 'primary' });
      await ctx.store.remove(jobId);
      await ctx.store.remove(`${jobId}-never-used`);
      expect(await ctx.store.stat(first.key)).toBeUndefined();
      expect(await ctx.leftovers(jobId)).toEqual([]);
      expect(await ctx.store.stat(kept.key)).toEqual({ bytes: png.byteLength });
      await ctx.store.remove(other);
    });

    it('says where its files are', () => {
      expect(ctx.store.location).toMatch(/\S/);
    });

    it('gives a local path holding the file, when it has local paths', async (test) => {
      if (!ctx.store.localPath) return test.skip();
      const record = await put(png);
      expect(Buffer.compare(await readFile(ctx.store.localPath(record.key)), png)).toBe(0);
    });

    it('presigns a link that serves the file with its type and name, when it presigns', async (test) => {
      if (!ctx.store.presignedUrl) return test.skip();
      const record = await put(png);
      const url = await ctx.store.presignedUrl(record.key, {
        expiresInSeconds: 600,
        mediaType: 'image/png',
        fileName: `${jobId}-1.png`,
        disposition: 'inline',
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="${jobId}-1.png"`);
      expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), png)).toBe(0);
    });

    it('passes its probe when it has one', async (test) => {
      if (!ctx.store.checkWritable) return test.skip();
      await ctx.store.checkWritable();
    });

    options.additionalTests?.(ctx);
  });
}

interface PutExtra {
  maxBytes: number;
  role: 'primary' | 'preview';
  declaredMediaType: string;
  metadata: { seed: number };
  signal: AbortSignal;
}

/** `total` bytes in pieces of `size`, each piece a different fill, as a stream. */
async function* pieces(total: number, size: number): AsyncGenerator<Uint8Array> {
  yield* piecesSync(total, size);
}

function* piecesSync(total: number, size: number): Generator<Uint8Array> {
  for (let offset = 0, n = 0; offset < total; offset += size, n++) {
    yield new Uint8Array(Math.min(size, total - offset)).fill(n % 251);
  }
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}
