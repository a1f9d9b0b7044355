import { GenHubError } from '@genhub/provider';

const DATA_URL_PREFIX = /^data:[^,]*;base64,/i;
const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Decodes the base64 media AINative returns (`audio_base64`, `image_base64`). Accepts standard and
 * URL-safe alphabets, missing padding, line breaks and a `data:...;base64,` prefix; anything else
 * (or nothing) is the provider's fault: PROVIDER_UNAVAILABLE, not retryable, since the generation
 * has already been paid for.
 */
export function decodeBase64(encoded: string, what: string): Uint8Array {
  const clean = encoded.trim().replace(DATA_URL_PREFIX, '').replace(/\s+/g, '');
  const valid = clean.length > 0 && clean.length % 4 !== 1 && (STANDARD.test(clean) || URL_SAFE.test(clean));
  const bytes = valid ? new Uint8Array(Buffer.from(clean, 'base64')) : new Uint8Array(0);
  if (bytes.byteLength === 0) {
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `AINative returned ${what} that is ${clean.length === 0 ? 'empty' : 'not valid base64'}.`,
      { provider: 'ainative', retryable: false },
    );
  }
  return bytes;
}
