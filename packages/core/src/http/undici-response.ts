import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { HttpResponse } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { Dispatcher } from 'undici';
import { readAll, readWithIdleTimeout } from './body-reader.js';

/** How body failures are reported and what an unparsable body is blamed on. */
export interface ResponseContext {
  /** Maps a failure while reading the body (timeout, reset, abort) to a GenHubError. */
  mapError: (error: unknown) => GenHubError;
  /** Redacted `METHOD url`, for messages. */
  label: string;
  provider: string | undefined;
  /** Longest silence allowed while the body streams in. */
  bodyMs: number;
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
 * Wraps undici's response so every read failure surfaces as a GenHubError and reads that finish
 * leave the connection ready for the next request.
 */
export function wrapResponse(
  data: Dispatcher.ResponseData,
  requestedUrl: string,
  context: ResponseContext,
): HttpResponse {
  const { body } = data;
  const bytes = async (): Promise<Uint8Array> => {
    try {
      return await readAll(body, context.bodyMs);
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
    headers: flattenHeaders(data.headers),
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
