import type { HttpMethod, HttpRequest, HttpTimeouts, Redactor, RetryOptions } from '@genhub/provider';
import { GenHubError, isIdempotent } from '@genhub/provider';
import type { Dispatcher } from 'undici';
import type { DispatcherSet } from './dispatchers.js';
import { DefaultHttpOptions } from './http-defaults.js';
import { errorFromNetwork } from './network-error.js';
import { type EncodedBody, encodeBody } from './request-body.js';
import { mergeHeaders, secretsInHeaders } from './request-headers.js';
import { buildUrl } from './request-url.js';
import type { ResponseContext } from './undici-response.js';

/** Client-wide settings, fixed when the root client is created. */
export interface ClientSettings {
  dispatchers: DispatcherSet;
  userAgent: string;
  timeouts: HttpTimeouts;
  retry: RetryOptions;
  maxResponseBytes: number;
}

/** The defaults accumulated by `withDefaults` calls. */
export interface ClientLayer {
  baseUrl: string | undefined;
  headers: Readonly<Record<string, string>>;
  provider: string | undefined;
  timeouts: Partial<HttpTimeouts>;
  retry: Partial<RetryOptions>;
  maxResponseBytes: number | undefined;
  redactor: Redactor;
}

/** One request, resolved against the client's defaults, ready to send (and send again). */
export interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body: EncodedBody['body'];
  timeouts: HttpTimeouts;
  retry: RetryOptions;
  /** Attempts after the first this request may make: 0 unless it is idempotent and retries are on. */
  retries: number;
  dispatcher: Dispatcher;
  signal: AbortSignal | undefined;
  /** The layer's redactor, plus any credentials found in this request's headers. */
  redactor: Redactor;
  provider: string | undefined;
  /** Redacted `METHOD url`, for log lines and messages. */
  label: string;
  context: ResponseContext;
}

/**
 * Resolves a request against the layer and client settings; request values win over layer values,
 * which win over client settings. `extraHeaders` sit just above the user agent, below everything else.
 */
export function prepareRequest(
  settings: ClientSettings,
  layer: ClientLayer,
  request: HttpRequest,
  extraHeaders?: Readonly<Record<string, string>>,
): PreparedRequest {
  const method = request.method ?? 'GET';
  const requestSecrets = secretsInHeaders(request.headers);
  const redactor = requestSecrets.length === 0 ? layer.redactor : layer.redactor.extend(...requestSecrets);
  const url = resolveUrl(request, layer, redactor);
  const encoded = encodeBody(request);
  const headers = mergeHeaders(
    { 'user-agent': settings.userAgent },
    extraHeaders,
    layer.headers,
    request.headers,
  );
  if (encoded.contentType !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = encoded.contentType;
  }
  const timeouts = { ...settings.timeouts, ...layer.timeouts, ...request.timeouts };
  const retry = { ...settings.retry, ...layer.retry, ...(request.retry === false ? {} : request.retry) };
  const retries = request.retry === false || !isIdempotent(method, request.idempotent) ? 0 : retry.retries;
  const label = `${method} ${redactor.redact(url.href)}`;
  const { provider } = layer;
  const { signal } = request;
  const redact = (text: string) => redactor.redact(text);
  const mapError = (error: unknown) => errorFromNetwork(error, { label, provider, timeouts, signal, redact });
  const maxRedirects = request.maxRedirects ?? DefaultHttpOptions.maxRedirects;
  const maxBodyBytes = request.maxResponseBytes ?? layer.maxResponseBytes ?? settings.maxResponseBytes;
  return {
    method,
    url,
    headers,
    body: encoded.body,
    timeouts,
    retry,
    retries,
    dispatcher: settings.dispatchers.get(timeouts.connectMs, maxRedirects),
    signal,
    redactor,
    provider,
    label,
    context: { mapError, label, provider, bodyMs: timeouts.bodyMs, maxBodyBytes, method },
  };
}

function resolveUrl(request: HttpRequest, layer: ClientLayer, redactor: Redactor): URL {
  try {
    return buildUrl(request.url, layer.baseUrl, request.query);
  } catch (error) {
    if (GenHubError.isInstance(error)) throw error;
    const shown = redactor.redact(`${layer.baseUrl ?? ''} ${request.url}`.trim());
    throw new GenHubError('INTERNAL', `Invalid URL: ${shown}`, {
      cause: error,
      ...(layer.provider === undefined ? {} : { provider: layer.provider }),
    });
  }
}
