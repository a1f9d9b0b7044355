import { describe, expect, it } from 'vitest';
import { PNG } from './__fixtures__/media-samples.js';
import { decodeDataUrl, isDataUrl, openDataUrl } from './data-url.js';

describe('decodeDataUrl', () => {
  it('decodes base64, with whitespace and without padding', () => {
    const encoded = PNG.toString('base64');
    expect(decodeDataUrl(`data:image/png;base64,${encoded}`, 1024)).toEqual({
      mediaType: 'image/png',
      bytes: new Uint8Array(PNG),
    });
    const wrapped = encoded.replace(/=+$/, '').replace(/(.{20})/g, '$1\n ');
    expect(Buffer.from(decodeDataUrl(`DATA:image/png;BASE64,${wrapped}`, 1024).bytes)).toEqual(PNG);
    expect(Buffer.from(decodeDataUrl(`data:;base64,${encoded.replaceAll('/', '%2F')}`, 1024).bytes)).toEqual(
      PNG,
    );
  });

  it('decodes percent-encoded bytes and defaults the type to text/plain', () => {
    const decoded = decodeDataUrl('data:,Hello%2C%20World%21%ff', 1024);
    expect(decoded.mediaType).toBe('text/plain');
    expect(Buffer.from(decoded.bytes)).toEqual(
      Buffer.concat([Buffer.from('Hello, World!'), Buffer.from([0xff])]),
    );
    expect(decodeDataUrl('data:image/svg+xml;charset=utf-8,%3Csvg%3E', 1024).mediaType).toBe('image/svg+xml');
  });

  it('refuses malformed links and oversized contents', () => {
    expect(() => decodeDataUrl('data:image/png;base64', 1024)).toThrow('That data: link is malformed.');
    expect(() => decodeDataUrl('data:image/png;base64,a*b=', 1024)).toThrow('That data: link is malformed.');
    expect(() => decodeDataUrl('data:image/png;base64,abcde', 1024)).toThrow('That data: link is malformed.');
    expect(() =>
      decodeDataUrl(`data:;base64,${Buffer.alloc(2000).toString('base64')}`, 1024, 'image'),
    ).toThrow('The image is larger than the 1 KB limit.');
  });

  it('refuses a header too long to be a media type', () => {
    expect(() => decodeDataUrl(`data:image/png;${'x'.repeat(2000)};base64,AAAA`, 1024)).toThrow(
      'That data: link is malformed.',
    );
  });

  it('tells data links apart', () => {
    expect(isDataUrl(' data:,x')).toBe(true);
    expect(isDataUrl('https://example.com/data:,x')).toBe(false);
  });
});

describe('openDataUrl', () => {
  it('decodes a large payload lazily, in pieces of under a megabyte', () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 1, 7);
    const opened = openDataUrl(`  data:video/mp4;base64,${bytes.toString('base64')}\n`);
    expect(opened.mediaType).toBe('video/mp4');
    const pieces = [...opened.chunks()];
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((piece) => piece.byteLength))).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
  });

  it('finds a malformed header at once and a malformed payload while decoding', () => {
    expect(() => openDataUrl('data:image/png;base64')).toThrow('That data: link is malformed.');
    expect(() => openDataUrl('https://example.com/x.png')).toThrow('That data: link is malformed.');
    const opened = openDataUrl(`data:;base64,${'A'.repeat(2 * 1024 * 1024)}*`);
    const chunks = opened.chunks();
    expect(chunks.next().value?.byteLength).toBe(768 * 1024);
    expect(() => [...chunks]).toThrow('That data: link is malformed.');
  });
});
