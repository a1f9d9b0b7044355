import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@genhub/core';
import { type Bot, webhookCallback } from 'grammy';
import type { TelegramWebhookConfig } from './telegram-config.js';

/** The local end of webhook mode. */
export interface WebhookServer {
  /** `http://host:port/path` as it listens, for the proxy in front of it. */
  readonly address: string;
  close(): Promise<void>;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are small; anything much larger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Telegram sends an update again when the answer takes too long; answer before it does. */
const ANSWER_WITHIN_MS = 9000;

/**
 * An HTTP server for Telegram's webhook, meant to sit behind an HTTPS proxy: POSTs to the path only,
 * and only with the secret in `X-Telegram-Bot-Api-Secret-Token` (401 otherwise, logged). Each update
 * goes to grammY's `webhookCallback`; one that takes long is answered at once and finished after.
 */
export async function startWebhookServer(
  bot: Bot,
  webhook: TelegramWebhookConfig,
  logger: Logger,
): Promise<WebhookServer> {
  const handle = webhookCallback(bot, 'http', {
    secretToken: webhook.secret,
    onTimeout: 'return',
    timeoutMilliseconds: ANSWER_WITHIN_MS,
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== webhook.path) {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (!hasSecret(req, webhook.secret)) {
      req.resume();
      logger.warn('refused a webhook request without the right secret', {
        from: req.socket.remoteAddress,
        header: req.headers[SECRET_HEADER] === undefined ? 'missing' : 'wrong',
      });
      res.writeHead(401).end('secret token is wrong');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      res.writeHead(413).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.error('a webhook update failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) res.writeHead(500).end();
    });
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
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** Compares the secret header in constant time. */
function hasSecret(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[SECRET_HEADER];
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}
