import { GenHubError } from '@genhub/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, type FileServer, startFileServer } from './__fixtures__/file-server.js';
import { HTML, PNG, SVG, wav } from './__fixtures__/media-samples.js';
import { createGuardedFetcher, type GuardedFetcher } from './guarded-fetch.js';
import { fetchInputMedia } from './input-media.js';
import { createSsrfGuard } from './ssrf-guard.js';

let server: FileServer;
let fetcher: GuardedFetcher;

beforeAll(async () => {
  server = await startFileServer({
    '/cat.png': bytes(PNG, 'image/png'),
    '/page': bytes(HTML, 'text/html; charset=utf-8'),
    '/liar.png': bytes(HTML, 'image/png'),
    '/noise': bytes(Buffer.from([0, 1, 2, 3, 4, 5]), 'image/png'),
    '/drawing.svg': bytes(SVG, 'image/svg+xml'),
    '/large.png': bytes(Buffer.concat([PNG, Buffer.alloc(5000)]), 'image/png'),
  });
  fetcher = createGuardedFetcher({ guard: createSsrfGuard({ trustedOrigins: [server.origin] }) });
});
afterAll(async () => {
  await Promise.all([fetcher.close(), server.close()]);
});

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

const image = { expect: 'image' as const, maxBytes: 4096 };

describe('fetchInputMedia', () => {
  it('fetches an image and names its type from the bytes', async () => {
    const media = await fetchInputMedia(`${server.origin}/cat.png`, { fetcher, ...image });
    expect(media.mediaType).toBe('image/png');
    expect(Buffer.from(media.bytes)).toEqual(PNG);
  });

  it('decodes a data: image', async () => {
    const media = await fetchInputMedia(`data:image/png;base64,${PNG.toString('base64')}`, {
      fetcher,
      ...image,
    });
    expect(media.mediaType).toBe('image/png');
  });

  it.each([
    [
      'an HTML page',
      '/page',
      'That link is not an image (it is text/html). Attach a PNG, JPEG or WebP image.',
    ],
    [
      'an HTML page served as image/png',
      '/liar.png',
      'That link is not an image (it is text/html). Attach a PNG, JPEG or WebP image.',
    ],
    [
      'unrecognisable bytes served as image/png',
      '/noise',
      'That link is not an image (it is not a file type GenHub recognises). Attach a PNG, JPEG or WebP image.',
    ],
    [
      'an SVG drawing',
      '/drawing.svg',
      'That link is not an image (it is image/svg+xml). Attach a PNG, JPEG or WebP image.',
    ],
  ])('refuses %s as an image', async (_name, path, message) => {
    const error = await failure(fetchInputMedia(`${server.origin}${path}`, { fetcher, ...image }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message, retryable: false });
  });

  it('refuses audio where a video is expected', async () => {
    const error = await failure(
      fetchInputMedia(`data:audio/wav;base64,${wav().toString('base64')}`, {
        fetcher,
        expect: 'video',
        maxBytes: 4096,
      }),
    );
    expect(error.message).toBe('That link is not a video (it is audio/wav). Attach an MP4 or WebM video.');
  });

  it('refuses an oversized input', async () => {
    const error = await failure(fetchInputMedia(`${server.origin}/large.png`, { fetcher, ...image }));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The image is larger than the 4 KB limit.',
    });
  });

  it('refuses a link into a private network', async () => {
    const strict = createGuardedFetcher({ guard: createSsrfGuard({ trustedOrigins: [] }) });
    const error = await failure(fetchInputMedia(`${server.origin}/cat.png`, { fetcher: strict, ...image }));
    await strict.close();
    expect(error.message).toBe('That link points to a private network address, which GenHub does not fetch.');
  });
});
