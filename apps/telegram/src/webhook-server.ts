import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@genhub/core';
import type { Update } from 'grammy/types';
import type { TelegramWebhookConfig } from './telegram-config.js';

/** The local end of webhook mode. */
export interface WebhookServer {
  /** `http://host:port/path` as it listens, for the proxy in front of it. */
  readonly address: string;
  /** Stops listening; a request still under way after a short while has its connection closed. */
  close(): Promise<void>;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are small; anything much larger is not from Telegram. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** How long a refused request's connection stays open after the answer, its body discarded. */
const LINGER_MS = 500;
/** How long `close` lets requests under way finish before closing their connections. */
const CLOSE_WAIT_MS = 1000;

/**
 * An HTTP server for Telegram's webhook, meant to sit behind an HTTPS proxy: POSTs to the path only,
 * and only with the secret in `X-Telegram-Bot-Api-Secret-Token` (401 otherwise, logged). A body is
 * counted as it arrives, whatever its headers say, and refused with 413 past 1 MB. Each update is
 * handed to `receive` and answered 200 at once, so Telegram does not time out and send it again;
 * `receive` handles it in the background.
 */
export async function startWebhookServer(
  webhook: TelegramWebhookConfig,
  receive: (update: Update) => void,
  logger: Logger,
): Promise<WebhookServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== webhook.path) return refuse(req, res, 404);
    if (req.method !== 'POST') return refuse(req, res, 405, { allow: 'POST' });
    if (!hasSecret(req, webhook.secret)) {
      logger.warn('refused a webhook request without the right secret', {
        from: req.socket.remoteAddress,
        header: req.headers[SECRET_HEADER] === undefined ? 'missing' : 'wrong',
      });
      return refuse(req, res, 401, {}, 'secret token is wrong');
    }
    const tooLarge = () => {
      logger.warn('refused a webhook request over the size limit', { limitBytes: MAX_WEBHOOK_BODY_BYTES });
      refuse(req, res, 413);
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY_BYTES) return tooLarge();
    void readBody(req, MAX_WEBHOOK_BODY_BYTES).then(
      (body) => {
        if (body === undefined) return tooLarge();
        const update = parseUpdate(body);
        if (update === undefined) return res.writeHead(400).end('not a Telegram update');
        receive(update);
        res.writeHead(200).end();
      },
      () => {
        // The client went away mid-body: nothing to answer.
        req.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('the webhook server failed', { error: String(error) }));
  const { port } = server.address() as AddressInfo;
  const host = webhook.host.includes(':') ? `[${webhook.host}]` : webhook.host;
  let closing: Promise<void> | undefined;
  return {
    address: `http://${host}:${port}${webhook.path}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_WAIT_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * Answers without reading the body. A body still arriving is discarded for a moment, so the client
 * gets to read the answer, and then the connection is closed: a client cannot keep sending.
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  text = '',
): void {
  if (!req.complete) {
    req.resume();
    res.once('finish', () => setTimeout(() => req.destroy(), LINGER_MS).unref());
    res.shouldKeepAlive = false;
  }
  res.writeHead(status, headers).end(text);
}

/** The body, or undefined once more than `limit` bytes have arrived (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the request ended early'));
    });
  });
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const update: unknown = JSON.parse(body.toString('utf8'));
    if (typeof update !== 'object' || update === null) return undefined;
    return Number.isSafeInteger((update as { update_id?: unknown }).update_id)
      ? (update as Update)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Compares the secret header in constant time. */
function hasSecret(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[SECRET_HEADER];
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}
