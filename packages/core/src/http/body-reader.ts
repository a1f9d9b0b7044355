import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { errors } from 'undici';

/** The part of undici's response body the readers need. */
export interface DestroyableBody extends AsyncIterable<unknown> {
  destroy(error?: Error): unknown;
}

/**
 * Yields the body's chunks, failing with undici's BodyTimeoutError when the server stays silent for
 * `idleMs` while a chunk is awaited. Undici has its own body timeout, but it ticks in half-second
 * steps; this one is exact. Stopping early (a `break`) destroys the body, closing its connection.
 */
export async function* readWithIdleTimeout(
  body: DestroyableBody,
  idleMs: number,
): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    while (true) {
      const next = iterator.next();
      timer = setTimeout(() => body.destroy(new errors.BodyTimeoutError()), idleMs);
      const result = await next;
      clearTimeout(timer);
      if (result.done === true) {
        finished = true;
        // Let undici hand the connection back to its pool before the caller sends the next request.
        await nextMacrotask();
        return;
      }
      yield result.value as Uint8Array;
    }
  } finally {
    clearTimeout(timer);
    if (!finished) await iterator.return?.();
  }
}

export interface ReadAllOptions {
  /** Longest silence allowed while a chunk is awaited. */
  idleMs: number;
  /** Past this many bytes reading stops, the body is destroyed and `tooLarge()` is thrown. */
  maxBytes: number;
  tooLarge: () => Error;
  /** The Content-Length, when the server sent one: the buffer is then allocated once, not grown. */
  expectedBytes?: number;
}

/** The whole body, read with the idle timeout, never more than `maxBytes` of it. */
export async function readAll(body: DestroyableBody, options: ReadAllOptions): Promise<Uint8Array> {
  const { idleMs, maxBytes, tooLarge, expectedBytes } = options;
  const chunks: Uint8Array[] = [];
  let whole = expectedBytes === undefined ? undefined : Buffer.allocUnsafe(expectedBytes);
  let total = 0;
  // Leaving the loop early (a throw) destroys the body, which closes its connection.
  for await (const chunk of readWithIdleTimeout(body, idleMs)) {
    if (total + chunk.byteLength > maxBytes) throw tooLarge();
    if (whole !== undefined && total + chunk.byteLength > whole.byteLength) {
      // More than the Content-Length promised (undici fails such a body): collect in pieces till then.
      chunks.push(whole.subarray(0, total));
      whole = undefined;
    }
    if (whole === undefined) chunks.push(chunk);
    else whole.set(chunk, total);
    total += chunk.byteLength;
  }
  if (whole !== undefined) return whole.subarray(0, total);
  return Buffer.concat(chunks, total);
}
