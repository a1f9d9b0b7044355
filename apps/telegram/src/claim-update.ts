import type { RecordStore } from '@genhub/core';

const NAMESPACE = 'telegram.update';
/** Telegram sends an unconfirmed update again for up to 24 hours; a claim outlasts that. */
export const UPDATE_CLAIM_TTL_MS = 48 * 60 * 60 * 1000;

/**
 * Claims an update in the store before the bot acts on it: true for the first delivery, false for
 * the same update again (a webhook retry, a poll after a crash, another process of the same bot).
 * An atomic insert keyed by the bot and the update id, so it holds across restarts and processes.
 */
export function claimUpdate(records: RecordStore, botId: number, updateId: number): Promise<boolean> {
  return records.claimOnce(NAMESPACE, `${botId}:${updateId}`, UPDATE_CLAIM_TTL_MS);
}
