import {
  detectMediaType,
  essence,
  extensionFor,
  GenHubError,
  type HttpClient,
  type MediaInput,
} from '@genhub/provider';

/** A file for a multipart upload. */
export interface UploadFile {
  bytes: Uint8Array;
  mediaType: string;
  name: string;
}

const DATA_URI = /^data:([^;,]*)(;base64)?,(.*)$/is;

/**
 * The bytes of an input image, for a multipart upload: a `data:` URI is decoded, a link is fetched
 * with `http`, a client that carries no OpenAI key (core fetched and checked the same link before).
 */
export async function loadInputFile(
  input: MediaInput,
  what: { param: string; maxBytes: number; http: HttpClient; signal: AbortSignal },
): Promise<UploadFile> {
  const { bytes, declared } = await readInput(input, what);
  if (bytes.byteLength > what.maxBytes) {
    throw new GenHubError(
      'INVALID_INPUT',
      `The ${what.param} file is larger than OpenAI takes (${Math.round(what.maxBytes / 1024 / 1024)} MB).`,
      { retryable: false, details: { param: what.param, bytes: bytes.byteLength, max: what.maxBytes } },
    );
  }
  const mediaType = (await detectMediaType(bytes)) ?? declared ?? 'image/png';
  return { bytes, mediaType, name: `${what.param}.${extensionFor(mediaType)}` };
}

async function readInput(
  input: MediaInput,
  what: { param: string; http: HttpClient; signal: AbortSignal },
): Promise<{ bytes: Uint8Array; declared: string | undefined }> {
  const inline = DATA_URI.exec(input.url);
  if (inline) {
    const [, type, base64, payload = ''] = inline;
    const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
    return { bytes, declared: input.mediaType ?? (type ? essence(type) : undefined) };
  }
  const response = await what.http.request({ url: input.url, signal: what.signal, maxRedirects: 3 });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    throw new GenHubError(
      'INVALID_INPUT',
      `The ${what.param} file could not be fetched (HTTP ${response.status}).`,
      {
        retryable: false,
        details: { param: what.param, status: response.status },
      },
    );
  }
  const type = response.headers['content-type'];
  return { bytes: await response.bytes(), declared: input.mediaType ?? (type ? essence(type) : undefined) };
}
