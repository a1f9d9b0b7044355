import { detectMediaType, essence, GenHubError, type HttpClient, type MediaInput } from '@genhub/provider';

/**
 * Largest input sent inline. Runway fetches HTTPS links itself and takes `data:` URIs for smaller
 * files (docs.dev.runwayml.com, inputs); a bigger file should be given as an HTTPS link.
 */
const MAX_INLINE_BYTES = 16 * 1024 * 1024;

/** Turns a media input into what Runway's `promptImage`, `videoUri` and the like take. */
export type MediaUri = (input: MediaInput, param: string, signal: AbortSignal) => Promise<string>;

/**
 * HTTPS links and `data:` URIs go as they are. Anything else (a plain `http:` link, which Runway
 * refuses) is fetched with `http`, a client without Runway's key, and sent as a `data:` URI; core
 * already fetched the same link through its SSRF guard when the request was made.
 */
export function mediaUri(http: HttpClient): MediaUri {
  return async (input, param, signal) => {
    if (/^(https:\/\/|data:)/i.test(input.url)) return input.url;
    const response = await http.request({ url: input.url, signal, maxRedirects: 3 });
    if (response.status < 200 || response.status >= 300) {
      await response.dump();
      throw inputError(param, `could not be fetched (HTTP ${response.status})`);
    }
    const bytes = await response.bytes();
    if (bytes.byteLength > MAX_INLINE_BYTES)
      throw inputError(param, 'is too large to send inline; give an HTTPS link');
    const header = response.headers['content-type'];
    const mediaType =
      input.mediaType ??
      (await detectMediaType(bytes)) ??
      (header === undefined ? undefined : essence(header));
    if (mediaType === undefined) throw inputError(param, 'is of a type GenHub could not tell');
    return `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
  };
}

function inputError(param: string, what: string): GenHubError {
  return new GenHubError('INVALID_INPUT', `The ${param} input ${what}.`, {
    retryable: false,
    details: { param },
  });
}
