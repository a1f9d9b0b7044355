import { describe, expect, it } from 'vitest';
import { createArtifactLinks } from './artifact-links.js';

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

  it('makes a link under the base URL that verifies until it expires', () => {
    const link = links.url('job1', 'art1');
    expect(link.startsWith('https://genhub.example.com/files/job1/art1?expires=')).toBe(true);
    expect(links.verify(parse(link))).toBe(true);
    clock += 60_000;
    expect(links.verify(parse(link))).toBe(false);
  });

  it('refuses a link for another file, another expiry or with no signature', () => {
    const query = parse(links.url('job1', 'art1'));
    expect(links.verify({ ...query, artifactId: 'art2' })).toBe(false);
    expect(links.verify({ ...query, expires: String(Number(query.expires) + 1) })).toBe(false);
    expect(links.verify({ ...query, signature: undefined })).toBe(false);
    expect(links.verify({ ...query, expires: 'soon' })).toBe(false);
  });
});
