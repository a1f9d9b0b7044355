import { essence } from '@genhub/provider';
import { tooLargeError } from './artifact-limits.js';
import { DataUrlPayloadDecoder, malformedDataUrl } from './data-url-decoder.js';

export interface DecodedDataUrl {
  /** The declared media type, without parameters; `text/plain` when the URL names none. */
  mediaType: string;
  bytes: Uint8Array;
}

/** A `data:` URL ready to decode in pieces, without copying its text. */
export interface OpenedDataUrl {
  /** The declared media type, without parameters; `text/plain` when the URL names none. */
  mediaType: string;
  /** The decoded bytes, a piece at a time (about 768 KB each); throws INVALID_INPUT when malformed. */
  chunks(): Generator<Uint8Array>;
}

/** Characters of payload decoded per piece: a multiple of 4, so base64 pieces decode whole. */
const PIECE_CHARS = 1024 * 1024;
/** Longest `type;parameters;base64` part read; anything longer is not a media type. */
const MAX_HEADER_CHARS = 1024;

export function isDataUrl(url: string): boolean {
  return /^\s*data:/i.test(url);
}

/**
 * Reads a `data:` URL's header (RFC 2397, as the Fetch standard reads it) and decodes its payload
 * lazily, piece by piece: percent-encoded bytes, or base64 when the type ends in `;base64`.
 * Throws INVALID_INPUT at once when the header is malformed, and while decoding for the payload.
 */
export function openDataUrl(url: string): OpenedDataUrl {
  let start = 0;
  while (start < url.length && isAsciiWhitespace(url.charCodeAt(start))) start += 1;
  let end = url.length;
  while (end > start && isAsciiWhitespace(url.charCodeAt(end - 1))) end -= 1;
  if (url.slice(start, start + 5).toLowerCase() !== 'data:') throw malformedDataUrl();
  const comma = url.indexOf(',', start + 5);
  if (comma === -1 || comma >= end || comma - start > MAX_HEADER_CHARS) throw malformedDataUrl();

  const header = url.slice(start + 5, comma);
  const base64 = /;\s*base64\s*$/i.test(header);
  const type = essence(base64 ? header.replace(/;\s*base64\s*$/i, '') : header);
  const mediaType = /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'text/plain';
  return {
    mediaType,
    *chunks() {
      const decoder = new DataUrlPayloadDecoder({ base64 });
      for (let at = comma + 1; at < end; at += PIECE_CHARS) {
        const bytes = decoder.write(url.slice(at, Math.min(at + PIECE_CHARS, end)));
        if (bytes.byteLength > 0) yield bytes;
      }
      const last = decoder.end();
      if (last.byteLength > 0) yield last;
    },
  };
}

/**
 * Decodes a whole `data:` URL into memory, for small files (a user's input image). Decoding stops
 * as soon as more than `maxBytes` come out; malformed links are refused.
 */
export function decodeDataUrl(url: string, maxBytes: number, what = 'file'): DecodedDataUrl {
  const opened = openDataUrl(url);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (const chunk of opened.chunks()) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLargeError(maxBytes, what);
    chunks.push(chunk);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return {
    mediaType: opened.mediaType,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}

function isAsciiWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}
