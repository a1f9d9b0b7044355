import type { IncomingMessage } from 'node:http';
import type { GenHub, WebhookOutcome } from '@genhub/core';

/** A provider's call back is a small JSON notice; anything larger is not one. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * `POST /webhooks/<provider id>`: reads the body as it was signed (counting the bytes read, not the
 * declared length) and hands it to the provider to verify; a verified call polls its job at once.
 */
export async function receiveWebhook(
  genhub: Pick<GenHub, 'generation'>,
  providerId: string,
  request: IncomingMessage,
): Promise<WebhookOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      request.destroy();
      return 'refused';
    }
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return genhub.generation.receiveWebhook(providerId, { headers, body: Buffer.concat(chunks) });
}
