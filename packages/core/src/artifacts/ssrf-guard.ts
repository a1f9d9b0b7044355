import type { LookupAddress, LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { GenHubError } from '@genhub/provider';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has, as `dns.lookup(host, { all: true })` does. */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** The `lookup` option of `net.connect` / `tls.connect`, both of its call forms. */
export type GuardedLookup = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

export interface SsrfGuardOptions {
  /** Origins (scheme, host and port) fetched without address checks, such as a local GPU worker. */
  trustedOrigins: readonly string[];
  /** Replaces `dns.lookup` (tests). */
  resolve?: HostResolver;
}

/**
 * Keeps fetches made on a user's behalf off private networks. `checkUrl` vets a link before each
 * request (and each redirect hop); `lookup`, given to the socket, vets the addresses a host name
 * actually resolves to at connect time, so a DNS answer cannot point a public name at a private
 * address. Trusted origins skip both.
 */
export interface SsrfGuard {
  /** Whether an address is public unicast (IPv4-mapped and NAT64 forms judged by their IPv4). */
  isAllowedAddress(ip: string): boolean;
  isTrustedOrigin(url: URL): boolean;
  /** Parses and vets a link; throws GenHubError INVALID_INPUT with one plain sentence. */
  checkUrl(url: string | URL): URL;
  /** A connect-time lookup that fails when any address of the host is not allowed. */
  lookup: GuardedLookup;
  /** The lookup for connections to this origin: unchecked when it is trusted, else `lookup`. */
  lookupFor(origin: string): GuardedLookup;
}

const PRIVATE_MESSAGE = 'That link points to a private network address, which GenHub does not fetch.';

/** Cloud metadata addresses outside the ranges refused anyway (AWS's IPv6 one is unique-local too). */
const BLOCKED_V6 = [ipaddr.IPv6.parse('fd00:ec2::254')];
/** The well-known NAT64 prefix 64:ff9b::/96 embeds an IPv4 address in its last 32 bits. */
const NAT64 = ipaddr.IPv6.parse('64:ff9b::');

export function createSsrfGuard(options: SsrfGuardOptions): SsrfGuard {
  const trusted = new Set(options.trustedOrigins.map(normaliseOrigin).filter((o) => o !== undefined));
  const resolve = options.resolve ?? defaultResolve;

  const isTrustedOrigin = (url: URL) => trusted.has(url.origin);
  const lookup = createLookup(resolve, true);
  const uncheckedLookup = createLookup(resolve, false);

  return {
    isAllowedAddress,
    isTrustedOrigin,
    checkUrl(input) {
      let url: URL;
      try {
        url = new URL(String(input));
      } catch (error) {
        throw new GenHubError('INVALID_INPUT', 'That is not a valid link.', { cause: error });
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new GenHubError('INVALID_INPUT', 'Only http and https links can be fetched.', {
          details: { scheme: url.protocol.replace(/:$/, '') },
        });
      }
      if (isTrustedOrigin(url)) return url;
      // WHATWG URL has already turned decimal, hex and octal IPv4 forms into dotted quads.
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      const name = host.replace(/\.$/, '').toLowerCase();
      if (
        name === 'localhost' ||
        name.endsWith('.localhost') ||
        (isIP(host) !== 0 && !isAllowedAddress(host))
      ) {
        throw privateAddressError(url.hostname);
      }
      return url;
    },
    lookup,
    lookupFor(origin) {
      const url = safeUrl(origin);
      return url !== undefined && isTrustedOrigin(url) ? uncheckedLookup : lookup;
    },
  };
}

export function isAllowedAddress(ip: string): boolean {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(ip);
  } catch {
    return false;
  }
  if (address.kind() === 'ipv4') return (address as ipaddr.IPv4).range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  if (BLOCKED_V6.some((blocked) => v6.match(blocked, 128))) return false;
  const range = v6.range();
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (RFC 6145) and 64:ff9b::a.b.c.d (NAT64) reach an IPv4 host.
  if (range === 'ipv4Mapped' || range === 'rfc6145' || v6.match(NAT64, 96)) {
    return embeddedIPv4(v6).range() === 'unicast';
  }
  // ::a.b.c.d, the deprecated IPv4-compatible form, is not routable; ranges 6to4, teredo and the
  // like are refused along with everything else that is not plain unicast.
  if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  return range === 'unicast';
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const high = v6.parts[6] ?? 0;
  const low = v6.parts[7] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function createLookup(resolve: HostResolver, check: boolean): GuardedLookup {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        if (check && resolved.some(({ address }) => !isAllowedAddress(address))) {
          callback(privateAddressError(hostname), []);
          return;
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = resolved
          .filter((entry) => family === undefined || family === 0 || entry.family === family)
          .map(({ address, family: f }) => ({ address, family: f }));
        const first = usable[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, []);
          return;
        }
        if (options.all === true) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, []),
    );
  };
}

function privateAddressError(host: string): GenHubError {
  return new GenHubError('INVALID_INPUT', PRIVATE_MESSAGE, { retryable: false, details: { host } });
}

const defaultResolve: HostResolver = (hostname) => dns.lookup(hostname, { all: true });

function normaliseOrigin(origin: string): string | undefined {
  const trimmed = origin.trim();
  if (trimmed === '') return undefined;
  const url = safeUrl(trimmed);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GenHubError('INTERNAL', `Trusted origin "${trimmed}" is not an http or https origin.`);
  }
  return url.origin;
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
