import { detectMediaType, essence, GenHubError, type HttpClient, type MediaInput } from '@genhub/provider';

/** An image as the Gemini API takes it in a Veo request: its bytes, base64, and its media type. */
export interface InlineImage {
  bytesBase64Encoded: string;
  mimeType: string;
}

/** The image types Veo documents for input frames and reference images. */
const VEO_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** `data:<type>;base64,<data>`. */
const BASE64_DATA_URI = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/is;

/**
 * Turns a media input into the inline image Veo takes: a `data:` URI is decoded, an http(s) link
 * (already checked by core) is fetched with `http`, a client without the API key, so the key never
 * goes to another server. `param` names the input in errors.
 */
export async function inlineImage(
  input: MediaInput,
  param: string,
  http: HttpClient,
  signal: AbortSignal,
): Promise<InlineImage> {
  const bytes = await imageBytes(input, param, http, signal);
  const mimeType = (await detectMediaType(bytes)) ?? (input.mediaType ? essence(input.mediaType) : undefined);
  if (mimeType === undefined || !VEO_IMAGE_TYPES.has(mimeType)) {
    throw new GenHubError('INVALID_INPUT', `Veo takes PNG, JPEG or WebP images; ${param} is not one.`, {
      retryable: false,
      details: { param, ...(mimeType === undefined ? {} : { mediaType: mimeType }) },
    });
  }
  return { bytesBase64Encoded: Buffer.from(bytes).toString('base64'), mimeType };
}

async function imageBytes(
  input: MediaInput,
  param: string,
  http: HttpClient,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const dataUri = BASE64_DATA_URI.exec(input.url);
  if (dataUri) return Buffer.from(dataUri[2] ?? '', 'base64');
  if (!/^https?:\/\//i.test(input.url)) {
    throw new GenHubError('INVALID_INPUT', `${param} must be an http(s) link or a base64 data: URI.`, {
      retryable: false,
      details: { param },
    });
  }
  const response = await http.request({ url: input.url, signal, maxRedirects: 3 });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    throw new GenHubError(
      'INVALID_INPUT',
      `The image in ${param} could not be fetched (HTTP ${response.status}).`,
      {
        retryable: false,
        details: { param, status: response.status },
      },
    );
  }
  return response.bytes();
}
