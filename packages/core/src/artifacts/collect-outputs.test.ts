import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenHubError, type Output } from '@genhub/provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytes, chunked, type FileServer, startFileServer } from './__fixtures__/file-server.js';
import { ENTITY_SVG, HOSTILE_MARKERS, HOSTILE_SVG } from './__fixtures__/hostile-svg.js';
import { glb, PNG, wav } from './__fixtures__/media-samples.js';
import type { ArtifactStore } from './artifact-store.js';
import { collectOutput, withoutQuery } from './collect-outputs.js';
import { createGuardedFetcher, type GuardedFetcher } from './guarded-fetch.js';
import { createLocalArtifactStore, type LocalArtifactStore } from './local-artifact-store.js';
import { createSsrfGuard } from './ssrf-guard.js';

let server: FileServer;
let fetcher: GuardedFetcher;
let untrusted: GuardedFetcher;
let root: string;
let store: LocalArtifactStore;

beforeAll(async () => {
  server = await startFileServer({
    '/result.glb': bytes(glb(), 'application/octet-stream'),
    '/huge': chunked(40, 64 * 1024),
    '/drawing.svg': bytes(Buffer.from(HOSTILE_SVG), 'image/svg+xml'),
    '/drawing-as-octets': bytes(Buffer.from(HOSTILE_SVG), 'application/octet-stream'),
    '/entities.svg': bytes(Buffer.from(ENTITY_SVG), 'image/svg+xml'),
  });
  fetcher = createGuardedFetcher({ guard: createSsrfGuard({ trustedOrigins: [server.origin] }) });
  untrusted = createGuardedFetcher({ guard: createSsrfGuard({ trustedOrigins: [] }) });
});
afterAll(async () => {
  await Promise.all([fetcher.close(), untrusted.close(), server.close()]);
});
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'genhub-collect-'));
  store = createLocalArtifactStore({ root });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const deps = (overrides: Partial<Parameters<typeof collectOutput>[1]> = {}) => ({
  store,
  fetcher,
  jobId: 'job-1',
  maxBytes: 1024 * 1024,
  signal: new AbortController().signal,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

describe('collectOutput', () => {
  it('downloads a link into the store, keeping role, metadata and the link without its query', async () => {
    const record = await collectOutput(
      {
        kind: 'url',
        url: `${server.origin}/result.glb?X-Amz-Signature=secret#frag`,
        role: 'primary',
        name: 'castle.glb',
        metadata: { seed: 42 },
      },
      deps(),
    );
    expect(record).toMatchObject({
      mediaType: 'model/gltf-binary',
      bytes: glb().byteLength,
      sha256: createHash('sha256').update(glb()).digest('hex'),
      role: 'primary',
      sourceUrl: `${server.origin}/result.glb`,
      metadata: { name: 'castle.glb', seed: 42 },
    });
    expect(record.key).toMatch(/^job-1\/.+\.glb$/);
    expect(readFileSync(join(root, record.key))).toEqual(glb());
  });

  it('decodes a base64 data: link without the network', async () => {
    const record = await collectOutput(
      { kind: 'url', url: `data:audio/wav;base64,${wav().toString('base64')}`, role: 'preview' },
      deps({ fetcher: untrusted }),
    );
    expect(record).toMatchObject({ mediaType: 'audio/wav', bytes: wav().byteLength, role: 'preview' });
    expect(record).not.toHaveProperty('sourceUrl');
    expect(record).not.toHaveProperty('metadata');
  });

  it('decodes a large data: link into the store piece by piece, never whole', async () => {
    const bytes = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024, 9)]);
    const pieces: number[] = [];
    const recording: ArtifactStore = {
      ...store,
      put: (input) => store.put({ ...input, source: recorded(input.source, pieces) }),
    };
    const record = await collectOutput(
      { kind: 'url', url: `data:image/png;base64,${bytes.toString('base64')}` },
      deps({ store: recording, maxBytes: 4 * 1024 * 1024 }),
    );
    expect(record).toMatchObject({ mediaType: 'image/png', bytes: bytes.byteLength });
    expect(readFileSync(join(root, record.key)).equals(bytes)).toBe(true);
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('counts a data: link against the cap as it decodes, stopping there and leaving nothing behind', async () => {
    const pieces: number[] = [];
    const recording: ArtifactStore = {
      ...store,
      put: (input) => store.put({ ...input, source: recorded(input.source, pieces) }),
    };
    const huge = `data:;base64,${Buffer.alloc(4 * 1024 * 1024, 1).toString('base64')}`;
    const error = await failure(collectOutput({ kind: 'url', url: huge }, deps({ store: recording })));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The result is larger than the 1 MB limit.',
    });
    expect(pieces.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(readdirSync(join(root, 'job-1'))).toEqual([]);
  });

  it("treats a provider's malformed data: link as the provider's failure, even when found late", async () => {
    for (const url of ['data:image/png;base64', `data:;base64,${'QUJD'.repeat(512 * 1024)}*`]) {
      const error = await failure(collectOutput({ kind: 'url', url }, deps({ maxBytes: 4 * 1024 * 1024 })));
      expect(error).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        retryable: false,
        message: "The provider's result is a malformed data: link.",
      });
    }
    expect(readdirSync(join(root, 'job-1'))).toEqual([]);
  });

  it("keeps only a short, safe name and bounded metadata, whatever the provider's output carried", async () => {
    const dataUrl = `data:audio/wav;base64,${wav().toString('base64')}${'A'.repeat(4 * 1024 * 1024)}`;
    const record = await collectOutput(
      {
        kind: 'url',
        url: `${server.origin}/result.glb`,
        name: dataUrl.split('/').pop()!,
        metadata: { lyrics: 'la'.repeat(1024 * 1024), preview: dataUrl },
      },
      deps(),
    );
    expect(String(record.metadata?.name).length).toBeLessThanOrEqual(100);
    expect(record.metadata?.preview).toBe('data:audio/wav;base64,…');
    expect(String(record.metadata?.lyrics).length).toBeLessThanOrEqual(4096);
    expect(JSON.stringify(record).length).toBeLessThan(8 * 1024);
  });

  it('stores bytes outputs as they are', async () => {
    const record = await collectOutput({ kind: 'bytes', data: PNG, mediaType: 'image/png' }, deps());
    expect(record).toMatchObject({
      mediaType: 'image/png',
      role: 'primary',
      key: expect.stringMatching(/\.png$/),
    });
  });

  it('stores an SVG sanitized, whether it comes as a link, a data: link or bytes', async () => {
    const outputs = [
      { kind: 'url', url: `${server.origin}/drawing.svg` },
      { kind: 'url', url: `${server.origin}/drawing-as-octets` },
      { kind: 'url', url: `data:image/svg+xml;base64,${Buffer.from(HOSTILE_SVG).toString('base64')}` },
      { kind: 'url', url: `data:,${encodeURIComponent(HOSTILE_SVG)}` },
      { kind: 'bytes', data: new TextEncoder().encode(HOSTILE_SVG), mediaType: 'image/svg+xml' },
      { kind: 'bytes', data: new TextEncoder().encode(HOSTILE_SVG), mediaType: 'application/octet-stream' },
    ] satisfies Output[];
    for (const output of outputs) {
      const record = await collectOutput(output, deps());
      const stored = readFileSync(join(root, record.key), 'utf8');
      expect(record.mediaType).toBe('image/svg+xml');
      expect(record.key).toMatch(/\.svg$/);
      expect(record.bytes).toBe(Buffer.byteLength(stored));
      for (const marker of HOSTILE_MARKERS) expect(stored).not.toContain(marker);
      expect(stored).toContain('<linearGradient id="paint">');
    }
  });

  it('refuses an SVG it cannot read, leaving nothing behind', async () => {
    for (const output of [
      { kind: 'url', url: `${server.origin}/entities.svg` },
      {
        kind: 'bytes',
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'),
        mediaType: '',
      },
      { kind: 'bytes', data: Buffer.from('<svg><rect/></svg>'), mediaType: 'image/svg+xml' },
      { kind: 'bytes', data: Buffer.from('not svg at all, said to be one'), mediaType: 'image/svg+xml' },
    ] satisfies Output[]) {
      const error = await failure(collectOutput(output, deps()));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
      expect(error.details.reason).toBe('unreadable-svg');
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses an SVG past the cap before reading it whole', async () => {
    const big = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(200_000)}</svg>`;
    const error = await failure(
      collectOutput({ kind: 'url', url: `data:image/svg+xml,${big}` }, deps({ maxBytes: 1024 * 1024 })),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The result is larger than the 1 MB limit.',
    });
  });

  it('refuses a result past the cap, leaving nothing behind', async () => {
    const error = await failure(
      collectOutput({ kind: 'url', url: `${server.origin}/huge` }, deps({ maxBytes: 1024 * 1024 })),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The result is larger than the 1 MB limit.',
    });
    expect(readdirSync(join(root, 'job-1'))).toEqual([]);
  });

  it("treats a provider's dead result link as the provider's failure", async () => {
    const error = await failure(collectOutput({ kind: 'url', url: `${server.origin}/expired` }, deps()));
    expect(error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      status: 404,
      retryable: false,
      message: "The provider's result link answered 404 Not Found.",
    });
  });

  it('refuses a result link on a private network', async () => {
    const error = await failure(
      collectOutput({ kind: 'url', url: `${server.origin}/result.glb` }, deps({ fetcher: untrusted })),
    );
    expect(error.code).toBe('INVALID_INPUT');
  });
});

/** The source as it was, recording the size of each piece the store pulled from it. */
async function* recorded(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  sizes: number[],
): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) throw new Error('expected a stream, got one buffer');
  for await (const piece of source) {
    sizes.push(piece.byteLength);
    yield piece;
  }
}

describe('withoutQuery', () => {
  it('drops credentials, query and fragment', () => {
    expect(withoutQuery('https://u:p@cdn.example.com/a/b.png?sig=1#x')).toBe(
      'https://cdn.example.com/a/b.png',
    );
  });
});
