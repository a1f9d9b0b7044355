export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface HttpTimeouts {
  /** Time to open the TCP/TLS connection. */
  connectMs: number;
  /** Time from sending the request to receiving the response headers. */
  headersMs: number;
  /** Longest silence while the body streams in. */
  bodyMs: number;
}

export interface RetryOptions {
  /** Attempts after the first. 0 disables retries. */
  retries: number;
  /** First backoff; doubles each attempt, with jitter. */
  baseDelayMs: number;
  /** No single wait (Retry-After included) is longer than this; a longer Retry-After is not waited for. */
  maxDelayMs: number;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Absolute, or relative to the client's `baseUrl`. */
  url: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  body?: string | Uint8Array | FormData;
  signal?: AbortSignal;
  /**
   * Whether repeating this request is safe. Defaults to true for GET, HEAD, PUT, DELETE and OPTIONS
   * and false for POST and PATCH; set it for a POST that carries an idempotency key.
   */
  idempotent?: boolean;
  retry?: Partial<RetryOptions> | false;
  timeouts?: Partial<HttpTimeouts>;
  /** Redirects to follow (0 by default). */
  maxRedirects?: number;
  /** Largest body `text()`, `json()` and `bytes()` read for this request; the client's cap by default. */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  url: string;
  /**
   * `text()`, `json()` and `bytes()` read the whole body, up to the response cap (`maxResponseBytes`):
   * past it they stop, close the connection and throw a non-retryable PROVIDER_UNAVAILABLE.
   */
  text(): Promise<string>;
  json<T = unknown>(): Promise<T>;
  bytes(): Promise<Uint8Array>;
  /** The body as a stream, for large downloads; consume it once. Not capped: the caller counts. */
  stream(): AsyncIterable<Uint8Array>;
  /** Discards the body, releasing the connection. */
  dump(): Promise<void>;
}

export interface HttpClientDefaults {
  baseUrl?: string;
  headers?: Readonly<Record<string, string>>;
  /** Values redacted from every log line and error message this client produces. */
  secrets?: readonly string[];
  /** Named in errors and logs, such as `gateai`. */
  provider?: string;
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<RetryOptions>;
  /** Largest response body read whole; raise it for an API that answers with large base64 media. */
  maxResponseBytes?: number;
}

/**
 * The HTTP client every plugin gets: keep-alive pools per origin, timeouts, abort signals, retries
 * with backoff for idempotent calls, bodies read whole only up to a size cap, and secrets redacted
 * from logs and errors.
 */
export interface HttpClient {
  /** Sends a request and returns the response whatever its status. Network failures throw GenHubError. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Sends a request and parses a 2xx JSON body (read up to the response cap); any other status throws a GenHubError whose code
   * follows the status (401/403 AUTH, 402 INSUFFICIENT_FUNDS, 429 RATE_LIMITED with Retry-After,
   * 4xx INVALID_INPUT, 5xx PROVIDER_UNAVAILABLE).
   */
  json<T = unknown>(request: HttpRequest): Promise<T>;
  /** A client that adds these defaults to every request and shares this one's connection pools. */
  withDefaults(defaults: HttpClientDefaults): HttpClient;
}
