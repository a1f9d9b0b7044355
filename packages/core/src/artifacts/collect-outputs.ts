import type { JsonObject, Output } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { ArtifactRecord } from '../jobs/job.js';
import type { ArtifactStore } from './artifact-store.js';
import { decodeDataUrl, isDataUrl } from './data-url.js';
import type { GuardedFetcher } from './guarded-fetch.js';

export interface CollectOutputDependencies {
  store: ArtifactStore;
  fetcher: GuardedFetcher;
  jobId: string;
  /** The largest file kept; larger ones fail the collection with INVALID_INPUT. */
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * Stores one provider output at once (result links expire): an http(s) link is downloaded through
 * the guarded fetcher and streamed into the store, a `data:` link and raw bytes are stored as they
 * are. Role and metadata carry over (a name the provider gave goes into `metadata.name`); the
 * source link is kept without its query string, which may hold a token.
 */
export async function collectOutput(
  output: Output,
  deps: CollectOutputDependencies,
): Promise<ArtifactRecord> {
  const { store, fetcher, jobId, maxBytes, signal } = deps;
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
    const decoded = decodeDataUrl(output.url, maxBytes, 'result');
    return store.put({
      ...common,
      source: decoded.bytes,
      declaredMediaType: output.mediaType ?? decoded.mediaType,
    });
  }

  let response: Awaited<ReturnType<GuardedFetcher['fetch']>>;
  try {
    response = await fetcher.fetch(output.url, { signal, maxBytes, what: 'result' });
  } catch (error) {
    throw providerLinkError(error);
  }
  const declaredMediaType = output.mediaType ?? response.headers['content-type'];
  return store.put({
    ...common,
    source: response.body,
    sourceUrl: withoutQuery(output.url),
    ...(declaredMediaType === undefined ? {} : { declaredMediaType }),
  });
}

function metadataOf(output: Output): { metadata?: JsonObject } {
  const metadata: JsonObject = {
    ...(output.name === undefined ? {} : { name: output.name }),
    ...output.metadata,
  };
  return Object.keys(metadata).length === 0 ? {} : { metadata };
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
