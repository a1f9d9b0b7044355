import type { LookupAddress } from 'node:dns';
import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { createSsrfGuard, type GuardedLookup, type HostResolver, isAllowedAddress } from './ssrf-guard.js';

const PRIVATE = 'That link points to a private network address, which GenHub does not fetch.';

function refusal(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GenHubError');
}

function lookupAll(
  lookup: GuardedLookup,
  host: string,
  options: { all?: boolean; family?: number } = { all: true },
): Promise<{ address: string | LookupAddress[]; family: number | undefined }> {
  return new Promise((resolve, reject) => {
    lookup(host, options, (error, address, family) => (error ? reject(error) : resolve({ address, family })));
  });
}

const fakeDns =
  (table: Record<string, Array<{ address: string; family: number }>>): HostResolver =>
  async (host) => {
    const found = table[host];
    if (found === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

describe('isAllowedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '192.0.0.192',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:0:a00:1',
    '::127.0.0.1',
    '::7f00:1',
    '::808:808',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '2002:0808:0808::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:db8::1',
    'not an address',
    '',
  ])('refuses %s', (ip) => {
    expect(isAllowedAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (ip) => {
      expect(isAllowedAddress(ip)).toBe(true);
    },
  );
});

describe('checkUrl', () => {
  const guard = createSsrfGuard({ trustedOrigins: ['http://127.0.0.1:8188', ' http://gpu.lan:7860/ ', ''] });

  it.each([
    'http://127.0.0.1/',
    'http://127.0.0.1:8189/',
    'https://127.0.0.1:8188/',
    'http://localhost:8080/x',
    'http://LOCALHOST./x',
    'http://api.localhost/x',
    'http://10.0.0.5/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fd00:ec2::254]/latest/meta-data',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0/',
  ])('refuses %s as a private address', (url) => {
    const error = refusal(() => guard.checkUrl(url));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(PRIVATE);
    expect(error.retryable).toBe(false);
  });

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)'])(
    'refuses the scheme of %s',
    (url) => {
      const error = refusal(() => guard.checkUrl(url));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe('Only http and https links can be fetched.');
    },
  );

  it('refuses what is not a link', () => {
    expect(refusal(() => guard.checkUrl('not a link')).message).toBe('That is not a valid link.');
  });

  it('passes public links and trusted origins, exactly by scheme, host and port', () => {
    expect(guard.checkUrl('https://cdn.example.com/a.png?token=x').hostname).toBe('cdn.example.com');
    expect(guard.checkUrl('http://8.8.8.8/x').href).toBe('http://8.8.8.8/x');
    expect(guard.checkUrl('http://127.0.0.1:8188/view?filename=a.png').port).toBe('8188');
    expect(guard.isTrustedOrigin(new URL('http://gpu.lan:7860/x'))).toBe(true);
    expect(guard.isTrustedOrigin(new URL('http://gpu.lan:7861/x'))).toBe(false);
  });

  it('refuses a trusted origin that is not an http origin', () => {
    expect(() => createSsrfGuard({ trustedOrigins: ['ftp://files.lan'] })).toThrow(
      /not an http or https origin/,
    );
  });
});

describe('lookup', () => {
  const guard = createSsrfGuard({
    trustedOrigins: ['http://gpu.lan:7860'],
    resolve: fakeDns({
      'images.example.com': [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      'rebind.example.com': [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
      'metadata.example.com': [{ address: '169.254.169.254', family: 4 }],
      'gpu.lan': [{ address: '192.168.1.20', family: 4 }],
    }),
  });

  it('resolves public hosts in both call forms, honouring the family asked for', async () => {
    expect((await lookupAll(guard.lookup, 'images.example.com')).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect(await lookupAll(guard.lookup, 'images.example.com', {})).toEqual({
      address: '93.184.216.34',
      family: 4,
    });
    expect(await lookupAll(guard.lookup, 'images.example.com', { family: 6 })).toEqual({
      address: '2606:2800:220:1::1',
      family: 6,
    });
  });

  it.each(['rebind.example.com', 'metadata.example.com', 'gpu.lan'])(
    'refuses %s, which resolves to a private address',
    async (host) => {
      const error = await lookupAll(guard.lookup, host).catch((e: unknown) => e);
      expect(GenHubError.isInstance(error) && error.code).toBe('INVALID_INPUT');
      expect((error as Error).message).toBe(PRIVATE);
    },
  );

  it('passes resolver failures through', async () => {
    await expect(lookupAll(guard.lookup, 'nowhere.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('does not check the addresses of a trusted origin', async () => {
    const lookup = guard.lookupFor('http://gpu.lan:7860');
    expect(lookup).not.toBe(guard.lookup);
    expect((await lookupAll(lookup, 'gpu.lan')).address).toEqual([{ address: '192.168.1.20', family: 4 }]);
    expect(guard.lookupFor('http://gpu.lan:22')).toBe(guard.lookup);
  });

  it('resolves with the system resolver by default', async () => {
    const plain = createSsrfGuard({ trustedOrigins: [] });
    await expect(lookupAll(plain.lookup, 'localhost')).rejects.toMatchObject({ message: PRIVATE });
  });
});
