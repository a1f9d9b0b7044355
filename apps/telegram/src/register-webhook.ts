import { createHash } from 'node:crypto';
import type { Logger, RecordStore } from '@genhub/core';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { TelegramWebhookConfig } from './telegram-config.js';

/** Where the webhook's settings, as last set, are kept, by bot id. */
const SET_WEBHOOK = 'telegram.webhook';
/** Who sets the webhook now: one process of a fleet starting together. */
const SETTING_WEBHOOK = { namespace: 'telegram.webhook-setting', ttlMs: 60_000 };

/** What `registerWebhook` did. */
export type WebhookRegistration = 'set' | 'already set' | 'set by another process';

/**
 * Sets the bot's webhook once per configuration, however many bot processes start with it (behind
 * one load balancer, on one store). The settings (URL, secret, update kinds) are fingerprinted; a
 * process finds them set when Telegram reports the URL and the store holds the same fingerprint, and
 * otherwise claims the setting in the store: the one that claims it calls `setWebhook` and records
 * the fingerprint; the others leave it to that one. A changed secret or URL is set again by the next
 * process to start. Throws when Telegram refuses it.
 */
export async function registerWebhook(
  api: Pick<Api, 'getWebhookInfo' | 'setWebhook'>,
  records: RecordStore,
  botId: number,
  webhook: TelegramWebhookConfig,
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, 'update_id'>>,
  logger: Logger,
): Promise<WebhookRegistration> {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([webhook.url, webhook.secret, [...allowedUpdates].sort()]))
    .digest('hex');
  const [info, recorded] = await Promise.all([api.getWebhookInfo(), records.get(SET_WEBHOOK, String(botId))]);
  if (info.url === webhook.url && recorded === fingerprint) return 'already set';
  if (
    !(await records.claimOnce(SETTING_WEBHOOK.namespace, `${botId}:${fingerprint}`, SETTING_WEBHOOK.ttlMs))
  ) {
    logger.info('another process is setting the Telegram webhook');
    return 'set by another process';
  }
  await api.setWebhook(webhook.url, {
    secret_token: webhook.secret,
    allowed_updates: [...allowedUpdates],
  });
  await records.put(SET_WEBHOOK, String(botId), fingerprint);
  return 'set';
}
