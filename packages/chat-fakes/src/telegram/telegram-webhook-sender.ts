import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TgUpdate, TgWebhookInfo } from './telegram-types.js';
import type { TelegramUpdateQueue } from './telegram-update-queue.js';

/**
 * Webhook delivery: while a webhook is set, each queued update is POSTed to it as JSON, one at a
 * time and in order, with `X-Telegram-Bot-Api-Secret-Token` when a secret was set. A 2xx answer
 * confirms the update; anything else is kept in `getWebhookInfo`'s last error and the update is
 * tried again shortly, as Telegram retries. A JSON answer naming a `method` is run as an API call
 * (Telegram's "reply to the webhook").
 */

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  /** Whether the setWebhook call asked to drop the pending updates (the fake dropped them). */
  dropPendingUpdates: boolean;
  maxConnections: number;
  allowedUpdates?: string[];
}

/** What the bot's webhook server answered. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** POSTs one update to a URL; `secret` undefined sends no secret header. */
export function postUpdate(
  url: string,
  update: TgUpdate,
  secret: string | undefined,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<WebhookResponse> {
  const body = Buffer.from(JSON.stringify(update));
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        timeout: options.timeoutMs ?? 60_000,
        ...(options.signal ? { signal: options.signal } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.byteLength),
          connection: 'close',
          ...(secret !== undefined ? { [SECRET_HEADER]: secret } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.once('error', reject);
      },
    );
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error('Read timeout expired'), { code: 'ETIMEDOUT' })),
    );
    req.once('error', reject);
    req.end(body);
  });
}

export class TelegramWebhookSender {
  config: WebhookConfig | undefined;
  private lastError: { date: number; message: string } | undefined;
  private sending = false;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** Aborts the delivery in flight when the webhook goes or the fake closes. */
  private inFlight = new AbortController();

  constructor(
    private readonly queue: TelegramUpdateQueue,
    private readonly options: {
      retryMs: number;
      /** How long the bot may take to answer one delivery. */
      timeoutMs: number;
      now: () => number;
      /** Runs a webhook reply (`{ method, ...params }`) as an API call. */
      runReply: (body: Record<string, unknown>) => Promise<void>;
      /** Called after each delivery attempt, so waiters can look again. */
      onAttempt: () => void;
    },
  ) {}

  set(config: WebhookConfig): string {
    const same = JSON.stringify(this.config) === JSON.stringify(config);
    this.config = config;
    this.lastError = undefined;
    this.kick();
    return same ? 'Webhook is already set' : 'Webhook was set';
  }

  delete(): string {
    const had = this.config !== undefined;
    this.config = undefined;
    this.lastError = undefined;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.inFlight.abort();
    this.inFlight = new AbortController();
    return had ? 'Webhook was deleted' : 'Webhook is already deleted';
  }

  info(): TgWebhookInfo {
    const config = this.config;
    return {
      url: config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.pending().length,
      ...(config ? { ip_address: '127.0.0.1', max_connections: config.maxConnections } : {}),
      ...(config?.allowedUpdates ? { allowed_updates: config.allowedUpdates } : {}),
      ...(this.lastError
        ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message }
        : {}),
    };
  }

  /** Starts sending queued updates, unless already at it. */
  kick(): void {
    if (this.sending || this.closed || !this.config || this.retry) return;
    this.sending = true;
    void this.drain().finally(() => {
      this.sending = false;
    });
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    this.inFlight.abort();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const config = this.config;
      const update = this.queue.pending()[0];
      if (!config || !update || this.closed) return;
      let failure: string | undefined;
      try {
        const response = await postUpdate(config.url, update, config.secretToken, {
          signal: this.inFlight.signal,
          timeoutMs: this.options.timeoutMs,
        });
        if (response.status >= 200 && response.status < 300) {
          this.queue.remove(update.update_id);
          await this.runReply(response);
        } else {
          failure = `Wrong response from the webhook: ${response.status} ${statusText(response.status)}`;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        failure =
          code === 'ECONNREFUSED'
            ? 'Connection refused'
            : code === 'ETIMEDOUT'
              ? 'Read timeout expired'
              : `Connection failed: ${String(error)}`;
      }
      // The webhook went (or changed) while this delivery was under way.
      if (this.config !== config || this.closed) return;
      if (failure !== undefined) {
        this.lastError = { date: Math.floor(this.options.now() / 1000), message: failure };
        this.options.onAttempt();
        if (!this.closed && this.config) {
          this.retry = setTimeout(() => {
            this.retry = undefined;
            this.kick();
          }, this.options.retryMs);
        }
        return;
      }
      this.options.onAttempt();
    }
  }

  private async runReply(response: WebhookResponse): Promise<void> {
    if (!/json/i.test(response.headers['content-type'] ?? '') || response.body.trim() === '') return;
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return;
    }
    if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'method' in body) {
      await this.options.runReply(body as Record<string, unknown>);
    }
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return texts[status] ?? '';
}
