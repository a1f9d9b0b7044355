import { STATUS_CODES } from 'node:http';
import { isIPv6 } from 'node:net';
import type { HttpTimeouts } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { DefaultHttpOptions } from '../http/http-defaults.js';
import { errorFromNetwork } from '../http/network-error.js';
import { DefaultArtifactLimits, tooLargeError } from './artifact-limits.js';
import type { GuardedLookup, SsrfGuard } from './ssrf-guard.js';

export interface GuardedFetcherOptions {
  guard: SsrfGuard;
  timeouts?: Partial<HttpTimeouts>;
  /** Redirects followed per fetch, each hop checked again; 5 by default. */
  maxRedirects?: number;
  userAgent?: string;
}

export interface GuardedFetchOptions {
  signal?: AbortSignal;
  /** Refused before reading when Content-Length says more, and cut off when the body streams more. */
  maxBytes: number;
  /** What the download is, for the size error: "The `result` is larger than the 50 MB limit." */
  what?: string;
  /**
   * Extra request headers (a provider's key): sent to the first link's origin only. A redirect to
   * another origin drops them, as browsers drop Authorization.
   */
  headers?: Readonly<Record<string, string>>;
}

export interface GuardedResponse {
  /** The final URL, after redirects. May carry tokens: never show or log it whole. */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  /**
   * The body, read once. Read failures are GenHubErrors (TIMEOUT, CANCELLED, PROVIDER_UNAVAILABLE,
   * or INVALID_INPUT past `maxBytes`); stopping early (`return()`) closes the connection.
   */
  body: AsyncIterable<Uint8Array>;
}

/** GETs links on a user's behalf, never reaching a private network unless its origin is trusted. */
export interface GuardedFetcher {
  /** Resolves on a 2xx answer; any other outcome throws a GenHubError. */
  fetch(url: string | URL, options: GuardedFetchOptions): Promise<GuardedResponse>;
  /** Closes the connection pools. */
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Statuses worth another try later: the server is busy or down, not the link wrong. */
const TRANSIENT = new Set([408, 425, 429]);

/**
 * A fetcher with its own undici Agent: every connection to an untrusted origin resolves its host
 * through the guard's lookup, so the address check happens on the addresses actually connected to
 * (no DNS rebinding), and redirects are followed here, hop by hop, so each target is checked too.
 */
export function createGuardedFetcher(options: GuardedFetcherOptions): GuardedFetcher {
  const { guard } = options;
  const timeouts: HttpTimeouts = { ...DefaultHttpOptions.timeouts, ...options.timeouts };
  const maxRedirects = options.maxRedirects ?? DefaultArtifactLimits.maxRedirects;
  const userAgent = options.userAgent ?? DefaultHttpOptions.userAgent;

  // One connector per lookup in use: the checking one, and the unchecked one for trusted origins.
  const connectors = new Map<GuardedLookup, buildConnector.connector>();
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const lookup = guard.lookupFor(originOf(connectOptions));
    let connector = connectors.get(lookup);
    if (connector === undefined) {
      connector = buildConnector({ timeout: timeouts.connectMs, lookup });
      connectors.set(lookup, connector);
    }
    connector(connectOptions, callback);
  };
  const agent = new Agent({ connect, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs });

  return {
    async fetch(input, { signal, maxBytes, what = 'file', headers: extraHeaders }) {
      let url = guard.checkUrl(input);
      const firstOrigin = url.origin;
      for (let hop = 0; ; hop += 1) {
        const mapError = (error: unknown) =>
          errorFromNetwork(error, {
            label: `GET ${url.origin}${url.pathname}`,
            provider: undefined,
            timeouts,
            signal,
            redact: (text) => text.replaceAll(url.href, `${url.origin}${url.pathname}`),
          });
        let data: Dispatcher.ResponseData;
        try {
          data = await agent.request({
            origin: url.origin,
            path: `${url.pathname}${url.search}`,
            method: 'GET',
            headers: {
              ...(url.origin === firstOrigin ? extraHeaders : undefined),
              'user-agent': userAgent,
              accept: '*/*',
            },
            ...(signal === undefined ? {} : { signal }),
          });
        } catch (error) {
          throw mapError(error);
        }
        const status = data.statusCode;
        const headers = flattenHeaders(data.headers);

        if (REDIRECTS.has(status)) {
          await discard(data.body);
          const location = headers.location;
          if (location === undefined || location === '') {
            throw new GenHubError('PROVIDER_UNAVAILABLE', 'The link redirected without saying where to.', {
              retryable: false,
              status,
            });
          }
          if (hop >= maxRedirects) {
            throw new GenHubError('INVALID_INPUT', 'The link redirected too many times.', {
              retryable: false,
              details: { maxRedirects },
            });
          }
          url = guard.checkUrl(new URL(location, url));
          continue;
        }
        if (status < 200 || status > 299) {
          await discard(data.body);
          throw statusError(status);
        }
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          closeBody(data.body);
          throw tooLargeError(maxBytes, what, declared);
        }
        return { url: url.href, status, headers, body: limitedBody(data.body, maxBytes, what, mapError) };
      }
    },
    async close() {
      await agent.close();
    },
  };
}

function statusError(status: number): GenHubError {
  const reason = STATUS_CODES[status];
  const message = `The link answered ${status}${reason === undefined ? '' : ` ${reason}`}.`;
  if (status >= 500 || TRANSIENT.has(status)) {
    return new GenHubError('PROVIDER_UNAVAILABLE', message, { retryable: true, status });
  }
  return new GenHubError('INVALID_INPUT', message, { retryable: false, status });
}

/** The origin a connection is for, as the guard's trusted origins are written. */
function originOf({ protocol, hostname, port }: buildConnector.Options): string {
  const host = isIPv6(hostname) ? `[${hostname}]` : hostname;
  try {
    return new URL(`${protocol}//${host}${port ? `:${port}` : ''}`).origin;
  } catch {
    return 'null';
  }
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  // A failure here cannot matter: the connection is dropped from the pool anyway.
  await body.dump().catch(() => undefined);
}

/** Drops the connection; undici then emits an AbortError, which nobody needs to hear. */
function closeBody(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

/** The body as an iterable that counts bytes, maps failures to GenHubErrors and closes when left early. */
function limitedBody(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  what: string,
  mapError: (error: unknown) => GenHubError,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const inner = body[Symbol.asyncIterator]();
      let total = 0;
      return {
        async next() {
          try {
            const step = await inner.next();
            if (step.done === true) return { done: true, value: undefined };
            const chunk = step.value as Uint8Array;
            total += chunk.byteLength;
            if (total > maxBytes) throw tooLargeError(maxBytes, what);
            return { done: false, value: chunk };
          } catch (error) {
            closeBody(body);
            throw mapError(error);
          }
        },
        async return() {
          closeBody(body);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
