import type { IncomingMessage } from 'node:http';
import { type FakeFile, parseMultipart } from '@genhub/testkit/fake-server';

/**
 * Reading a Bot API request: the body (counted against the upload limit as it streams in), and its
 * parameters from the query string, a JSON body, a urlencoded body or a multipart/form-data body.
 */

/** How the parameters of a call arrived. */
export type TelegramTransport = 'json' | 'multipart' | 'urlencoded' | 'query' | 'webhook-reply';

export interface TelegramRequestParams {
  /** Values as sent: JSON values from a JSON body, strings from every other transport. */
  params: Record<string, unknown>;
  /** Uploaded files by their multipart field name (the `<name>` of `attach://<name>`). */
  files: Record<string, FakeFile>;
  transport: TelegramTransport;
}

export interface TelegramBody {
  /** Empty when the body was over the limit. */
  bytes: Uint8Array;
  size: number;
  tooLarge: boolean;
}

/** Reads the whole body, keeping none of it once it passes `limit` bytes (it is still drained). */
export function readBody(req: IncomingMessage, limit: number): Promise<TelegramBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    req.once('end', () => {
      ended = true;
      resolve({ bytes: tooLarge ? new Uint8Array() : new Uint8Array(Buffer.concat(chunks)), size, tooLarge });
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!ended) reject(new Error('The client closed the request before sending all of it.'));
    });
  });
}

/** The parameters of a request; throws when a JSON or multipart body cannot be parsed. */
export async function requestParams(
  contentType: string,
  body: Uint8Array,
  query: URLSearchParams,
): Promise<TelegramRequestParams> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const files: Record<string, FakeFile> = {};
  let transport: TelegramTransport = 'query';
  if (body.byteLength > 0) {
    if (/^multipart\/form-data/i.test(contentType)) {
      transport = 'multipart';
      const multipart = await parseTelegramMultipart(body, contentType);
      if (!multipart) throw new Error('multipart/form-data body could not be parsed');
      for (const entry of multipart.entries) {
        if (typeof entry.value === 'string') params[entry.name] = entry.value;
        else files[entry.name] = entry.value;
      }
    } else if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
      transport = 'urlencoded';
      Object.assign(params, Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body))));
    } else {
      transport = 'json';
      const text = new TextDecoder().decode(body).trim();
      if (text.length > 0) {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          for (const [name, value] of Object.entries(parsed)) {
            if (value !== null && value !== undefined) params[name] = value;
          }
        }
      }
    }
  }
  return { params, files, transport };
}

/**
 * Parses multipart/form-data with the test kit's parser, after rewriting each part's headers into
 * the canonical spelling that parser insists on. grammY writes them the terse way
 * (`content-disposition:form-data;name="x";filename=photo.jpg`), which Telegram accepts and Node's
 * FormData parser refuses. Only header lines are rewritten; part bodies pass through byte for byte.
 */
export async function parseTelegramMultipart(body: Uint8Array, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const value = boundary?.[1] ?? boundary?.[2];
  if (value === undefined) return undefined;
  return parseMultipart(canonicalPartHeaders(body, value), contentType);
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function canonicalPartHeaders(body: Uint8Array, boundary: string): Uint8Array {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let position = buffer.indexOf(delimiter);
  if (position < 0) return body;
  const out: Buffer[] = [buffer.subarray(0, position)];
  while (position >= 0) {
    const afterDelimiter = position + delimiter.length;
    if (buffer[afterDelimiter] === 0x2d && buffer[afterDelimiter + 1] === 0x2d) {
      out.push(buffer.subarray(position));
      break;
    }
    const lineEnd = buffer.indexOf(CRLF, afterDelimiter);
    if (lineEnd < 0) {
      out.push(buffer.subarray(position));
      break;
    }
    const headersStart = lineEnd + 2;
    const next = buffer.indexOf(nextDelimiter, headersStart);
    const partEnd = next < 0 ? buffer.length : next + 2;
    const headersEnd = buffer.indexOf(HEADER_END, headersStart);
    out.push(buffer.subarray(position, headersStart));
    if (
      headersEnd < 0 ||
      headersEnd > partEnd ||
      buffer.subarray(headersStart, headersStart + 2).equals(CRLF)
    ) {
      out.push(buffer.subarray(headersStart, partEnd));
    } else {
      const headers = buffer.subarray(headersStart, headersEnd).toString('latin1');
      out.push(Buffer.from(canonicalHeaders(headers), 'latin1'), buffer.subarray(headersEnd, partEnd));
    }
    position = next < 0 ? -1 : next + 2;
  }
  return new Uint8Array(Buffer.concat(out));
}

function canonicalHeaders(block: string): string {
  return block
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0) return line;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      return `${name}: ${name === 'content-disposition' ? canonicalDisposition(value) : value}`;
    })
    .join('\r\n');
}

function canonicalDisposition(value: string): string {
  const parameters: string[] = [];
  const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of value.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    let raw = match[2]!.trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2)
      raw = raw.slice(1, -1).replace(/\\(.)/g, '$1');
    parameters.push(`${name}="${raw.replace(/"/g, '%22')}"`);
  }
  const kind = value.split(';', 1)[0]!.trim().toLowerCase();
  // The parser wants `name` straight after the kind.
  parameters.sort((a, b) => Number(b.startsWith('name=')) - Number(a.startsWith('name=')));
  return [kind, ...parameters].join('; ');
}
