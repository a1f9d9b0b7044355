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

/** The whole body, read with the idle timeout. */
export async function readAll(body: DestroyableBody, idleMs: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readWithIdleTimeout(body, idleMs)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
