import {
  detectMediaType,
  essence,
  extensionFor,
  GenHubError,
  type HttpClient,
  type MediaInput,
} from '@genhub/provider';
import type { GateAiApi } from '../api/gateai-api.js';

/** A media input as GateAI takes it: a reference in the parameter itself, or a pre-uploaded file id. */
export type ResolvedMedia = { kind: 'inline'; value: string } | { kind: 'file'; id: string };

export type MediaKind = 'image' | 'video' | 'audio';

export interface MediaResolver {
  /**
   * `upload` sends an input GateAI cannot fetch itself through `/api/upload`; `inline` sends it
   * as a `data:` URI instead (for fields that a list of file ids cannot express).
   */
  resolve(
    input: MediaInput,
    how: 'upload' | 'inline',
    kind: MediaKind,
    signal: AbortSignal,
  ): Promise<ResolvedMedia>;
}

/** What GateAI takes in a parameter as it is: an HTTPS URL or a `data:` URI (docs.txt, "Image/video references"). */
export function isInlineReference(url: string): boolean {
  return /^https:\/\//i.test(url) || /^data:/i.test(url);
}

const FALLBACK_TYPE: Readonly<Record<MediaKind, string>> = {
  image: 'image/png',
  video: 'video/mp4',
  audio: 'audio/mpeg',
};

export interface MediaResolverDependencies {
  api: GateAiApi;
  /** A client without GateAI's credentials, so the key never goes to a third party's server. */
  http: HttpClient;
  /** Largest input fetched; core has checked the input against its own limit already. */
  maxBytes: number;
}

/**
 * Passes HTTPS URLs and `data:` URIs through untouched; anything else (a plain `http:` link, which
 * the document does not say GateAI accepts) is fetched and either uploaded or turned into a
 * `data:` URI. Core fetched the same link through its SSRF guard when the request was made.
 */
export function createMediaResolver(deps: MediaResolverDependencies): MediaResolver {
  const fetchBytes = async (input: MediaInput, kind: MediaKind, signal: AbortSignal) => {
    const response = await deps.http.request({ url: input.url, signal, maxRedirects: 3 });
    if (response.status < 200 || response.status >= 300) {
      await response.dump();
      throw new GenHubError(
        'INVALID_INPUT',
        `The input ${kind} could not be fetched (HTTP ${response.status}).`,
        {
          retryable: false,
          details: { status: response.status },
        },
      );
    }
    const bytes = await response.bytes();
    if (bytes.byteLength > deps.maxBytes) {
      throw new GenHubError('INVALID_INPUT', `The input ${kind} is larger than GateAI takes.`, {
        retryable: false,
        details: { bytes: bytes.byteLength, max: deps.maxBytes },
      });
    }
    const mediaType =
      input.mediaType ??
      (await detectMediaType(bytes)) ??
      (response.headers['content-type'] === undefined
        ? undefined
        : essence(response.headers['content-type'])) ??
      FALLBACK_TYPE[kind];
    return { bytes, mediaType };
  };

  return {
    async resolve(input, how, kind, signal) {
      if (isInlineReference(input.url)) return { kind: 'inline', value: input.url };
      const { bytes, mediaType } = await fetchBytes(input, kind, signal);
      if (how === 'inline') {
        return { kind: 'inline', value: `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}` };
      }
      const id = await deps.api.upload(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
        fileNameOf(input.url, mediaType, kind),
        signal,
      );
      return { kind: 'file', id };
    },
  };
}

function fileNameOf(url: string, mediaType: string, kind: MediaKind): string {
  try {
    const last = new URL(url).pathname.split('/').pop();
    if (last && /\.[a-z0-9]{2,5}$/i.test(last)) return decodeURIComponent(last);
  } catch {
    // Not a URL: name it after its type.
  }
  return `${kind}.${extensionFor(mediaType)}`;
}
