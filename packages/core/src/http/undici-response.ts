import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { HttpResponse } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { Dispatcher } from 'undici';
import { readAll, readWithIdleTimeout } from './body-reader.js';
import { declaredLength, responseTooLargeError } from './response-size.js';

/** How body failures are reported and what an unparsable body is blamed on. */
export interface ResponseContext {
  /** Maps a failure while reading the body (timeout, reset, abort) to a GenHubError. */
  mapError: (error: unknown) => GenHubError;
  /** Redacted `METHOD url`, for messages. */
  label: string;
  provider: string | undefined;
  /** Longest silence allowed while the body streams in. */
  bodyMs: number;
  /** Largest body `text()`, `json()` and `bytes()` read; `stream()` leaves counting to its caller. */
  maxBodyBytes: number;
  /** A HEAD answer's Content-Length describes a body that never comes. */
  method: string;
}

/** Undici's headers as one lower-case record; repeated headers are joined with `, `. */
export function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The URL the response came from: the last hop when redirects were followed. */
function finalUrl(data: Dispatcher.ResponseData, requested: string): string {
  const history = (data.context as { history?: unknown } | undefined)?.history;
  const last = Array.isArray(history) ? history.at(-1) : undefined;
  return last instanceof URL ? last.href : requested;
}

/** Parses a body as JSON: empty means undefined, anything unparsable is PROVIDER_UNAVAILABLE. */
export function parseJsonBody<T>(text: string, status: number, context: ResponseContext): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const who = context.provider === undefined ? '' : `${context.provider}: `;
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `${who}${context.label} answered ${status} with invalid JSON.`,
      {
        retryable: false,
        status,
        cause: error,
        ...(context.provider === undefined ? {} : { provider: context.provider }),
      },
    );
  }
}

/**
 * Wraps undici's response so every read failure surfaces as a GenHubError, reads that finish
 * leave the connection ready for the next request, and no read holds more than the body cap: a
 * Content-Length above it is refused before reading, a longer body as soon as the cap is passed,
 * and either way the connection is closed.
 */
export function wrapResponse(
  data: Dispatcher.ResponseData,
  requestedUrl: string,
  context: ResponseContext,
): HttpResponse {
  const { body } = data;
  const headers = flattenHeaders(data.headers);
  const maxBytes = context.maxBodyBytes;
  const hasBody = context.method !== 'HEAD' && data.statusCode !== 204 && data.statusCode !== 304;
  const declared = hasBody ? declaredLength(headers) : undefined;
  const bytes = async (): Promise<Uint8Array> => {
    if (declared !== undefined && declared > maxBytes) {
      closeBody(body);
      throw responseTooLargeError(context, maxBytes, declared);
    }
    try {
      return await readAll(body, {
        idleMs: context.bodyMs,
        maxBytes,
        tooLarge: () => responseTooLargeError(context, maxBytes),
        ...(declared === undefined ? {} : { expectedBytes: declared }),
      });
    } catch (error) {
      throw context.mapError(error);
    }
  };
  const text = async () => {
    const all = await bytes();
    return Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('utf8');
  };
  return {
    status: data.statusCode,
    headers,
    url: finalUrl(data, requestedUrl),
    text,
    json: async <T>() => parseJsonBody<T>(await text(), data.statusCode, context),
    bytes,
    stream: () => streamBody(readWithIdleTimeout(body, context.bodyMs), context.mapError),
    dump: async () => {
      // Discarding cannot usefully fail: a broken connection is dropped from the pool anyway.
      await body.dump().catch(() => undefined);
      await nextMacrotask();
    },
  };
}

/** Drops the connection without reading; undici's resulting AbortError has no one to tell. */
function closeBody(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

async function* streamBody(
  chunks: AsyncGenerator<Uint8Array>,
  mapError: (error: unknown) => GenHubError,
): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    throw mapError(error);
  }
}
