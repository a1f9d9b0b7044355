import { essence, GenHubError } from '@genhub/provider';
import { tooLargeError } from './artifact-limits.js';

export interface DecodedDataUrl {
  /** The declared media type, without parameters; `text/plain` when the URL names none. */
  mediaType: string;
  bytes: Uint8Array;
}

export function isDataUrl(url: string): boolean {
  return /^\s*data:/i.test(url);
}

/**
 * Decodes a `data:` URL (RFC 2397, as the Fetch standard reads it): percent-encoded bytes, or base64
 * when the type ends in `;base64` (whitespace ignored, padding optional). Anything longer than
 * `maxBytes` once decoded is refused, as is malformed base64.
 */
export function decodeDataUrl(url: string, maxBytes: number, what = 'file'): DecodedDataUrl {
  const trimmed = url.trim();
  const comma = trimmed.indexOf(',');
  if (!isDataUrl(trimmed) || comma === -1) throw invalid();
  const header = trimmed.slice(trimmed.indexOf(':') + 1, comma);
  const base64 = /;\s*base64\s*$/i.test(header);
  const type = essence(base64 ? header.replace(/;\s*base64\s*$/i, '') : header);
  const mediaType = /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'text/plain';

  // A cheap bound before decoding: base64 yields 3 bytes per 4 characters, percent-encoding at most one per character.
  const body = trimmed.slice(comma + 1);
  const upperBound = base64 ? Math.ceil((body.length * 3) / 4) : body.length;
  if (upperBound > maxBytes * 2 + 16) throw tooLargeError(maxBytes, what);

  const raw = percentDecode(body);
  const bytes = base64 ? decodeBase64(Buffer.from(raw).toString('latin1')) : raw;
  if (bytes.byteLength > maxBytes) throw tooLargeError(maxBytes, what, bytes.byteLength);
  return { mediaType, bytes };
}

function percentDecode(text: string): Uint8Array {
  const input = Buffer.from(text, 'utf8');
  const output = Buffer.alloc(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i += 1) {
    const byte = input[i]!;
    if (byte === 0x25 && i + 2 < input.length) {
      const hex = input.toString('latin1', i + 1, i + 3);
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        output[length++] = Number.parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    output[length++] = byte;
  }
  return new Uint8Array(output.buffer, output.byteOffset, length);
}

/** Forgiving base64 (standard or URL-safe alphabet); throws on anything else. */
function decodeBase64(text: string): Uint8Array {
  let data = text.replace(/[\t\n\f\r ]+/g, '');
  if (data.length % 4 === 0) data = data.replace(/={1,2}$/, '');
  if (data.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*$/.test(data)) throw invalid();
  const decoded = Buffer.from(data, 'base64');
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}

function invalid(): GenHubError {
  return new GenHubError('INVALID_INPUT', 'That data: link is malformed.', { retryable: false });
}
