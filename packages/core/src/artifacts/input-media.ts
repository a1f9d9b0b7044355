import { detectMediaType, essence, GenHubError, mediaKind } from '@genhub/provider';
import { tooLargeError } from './artifact-limits.js';
import { decodeDataUrl, isDataUrl } from './data-url.js';
import type { GuardedFetcher } from './guarded-fetch.js';

export type InputMediaKind = 'image' | 'video' | 'audio';

export interface FetchInputMediaOptions {
  fetcher: GuardedFetcher;
  expect: InputMediaKind;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface InputMedia {
  bytes: Uint8Array;
  /** Sniffed from the bytes, never taken from what the server declared. */
  mediaType: string;
}

const WHAT_TO_SEND: Readonly<Record<InputMediaKind, string>> = {
  image: 'Attach a PNG, JPEG or WebP image.',
  video: 'Attach an MP4 or WebM video.',
  audio: 'Attach an MP3, WAV or OGG audio file.',
};

const ARTICLE: Readonly<Record<InputMediaKind, string>> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
};

/**
 * Fetches a file a user gave as input (through the SSRF guard, or decoding a `data:` link) and
 * proves from its bytes that it is the kind expected. A page, a document or an unknown file is
 * refused with INVALID_INPUT saying what it is and what to send instead.
 */
export async function fetchInputMedia(url: string, options: FetchInputMediaOptions): Promise<InputMedia> {
  const { fetcher, expect, maxBytes, signal } = options;
  let bytes: Uint8Array;
  let declared: string | undefined;
  if (isDataUrl(url)) {
    const decoded = decodeDataUrl(url, maxBytes, expect);
    bytes = decoded.bytes;
    declared = decoded.mediaType;
  } else {
    const response = await fetcher.fetch(url, {
      maxBytes,
      what: expect,
      ...(signal === undefined ? {} : { signal }),
    });
    declared = response.headers['content-type'];
    bytes = await readAll(response.body, maxBytes, expect);
  }

  const mediaType = await detectMediaType(bytes);
  if (mediaType !== undefined && mediaKind(mediaType) === expect) return { bytes, mediaType };

  // A declared type is worth naming only when it admits the mismatch; a claim of the right kind is not proof.
  const claimed = declared === undefined ? '' : essence(declared);
  const named = mediaType ?? (claimed !== '' && mediaKind(claimed) !== expect ? claimed : undefined);
  const actually =
    bytes.byteLength === 0
      ? 'it is empty'
      : named === undefined
        ? 'it is not a file type GenHub recognises'
        : `it is ${named}`;
  throw new GenHubError(
    'INVALID_INPUT',
    `That link is not ${ARTICLE[expect]} (${actually}). ${WHAT_TO_SEND[expect]}`,
    {
      retryable: false,
      details: { expected: expect, ...(mediaType === undefined ? {} : { mediaType }) },
    },
  );
}

async function readAll(body: AsyncIterable<Uint8Array>, maxBytes: number, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLargeError(maxBytes, what);
    chunks.push(chunk);
  }
  const joined = Buffer.concat(chunks, total);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
}
