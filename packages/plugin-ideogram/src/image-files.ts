import {
  detectMediaType,
  essence,
  extensionFor,
  GenHubError,
  type HttpClient,
  type MediaInput,
} from '@genhub/provider';

/** A file for a multipart field. */
export interface ImageFile {
  blob: Blob;
  name: string;
}

/** The formats Ideogram reads (JPEG, PNG, WebP) and its limit per file (10 MB). */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Reads input images into files for Ideogram's multipart bodies: a `data:` URI is decoded, a link
 * is fetched with the plain HTTP client (never the one that carries the Api-Key). Core has already
 * fetched and checked the same link through its guard when the job was requested.
 */
export function createImageFiles(http: HttpClient) {
  return async function imageFile(input: MediaInput, param: string, signal: AbortSignal): Promise<ImageFile> {
    const bytes = await readBytes(http, input.url, param, signal);
    if (bytes.byteLength > MAX_BYTES) {
      throw refusal(param, `${param} is larger than the 10 MB Ideogram takes; use a smaller image.`);
    }
    const mediaType = (await detectMediaType(bytes)) ?? (input.mediaType && essence(input.mediaType));
    if (mediaType === undefined || !ACCEPTED.has(mediaType)) {
      throw refusal(param, `${param} must be a JPEG, PNG or WebP image.`);
    }
    return {
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
      name: `${param}.${extensionFor(mediaType)}`,
    };
  };
}

export type ImageFiles = ReturnType<typeof createImageFiles>;

async function readBytes(
  http: HttpClient,
  url: string,
  param: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const data = /^data:[^,]*;base64,(.*)$/is.exec(url);
  if (data?.[1] !== undefined) return new Uint8Array(Buffer.from(data[1], 'base64'));
  if (!/^https?:\/\//i.test(url))
    throw refusal(param, `${param} must be an http(s) link or an uploaded file.`);
  const response = await http.request({ url, signal, maxRedirects: 3, maxResponseBytes: MAX_BYTES + 1 });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    throw refusal(param, `${param} could not be fetched (HTTP ${response.status}); check the link.`);
  }
  return response.bytes();
}

function refusal(param: string, message: string): GenHubError {
  return new GenHubError('INVALID_INPUT', message, { retryable: false, details: { param } });
}
