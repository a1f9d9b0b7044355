import { sniffMediaType } from '@genhub/provider';
import { DefaultArtifactLimits, tooLargeError } from './artifact-limits.js';
import type { PutArtifactInput } from './artifact-store.js';
import { sanitizeSvg, unreadableSvgError } from './svg-sanitizer.js';

const SVG = 'image/svg+xml';

/**
 * The store's input with an SVG sanitized on the way in. The first bytes are sniffed the way the
 * store sniffs them (so what is sanitized is exactly what would be stored as SVG); anything else
 * passes through as the stream it was, its first bytes put back in front. An SVG is read whole
 * (within `maxBytes`), cleaned (see svg-sanitizer.ts) and handed on as bytes.
 */
export async function svgSafeInput(input: PutArtifactInput): Promise<PutArtifactInput> {
  const { source, maxBytes } = input;
  if (source instanceof Uint8Array) {
    if (!(await isSvg(source, input.declaredMediaType))) return input;
    return { ...input, source: await sanitized(source), declaredMediaType: SVG };
  }

  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let finished = false;
  try {
    while (headBytes < DefaultArtifactLimits.sniffBytes) {
      input.signal?.throwIfAborted();
      const step = await iterator.next();
      if (step.done === true) {
        finished = true;
        break;
      }
      // A copy: a source may reuse its buffer for the next chunk.
      head.push(Uint8Array.prototype.slice.call(step.value));
      headBytes += step.value.byteLength;
    }
    if (!(await isSvg(concat(head), input.declaredMediaType))) {
      return { ...input, source: headThenRest(head, finished ? undefined : iterator) };
    }
    let bytes = headBytes;
    if (bytes > maxBytes) throw tooLargeError(maxBytes, 'result');
    while (!finished) {
      input.signal?.throwIfAborted();
      const step = await iterator.next();
      if (step.done === true) break;
      bytes += step.value.byteLength;
      if (bytes > maxBytes) throw tooLargeError(maxBytes, 'result');
      head.push(Uint8Array.prototype.slice.call(step.value));
    }
    finished = true;
    return { ...input, source: await sanitized(concat(head)), declaredMediaType: SVG };
  } catch (error) {
    // Lets the source release what it holds (an HTTP body closes its connection).
    if (!finished) await iterator.return?.().catch(() => undefined);
    throw error;
  }
}

/** XML types a browser renders as SVG (running its scripts) when the root element is `<svg>`. */
const XML_TYPES = new Set(['application/xml', 'text/xml']);

/**
 * Whether the file is stored as SVG, or is XML with an `<svg` in its first bytes (a prolog the
 * sniffer does not follow, say), which a browser would run as SVG all the same.
 */
async function isSvg(firstBytes: Uint8Array, declared: string | undefined): Promise<boolean> {
  const head = firstBytes.subarray(0, DefaultArtifactLimits.sniffBytes);
  const mediaType = await sniffMediaType(head, declared);
  if (mediaType === SVG) return true;
  return XML_TYPES.has(mediaType) && Buffer.from(head).toString('latin1').includes('<svg');
}

async function sanitized(bytes: Uint8Array): Promise<Uint8Array> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw unreadableSvgError('it is not UTF-8 text', error);
  }
  return new TextEncoder().encode(await sanitizeSvg(text));
}

/** The sniffed chunks, then the rest of the stream; closing it early closes the stream too. */
async function* headThenRest(
  head: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array> | undefined,
): AsyncGenerator<Uint8Array> {
  let done = rest === undefined;
  try {
    yield* head;
    while (rest !== undefined) {
      const step = await rest.next();
      if (step.done === true) break;
      yield step.value;
    }
    done = true;
  } finally {
    if (!done) await rest?.return?.().catch(() => undefined);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : new Uint8Array(Buffer.concat(chunks));
}
