import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { mergeHeaders, secretsInHeaders } from './request-headers.js';
import { buildUrl } from './request-url.js';

describe('buildUrl', () => {
  it.each([
    ['https://x/api/', 'v1/a', 'https://x/api/v1/a'],
    ['https://x/api', 'v1/a', 'https://x/api/v1/a'],
    ['https://x/api', '/v1/a', 'https://x/api/v1/a'],
    ['https://x', '/v1/a', 'https://x/v1/a'],
    ['https://x/api/', '../v2/a', 'https://x/v2/a'],
    ['https://x/api?api-version=3', 'v1/a', 'https://x/api/v1/a?api-version=3'],
    ['https://x/api', 'https://cdn.y/file.png', 'https://cdn.y/file.png'],
  ])('joins %s and %s', (base, path, expected) => {
    expect(buildUrl(path, base, undefined).href).toBe(expected);
  });

  it('appends query values, skipping undefined', () => {
    const url = buildUrl('https://x/a?x=1', undefined, { n: 2, on: false, no: undefined, s: 'a b' });
    expect(url.href).toBe('https://x/a?x=1&n=2&on=false&s=a+b');
  });

  it('refuses a relative url without a baseUrl', () => {
    expect(() => buildUrl('v1/a', undefined, undefined)).toThrow(GenHubError);
  });
});

describe('headers', () => {
  it('merges case-insensitively, later layers winning', () => {
    expect(mergeHeaders({ 'User-Agent': 'a', Accept: 'x' }, undefined, { 'user-agent': 'b' })).toEqual({
      'user-agent': 'b',
      accept: 'x',
    });
  });

  it('finds credentials in headers', () => {
    expect(
      secretsInHeaders({ Authorization: 'Bearer abc123def', 'X-Api-Key': 'k1', Accept: 'json' }),
    ).toEqual(['Bearer abc123def', 'abc123def', 'k1']);
  });
});
