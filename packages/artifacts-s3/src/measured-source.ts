import { createHash } from 'node:crypto';
import { DefaultArtifactLimits, tooLargeError, untilAborted } from '@genhub/core';

/**
 * A file's bytes as they stream through, counted against `maxBytes`, hashed, and with their first
 * bytes kept for media type sniffing. `readHead` pulls just enough to sniff; `all` then gives every
 * byte once, head first. `failure` is what stopped the stream (too large, cancelled), so a store can
 * report it rather than the upload error it caused.
 */
export class MeasuredSource {
  bytes = 0;
  failure: unknown;
  readonly #iterator: AsyncIterator<Uint8Array>;
  readonly #maxBytes: number;
  readonly #signal: AbortSignal | undefined;
  readonly #hash = createHash('sha256');
  readonly #head: Uint8Array[] = [];
  #headBytes = 0;
  #done = false;

  constructor(source: AsyncIterable<Uint8Array> | Uint8Array, maxBytes: number, signal?: AbortSignal) {
    this.#iterator = source instanceof Uint8Array ? single(source) : source[Symbol.asyncIterator]();
    this.#maxBytes = maxBytes;
    this.#signal = signal;
  }

  /** The first bytes (up to the sniffer's window), read and kept. */
  async readHead(): Promise<Uint8Array> {
    while (!this.#done && this.#headBytes < DefaultArtifactLimits.sniffBytes) {
      const chunk = await this.#pull();
      if (chunk === undefined) break;
      // A copy: a source may reuse its buffer for the next chunk.
      this.#head.push(Uint8Array.prototype.slice.call(chunk));
      this.#headBytes += chunk.byteLength;
    }
    return new Uint8Array(Buffer.concat(this.#head)).subarray(0, DefaultArtifactLimits.sniffBytes);
  }

  /** Every byte, the kept head first; call once, after `readHead`. */
  async *all(): AsyncGenerator<Uint8Array> {
    yield* this.#head;
    for (;;) {
      const chunk = await this.#pull();
      if (chunk === undefined) return;
      yield chunk;
    }
  }

  /** The sha256 of everything read; once the stream is done. */
  sha256(): string {
    return this.#hash.digest('hex');
  }

  /** Lets the source release what it holds (an HTTP body closes its connection). */
  async close(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.#iterator.return?.().catch(() => undefined);
  }

  async #pull(): Promise<Uint8Array | undefined> {
    try {
      const step = await untilAborted(this.#iterator.next(), this.#signal);
      this.#signal?.throwIfAborted();
      if (step.done === true) {
        this.#done = true;
        return undefined;
      }
      this.bytes += step.value.byteLength;
      if (this.bytes > this.#maxBytes) throw tooLargeError(this.#maxBytes, 'result');
      this.#hash.update(step.value);
      return step.value;
    } catch (error) {
      this.failure ??= error;
      throw error;
    }
  }
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
