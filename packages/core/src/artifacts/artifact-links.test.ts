import { describe, expect, it } from 'vitest';
import { createArtifactLinks, createPresignedArtifactLinks } from './artifact-links.js';
import type { PresignOptions } from './artifact-store.js';

describe('artifact links', () => {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const links = createArtifactLinks({
    baseUrl: 'https://genhub.example.com/',
    secret: 'shh',
    ttlMs: 60_000,
    now: () => clock,
  });
  const parse = (link: string) => {
    const url = new URL(link);
    const [, , jobId, artifactId] = url.pathname.split('/');
    return {
      jobId: jobId ?? '',
      artifactId: artifactId ?? '',
      expires: url.searchParams.get('expires') ?? undefined,
      signature: url.searchParams.get('sig') ?? undefined,
    };
  };

  const art1 = { id: 'art1', key: 'job1/art1.png', mediaType: 'image/png' };

  it('makes a link under the base URL that verifies until it expires', async () => {
    const link = await links.url('job1', art1);
    expect(link.startsWith('https://genhub.example.com/files/job1/art1?expires=')).toBe(true);
    expect(links.verify(parse(link))).toBe(true);
    clock += 60_000;
    expect(links.verify(parse(link))).toBe(false);
  });

  it('refuses a link for another file, another expiry or with no signature', async () => {
    const query = parse(await links.url('job1', art1));
    expect(links.verify({ ...query, artifactId: 'art2' })).toBe(false);
    expect(links.verify({ ...query, expires: String(Number(query.expires) + 1) })).toBe(false);
    expect(links.verify({ ...query, signature: undefined })).toBe(false);
    expect(links.verify({ ...query, expires: 'soon' })).toBe(false);
  });
});

describe('presigned artifact links', () => {
  it("asks the store for a link with the links' lifetime, the file's name and how to show it", async () => {
    const asked: { key: string; options: PresignOptions }[] = [];
    const links = createPresignedArtifactLinks(async (key, options) => {
      asked.push({ key, options });
      return `https://bucket.example.com/${key}?sig=x`;
    }, 168 * 3_600_000);
    const picture = { id: 'a1', key: 'job1/a1.png', mediaType: 'image/png' };
    const page = { id: 'a2', key: 'job1/a2.html', mediaType: 'text/html' };
    expect(await links.url('job1', picture)).toBe('https://bucket.example.com/job1/a1.png?sig=x');
    await links.url('job1', page);
    expect(asked).toEqual([
      {
        key: 'job1/a1.png',
        options: {
          expiresInSeconds: 168 * 3600,
          mediaType: 'image/png',
          fileName: 'job1-a1.png',
          disposition: 'inline',
        },
      },
      {
        key: 'job1/a2.html',
        options: {
          expiresInSeconds: 168 * 3600,
          mediaType: 'text/html',
          fileName: 'job1-a2.html',
          disposition: 'attachment',
        },
      },
    ]);
    expect(links.verify({ jobId: 'job1', artifactId: 'a1', expires: '9999999999', signature: 'x' })).toBe(
      false,
    );
  });
});
