import type { JsonObject, Output } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { ArtifactRecord } from '../jobs/job.js';
import type { ArtifactStore, PutArtifactInput } from './artifact-store.js';
import { boundedMetadata } from './bounded-metadata.js';
import { isDataUrl, type OpenedDataUrl, openDataUrl } from './data-url.js';
import type { GuardedFetcher } from './guarded-fetch.js';
import { safeFileName } from './safe-file-name.js';
import { svgSafeInput } from './svg-safe-input.js';

export interface CollectOutputDependencies {
  store: ArtifactStore;
  fetcher: GuardedFetcher;
  jobId: string;
  /** The largest file kept; larger ones fail the collection with INVALID_INPUT. */
  maxBytes: number;
  signal: AbortSignal;
}

/** Longest source link kept with a result. */
const MAX_SOURCE_URL_CHARS = 2048;

/**
 * Stores one provider output at once (result links expire): an http(s) link is downloaded through
 * the guarded fetcher and a `data:` link decoded piece by piece, each streamed into the store and
 * counted against `maxBytes` as it arrives; raw bytes are stored as they are. Role and metadata
 * carry over, bounded (a name the provider gave goes into `metadata.name` as a short, safe file
 * name); the source link is kept without its query string, which may hold a token. An SVG, however
 * it arrives, is stored sanitized (svg-safe-input.ts).
 */
export async function collectOutput(
  output: Output,
  deps: CollectOutputDependencies,
): Promise<ArtifactRecord> {
  const { fetcher, jobId, maxBytes, signal } = deps;
  const store = { put: async (input: PutArtifactInput) => deps.store.put(await svgSafeInput(input)) };
  const common = {
    jobId,
    maxBytes,
    signal,
    role: output.role ?? 'primary',
    ...metadataOf(output),
  } as const;

  if (output.kind === 'bytes') {
    return store.put({ ...common, source: output.data, declaredMediaType: output.mediaType });
  }
  if (isDataUrl(output.url)) {
    const opened = openResult(output.url);
    return store.put({
      ...common,
      source: decodedResult(opened),
      declaredMediaType: output.mediaType ?? opened.mediaType,
    });
  }

  let response: Awaited<ReturnType<GuardedFetcher['fetch']>>;
  try {
    response = await fetcher.fetch(output.url, {
      signal,
      maxBytes,
      what: 'result',
      ...(output.headers === undefined ? {} : { headers: output.headers }),
    });
  } catch (error) {
    throw providerLinkError(error);
  }
  const declaredMediaType = output.mediaType ?? response.headers['content-type'];
  return store.put({
    ...common,
    source: response.body,
    sourceUrl: withoutQuery(output.url).slice(0, MAX_SOURCE_URL_CHARS),
    ...(declaredMediaType === undefined ? {} : { declaredMediaType }),
  });
}

function metadataOf(output: Output): { metadata?: JsonObject } {
  const name = output.name === undefined ? undefined : safeFileName(output.name);
  const metadata: JsonObject = boundedMetadata({
    ...(name === undefined ? {} : { name }),
    ...output.metadata,
  });
  return Object.keys(metadata).length === 0 ? {} : { metadata };
}

/** A provider's malformed `data:` result is the provider's failure, not bad input from the user. */
function malformedResult(error: unknown): GenHubError {
  const wrapped = GenHubError.from(error);
  if (wrapped.code !== 'INVALID_INPUT') return wrapped;
  return new GenHubError('PROVIDER_UNAVAILABLE', "The provider's result is a malformed data: link.", {
    retryable: false,
    cause: wrapped,
  });
}

function openResult(url: string): OpenedDataUrl {
  try {
    return openDataUrl(url);
  } catch (error) {
    throw malformedResult(error);
  }
}

/** The decoded pieces as the store reads them, one at a time, each written before the next is made. */
async function* decodedResult(opened: OpenedDataUrl): AsyncGenerator<Uint8Array> {
  try {
    yield* opened.chunks();
  } catch (error) {
    throw malformedResult(error);
  }
}

/** The link without credentials, query or fragment: what is safe to keep with the job. */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}

/**
 * A provider's result link answering 404 or 410 (expired, say) is the provider's failure, not bad
 * input from the user, so it becomes PROVIDER_UNAVAILABLE; everything else keeps its code.
 */
function providerLinkError(error: unknown): GenHubError {
  const wrapped = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
  if (wrapped.code !== 'INVALID_INPUT' || wrapped.status === undefined) return wrapped;
  return new GenHubError(
    'PROVIDER_UNAVAILABLE',
    wrapped.message.replace(/^The link/, "The provider's result link"),
    {
      retryable: false,
      status: wrapped.status,
      cause: wrapped,
    },
  );
}
