import type {
  HttpClient,
  HttpClientDefaults,
  HttpRequest,
  HttpResponse,
  HttpTimeouts,
  Logger,
  RetryOptions,
} from '@genhub/provider';
import {
  backoffDelayMs,
  type Clock,
  errorFromResponse,
  GenHubError,
  parseRetryAfterMs,
  RETRYABLE_STATUSES,
  Redactor,
  silentLogger,
  systemClock,
} from '@genhub/provider';
import { type Dispatcher, errors, request as undiciRequest } from 'undici';
import { DispatcherSet } from './dispatchers.js';
import { DefaultHttpOptions } from './http-defaults.js';
import {
  type ClientLayer,
  type ClientSettings,
  type PreparedRequest,
  prepareRequest,
} from './prepared-request.js';
import { mergeHeaders, secretsInHeaders } from './request-headers.js';
import { parseJsonBody, wrapResponse } from './undici-response.js';

export interface CreateHttpClientOptions {
  /** Undici dispatcher to send through (a MockAgent in tests, a proxy); by default the client owns keep-alive Agents. */
  dispatcher?: Dispatcher;
  timeouts?: Partial<HttpTimeouts>;
  retry?: Partial<RetryOptions>;
  /** Receives one debug line per attempt and retry; nothing by default. */
  logger?: Logger;
  /** Hides secrets in log lines and error messages; `withDefaults({ secrets })` extends it per client. */
  redactor?: Redactor;
  /** Used for durations and for the waits between attempts. */
  clock?: Clock;
  /** `User-Agent` sent unless a request sets its own; `genhub` by default. */
  userAgent?: string;
  /** Largest response body read whole (`text()`, `json()`, `bytes()`); 128 MB by default. */
  maxResponseBytes?: number;
  /** Jitter source in [0, 1); `Math.random` by default. For tests. */
  random?: () => number;
}

/** The root client: an HttpClient that also owns connection pools. */
export type ClosableHttpClient = HttpClient & {
  /** Closes the pools once in-flight requests finish; clients made by `withDefaults` stop working too. */
  close(): Promise<void>;
};

/** What every client derived from one root shares. */
interface Shared extends ClientSettings {
  logger: Logger;
  clock: Clock;
  random: () => number;
}

/**
 * Creates the HTTP client plugins use, on undici: keep-alive pools per origin, connect/headers/body
 * timeouts, abort signals, retries with backoff for idempotent requests, and redacted logs and errors.
 */
export function createHttpClient(options: CreateHttpClientOptions = {}): ClosableHttpClient {
  const shared: Shared = {
    dispatchers: new DispatcherSet(options.dispatcher),
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? DefaultHttpOptions.userAgent,
    timeouts: { ...DefaultHttpOptions.timeouts, ...options.timeouts },
    retry: { ...DefaultHttpOptions.retry, ...options.retry },
    maxResponseBytes: options.maxResponseBytes ?? DefaultHttpOptions.maxResponseBytes,
  };
  const client = new UndiciHttpClient(shared, {
    baseUrl: undefined,
    headers: {},
    provider: undefined,
    timeouts: {},
    retry: {},
    maxResponseBytes: undefined,
    redactor: options.redactor ?? new Redactor(),
  });
  return {
    request: (request) => client.request(request),
    json: <T>(request: HttpRequest) => client.json<T>(request),
    withDefaults: (defaults) => client.withDefaults(defaults),
    close: () => shared.dispatchers.close(),
  };
}

class UndiciHttpClient implements HttpClient {
  readonly #shared: Shared;
  readonly #layer: ClientLayer;

  constructor(shared: Shared, layer: ClientLayer) {
    this.#shared = shared;
    this.#layer = layer;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const prepared = prepareRequest(this.#shared, this.#layer, request);
    return this.#send(prepared, async (response) => response);
  }

  async json<T = unknown>(request: HttpRequest): Promise<T> {
    const prepared = prepareRequest(this.#shared, this.#layer, request, { accept: 'application/json' });
    let status = 0;
    let headers: Readonly<Record<string, string>> = {};
    const text = await this.#send(prepared, (response) => {
      status = response.status;
      headers = response.headers;
      return response.text();
    });
    if (status >= 200 && status < 300) return parseJsonBody<T>(text, status, prepared.context);
    throw errorFromResponse(status, headers, text, prepared.provider, {
      redactor: prepared.redactor,
      nowMs: this.#shared.clock.now(),
      request: prepared.label,
    });
  }

  /** Later defaults win; headers merge by lower-case name; secrets add up. */
  withDefaults(defaults: HttpClientDefaults): HttpClient {
    const layer = this.#layer;
    const secrets = [...(defaults.secrets ?? []), ...secretsInHeaders(defaults.headers)];
    return new UndiciHttpClient(this.#shared, {
      baseUrl: defaults.baseUrl ?? layer.baseUrl,
      headers: mergeHeaders(layer.headers, defaults.headers),
      provider: defaults.provider ?? layer.provider,
      timeouts: { ...layer.timeouts, ...defaults.timeouts },
      retry: { ...layer.retry, ...defaults.retry },
      maxResponseBytes: defaults.maxResponseBytes ?? layer.maxResponseBytes,
      redactor: secrets.length === 0 ? layer.redactor : layer.redactor.extend(...secrets),
    });
  }

  /**
   * Sends with retries and hands each final response to `read`. A response with a retryable status
   * is drained and retried; a failed `read` (a body timeout, a reset) is retried like a failed send.
   * A `Retry-After` longer than `maxDelayMs` is not waited for: that response goes to `read` at once.
   */
  async #send<R>(prepared: PreparedRequest, read: (response: HttpResponse) => Promise<R>): Promise<R> {
    const { clock } = this.#shared;
    for (let attempt = 0; ; attempt += 1) {
      const started = clock.now();
      const canRetry = attempt < prepared.retries;
      let response: HttpResponse;
      try {
        response = await this.#attempt(prepared);
      } catch (thrown) {
        const error = prepared.context.mapError(thrown);
        this.#log(prepared, 'http request failed', { attempt: attempt + 1, started, code: error.code });
        if (canRetry && error.retryable) {
          await this.#wait(
            prepared,
            backoffDelayMs(attempt, prepared.retry, this.#shared.random),
            error.code,
          );
          continue;
        }
        throw error;
      }
      this.#log(prepared, 'http response', { attempt: attempt + 1, started, status: response.status });

      if (canRetry && RETRYABLE_STATUSES.has(response.status)) {
        const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], clock.now());
        if (retryAfterMs === undefined || retryAfterMs <= prepared.retry.maxDelayMs) {
          await response.dump();
          const delay = retryAfterMs ?? backoffDelayMs(attempt, prepared.retry, this.#shared.random);
          await this.#wait(prepared, delay, `HTTP ${response.status}`);
          continue;
        }
      }

      try {
        return await read(response);
      } catch (thrown) {
        const error = GenHubError.from(thrown);
        if (canRetry && error.retryable && error.code !== 'CANCELLED') {
          this.#log(prepared, 'http response body failed', {
            attempt: attempt + 1,
            started,
            code: error.code,
          });
          await this.#wait(
            prepared,
            backoffDelayMs(attempt, prepared.retry, this.#shared.random),
            error.code,
          );
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * One send. The headers deadline is kept here, to the millisecond, from dispatch to headers;
   * undici's own (coarser) headers and body timeouts stay set as a backstop.
   */
  async #attempt(prepared: PreparedRequest): Promise<HttpResponse> {
    const deadline = new AbortController();
    const signal =
      prepared.signal === undefined ? deadline.signal : AbortSignal.any([prepared.signal, deadline.signal]);
    const timer = setTimeout(
      () => deadline.abort(new errors.HeadersTimeoutError()),
      prepared.timeouts.headersMs,
    );
    try {
      const data = await undiciRequest(prepared.url, {
        method: prepared.method,
        headers: prepared.headers,
        body: prepared.body ?? null,
        signal,
        dispatcher: prepared.dispatcher,
        headersTimeout: prepared.timeouts.headersMs,
        bodyTimeout: prepared.timeouts.bodyMs,
      });
      return wrapResponse(data, prepared.url.href, prepared.context);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits through the clock, so tests control time and the request's signal cuts the wait short. */
  async #wait(prepared: PreparedRequest, delayMs: number, reason: string): Promise<void> {
    if (this.#debugEnabled()) {
      this.#shared.logger.debug('http retry', {
        provider: prepared.provider,
        method: prepared.method,
        url: prepared.redactor.redact(prepared.url.href),
        delayMs,
        reason,
      });
    }
    try {
      await this.#shared.clock.sleep(delayMs, prepared.signal);
    } catch (thrown) {
      throw prepared.context.mapError(thrown);
    }
  }

  /** Redacting a URL costs more than the request's own bookkeeping: only for a logger that writes it. */
  #debugEnabled(): boolean {
    return this.#shared.logger.isLevelEnabled?.('debug') ?? true;
  }

  /** One debug line; URLs are redacted with this client's secrets before the logger redacts again. */
  #log(
    prepared: PreparedRequest,
    message: string,
    fields: { attempt: number; started: number; status?: number; code?: string },
  ): void {
    if (!this.#debugEnabled()) return;
    const { started, ...rest } = fields;
    this.#shared.logger.debug(message, {
      provider: prepared.provider,
      method: prepared.method,
      url: prepared.redactor.redact(prepared.url.href),
      durationMs: this.#shared.clock.now() - started,
      ...rest,
    });
  }
}
