import { GenHubError } from '@genhub/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bytes, chunked, type FileServer, redirect, startFileServer } from './__fixtures__/file-server.js';
import { PNG } from './__fixtures__/media-samples.js';
import { createGuardedFetcher, type GuardedFetcher } from './guarded-fetch.js';
import { createSsrfGuard, type HostResolver } from './ssrf-guard.js';

const PRIVATE = 'That link points to a private network address, which GenHub does not fetch.';

async function failure(promise: Promise<unknown>): Promise<GenHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

let server: FileServer;
let port: string;
const fetchers: GuardedFetcher[] = [];

function fetcherFor(trustedOrigins: string[], resolve?: HostResolver, timeouts = {}): GuardedFetcher {
  const guard = createSsrfGuard({ trustedOrigins, ...(resolve === undefined ? {} : { resolve }) });
  const fetcher = createGuardedFetcher({ guard, timeouts, maxRedirects: 3 });
  fetchers.push(fetcher);
  return fetcher;
}

beforeAll(async () => {
  server = await startFileServer({
    '/image.png': bytes(PNG, 'image/png'),
    '/big': bytes(Buffer.alloc(4096, 1)),
    '/stream': chunked(64, 1024),
    '/hop': redirect('/image.png'),
    '/loop': redirect('/loop'),
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    '/to-other-loopback': redirect('http://127.0.0.2/secret'),
    '/to-ftp': redirect('ftp://example.com/x'),
    '/gone': (_req, res) => res.writeHead(410).end(),
    '/down': (_req, res) => res.writeHead(503).end(),
    '/hang': () => undefined,
  });
  port = new URL(server.origin).port;
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
});

describe('createGuardedFetcher', () => {
  it("sends a download's own headers to the link's origin only, never after a redirect elsewhere", async () => {
    const seen: Array<string | undefined> = [];
    const other = await startFileServer({
      '/video.mp4': (req, res) => {
        seen.push(req.headers['x-goog-api-key'] as string | undefined);
        res.writeHead(200, { 'content-type': 'video/mp4' }).end('video');
      },
    });
    const keyed = await startFileServer({
      '/file': (req, res) => {
        if (req.headers['x-goog-api-key'] !== 'secret-key-1234') return void res.writeHead(403).end();
        res.writeHead(200).end('mine');
      },
      '/away': redirect(`${other.origin}/video.mp4`),
    });
    try {
      const fetcher = fetcherFor([keyed.origin, other.origin]);
      const headers = { 'x-goog-api-key': 'secret-key-1234' };
      const own = await fetcher.fetch(`${keyed.origin}/file`, { maxBytes: 1024, headers });
      expect((await drain(own.body)).toString()).toBe('mine');
      const away = await fetcher.fetch(`${keyed.origin}/away`, { maxBytes: 1024, headers });
      expect((await drain(away.body)).toString()).toBe('video');
      expect(seen).toEqual([undefined]);
      expect((await failure(fetcher.fetch(`${keyed.origin}/file`, { maxBytes: 1024 }))).status).toBe(403);
    } finally {
      await Promise.all([keyed.close(), other.close()]);
    }
  });

  it('downloads from a trusted origin and reports the final URL after redirects', async () => {
    const fetcher = fetcherFor([server.origin]);
    const response = await fetcher.fetch(`${server.origin}/hop?token=abc`, { maxBytes: 1024 });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.origin}/image.png`);
    expect(response.headers['content-type']).toBe('image/png');
    expect(await drain(response.body)).toEqual(PNG);
  });

  it.each([
    ['the loopback address', () => `${server.origin}/image.png`],
    ['localhost', () => `http://localhost:${port}/image.png`],
    ['IPv6 loopback', () => `http://[::1]:${port}/image.png`],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${port}/image.png`],
    ['IPv4-mapped loopback in hex', () => `http://[::ffff:7f00:1]:${port}/image.png`],
    ['decimal loopback', () => `http://2130706433:${port}/image.png`],
    ['a private address', () => 'http://10.0.0.5/image.png'],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data'],
  ])('refuses %s when its origin is not trusted, without connecting', async (_name, url) => {
    const before = server.paths.length;
    const error = await failure(fetcherFor([]).fetch(url(), { maxBytes: 1024 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(PRIVATE);
    expect(server.paths.length).toBe(before);
  });

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd'])('refuses %s', async (url) => {
    const error = await failure(fetcherFor([]).fetch(url, { maxBytes: 1024 }));
    expect(error.message).toBe('Only http and https links can be fetched.');
  });

  it.each([
    ['the metadata address', '/to-metadata', PRIVATE],
    ['an untrusted loopback address', '/to-other-loopback', PRIVATE],
    ['another scheme', '/to-ftp', 'Only http and https links can be fetched.'],
  ])('refuses a redirect from a trusted origin to %s', async (_name, path, message) => {
    const error = await failure(
      fetcherFor([server.origin]).fetch(`${server.origin}${path}`, { maxBytes: 1024 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(message);
  });

  it('stops after too many redirects', async () => {
    const error = await failure(
      fetcherFor([server.origin]).fetch(`${server.origin}/loop`, { maxBytes: 1024 }),
    );
    expect(error.message).toBe('The link redirected too many times.');
  });

  it('checks the addresses a public-looking host name resolves to when connecting', async () => {
    const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const before = server.paths.length;
    const error = await failure(
      fetcherFor([], resolve).fetch(`http://images.example.com:${port}/image.png`, { maxBytes: 1024 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(PRIVATE);
    expect(server.paths.length).toBe(before);
  });

  it('connects to a trusted host name even though it resolves to a private address', async () => {
    const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const fetcher = fetcherFor([`http://gpu.test:${port}`], resolve);
    const response = await fetcher.fetch(`http://gpu.test:${port}/image.png`, { maxBytes: 1024 });
    expect(await drain(response.body)).toEqual(PNG);
    // The same host on a port that is not trusted is checked.
    const error = await failure(fetcher.fetch(`http://gpu.test:1/image.png`, { maxBytes: 1024 }));
    expect(error.message).toBe(PRIVATE);
  });

  it('refuses a Content-Length above the cap before reading', async () => {
    const error = await failure(
      fetcherFor([server.origin]).fetch(`${server.origin}/big`, { maxBytes: 1024, what: 'result' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The result is larger than the 1 KB limit.');
    expect(error.details).toEqual({ maxBytes: 1024, bytes: 4096 });
  });

  it('cuts off a chunked body that streams past the cap', async () => {
    const response = await fetcherFor([server.origin]).fetch(`${server.origin}/stream`, { maxBytes: 10_000 });
    expect(response.headers['content-length']).toBeUndefined();
    const error = await failure(drain(response.body));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('The file is larger than the 9.8 KB limit.');
  });

  it('maps statuses: 4xx to INVALID_INPUT, 5xx to retryable PROVIDER_UNAVAILABLE', async () => {
    const fetcher = fetcherFor([server.origin]);
    const missing = await failure(fetcher.fetch(`${server.origin}/missing`, { maxBytes: 1024 }));
    expect(missing).toMatchObject({
      code: 'INVALID_INPUT',
      status: 404,
      message: 'The link answered 404 Not Found.',
    });
    const gone = await failure(fetcher.fetch(`${server.origin}/gone`, { maxBytes: 1024 }));
    expect(gone.message).toBe('The link answered 410 Gone.');
    const down = await failure(fetcher.fetch(`${server.origin}/down`, { maxBytes: 1024 }));
    expect(down).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503, retryable: true });
  });

  it('ends in CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(
      fetcherFor([server.origin]).fetch(`${server.origin}/hang`, {
        maxBytes: 1024,
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe('CANCELLED');
  });

  it('ends in TIMEOUT when the headers do not come', async () => {
    const fetcher = fetcherFor([server.origin], undefined, { headersMs: 150 });
    const error = await failure(fetcher.fetch(`${server.origin}/hang?token=secret`, { maxBytes: 1024 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(
      `GET ${server.origin}/hang timed out waiting for the response headers (150 ms).`,
    );
  });
});
