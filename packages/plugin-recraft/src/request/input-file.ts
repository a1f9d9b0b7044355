import {
  detectMediaType,
  essence,
  extensionFor,
  GenHubError,
  type HttpClient,
  type MediaInput,
} from '@genhub/provider';
import type { UploadFile } from '../api/recraft-api.js';

const DATA_URI = /^data:([^;,]*)(;base64)?,(.*)$/is;

/**
 * The bytes of an input image, for a multipart upload: a `data:` URI is decoded, a link is fetched
 * with `http`, a client that carries no Recraft key (core fetched and checked the same link before).
 */
export async function loadInputFile(
  input: MediaInput,
  http: HttpClient,
  maxBytes: number,
  signal: AbortSignal,
): Promise<UploadFile> {
  const { bytes, declared } = await readInput(input, http, signal);
  if (bytes.byteLength > maxBytes) {
    throw new GenHubError(
      'INVALID_INPUT',
      `The input image is larger than Recraft takes (${Math.round(maxBytes / 1024 / 1024)} MB).`,
      { retryable: false, details: { param: 'images', bytes: bytes.byteLength, max: maxBytes } },
    );
  }
  const mediaType = (await detectMediaType(bytes)) ?? declared ?? 'image/png';
  return { bytes, mediaType, name: `image.${extensionFor(mediaType)}` };
}

async function readInput(
  input: MediaInput,
  http: HttpClient,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; declared: string | undefined }> {
  const inline = DATA_URI.exec(input.url);
  if (inline) {
    const [, type, base64, payload = ''] = inline;
    const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
    return { bytes, declared: input.mediaType ?? (type ? essence(type) : undefined) };
  }
  const response = await http.request({ url: input.url, signal, maxRedirects: 3 });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    throw new GenHubError(
      'INVALID_INPUT',
      `The input image could not be fetched (HTTP ${response.status}).`,
      {
        retryable: false,
        details: { param: 'images', status: response.status },
      },
    );
  }
  const type = response.headers['content-type'];
  return { bytes: await response.bytes(), declared: input.mediaType ?? (type ? essence(type) : undefined) };
}
