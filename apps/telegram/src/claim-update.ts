import type { DeliveryClaim } from '@genhub/chat';

/**
 * A Telegram update is claimed by `<bot id>:<update id>` before the bot acts on it, so one sent again
 * (a webhook retry, a poll after a crash, another process of the same bot) runs once. Telegram sends
 * an unconfirmed update again for up to 24 hours; a claim outlasts that.
 */
export const UPDATE_CLAIM: DeliveryClaim = {
  namespace: 'telegram.update',
  ttlMs: 48 * 60 * 60 * 1000,
  what: 'Telegram update',
};
