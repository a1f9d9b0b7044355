import { GenHubError } from '@genhub/provider';

const WHITESPACE = /[\t\n\f\r ]/g;
const BASE64_ALPHABET = /^[A-Za-z0-9+/_-]*$/;
const EMPTY = new Uint8Array(0);

/**
 * Decodes the payload of a `data:` URL (the text after its comma) piece by piece, as the Fetch
 * standard reads it: percent-escapes become bytes, then, for a `;base64` URL, forgiving base64
 * (either alphabet, whitespace ignored, padding optional). Pieces may be cut anywhere, inside an
 * escape or a base64 quantum: what cannot be decoded yet waits for the next piece. Malformed
 * input throws INVALID_INPUT as soon as it is seen.
 */
export class DataUrlPayloadDecoder {
  readonly #base64: boolean;
  /** Text held back: an escape cut short, or the first half of a surrogate pair. */
  #held = '';
  /** Base64 characters short of a whole quantum of four. */
  #quantum = '';
  /** `=` characters seen; once there is one, only more of them (at most two) may follow. */
  #padding = 0;

  constructor(options: { base64: boolean }) {
    this.#base64 = options.base64;
  }

  /** The bytes the text decodes to, except any it must wait for the next piece to finish. */
  write(piece: string): Uint8Array {
    const text = this.#held + piece;
    const cut = completeLength(text);
    this.#held = text.slice(cut);
    return this.#decode(text.slice(0, cut));
  }

  /** The last bytes; throws INVALID_INPUT when the payload ends where it may not. */
  end(): Uint8Array {
    const last = this.#decode(this.#held);
    this.#held = '';
    if (!this.#base64) return last;
    const rest = this.#quantum;
    this.#quantum = '';
    // Padding completes a quantum exactly; without it, one character alone cannot be a byte.
    if (this.#padding > 0 ? (rest.length + this.#padding) % 4 !== 0 : rest.length % 4 === 1) {
      throw malformedDataUrl();
    }
    if (rest === '') return last;
    const tail = Buffer.from(rest, 'base64');
    return last.byteLength === 0 ? tail : Buffer.concat([last, tail]);
  }

  #decode(text: string): Uint8Array {
    if (text === '') return EMPTY;
    if (!this.#base64) return percentDecode(text);
    // Base64 is ASCII: any byte above 0x7f shows up as a character outside the alphabet.
    return this.#decodeBase64(text.includes('%') ? percentDecode(text).toString('latin1') : text);
  }

  #decodeBase64(text: string): Uint8Array {
    let data = text.replace(WHITESPACE, '');
    const padAt = data.indexOf('=');
    if (this.#padding > 0 && data !== '' && padAt !== 0) throw malformedDataUrl();
    if (padAt !== -1) {
      const padding = data.slice(padAt);
      if (!/^=+$/.test(padding)) throw malformedDataUrl();
      this.#padding += padding.length;
      if (this.#padding > 2) throw malformedDataUrl();
      data = data.slice(0, padAt);
    }
    if (!BASE64_ALPHABET.test(data)) throw malformedDataUrl();
    const all = this.#quantum + data;
    const whole = all.length - (all.length % 4);
    this.#quantum = all.slice(whole);
    return whole === 0 ? EMPTY : Buffer.from(all.slice(0, whole), 'base64');
  }
}

/** The one error for a `data:` URL that cannot be read. */
export function malformedDataUrl(): GenHubError {
  return new GenHubError('INVALID_INPUT', 'That data: link is malformed.', { retryable: false });
}

/**
 * How much of the text can be decoded now: all of it, except a `%` escape that may still be
 * missing its hex digits, or a high surrogate whose low half is in the next piece.
 */
function completeLength(text: string): number {
  let cut = text.length;
  const percent = text.lastIndexOf('%');
  if (percent !== -1 && percent >= text.length - 2) cut = percent;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return cut;
}

/** The UTF-8 bytes of the text with every `%XX` escape replaced by its byte; other `%`s stay. */
function percentDecode(text: string): Buffer {
  const input = Buffer.from(text, 'utf8');
  if (!text.includes('%')) return input;
  let length = 0;
  for (let i = 0; i < input.length; i += 1) {
    const byte = input[i]!;
    if (byte === 0x25 && i + 2 < input.length) {
      const high = hexValue(input[i + 1]!);
      const low = hexValue(input[i + 2]!);
      if (high !== -1 && low !== -1) {
        input[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    input[length++] = byte;
  }
  return input.subarray(0, length);
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
