import type { RecordStore } from '@genhub/core';

const NAMESPACE = 'discord.interaction';
/** An interaction can be answered for 15 minutes; a claim outlasts that. */
export const INTERACTION_CLAIM_TTL_MS = 60 * 60 * 1000;

/**
 * Claims an interaction in the store before the bot acts on it: true for the first delivery, false
 * for the same interaction again (a gateway replay, another process of the same bot). An atomic
 * insert keyed by the interaction's id, so it holds across restarts and processes.
 */
export function claimInteraction(records: RecordStore, interactionId: string): Promise<boolean> {
  return records.claimOnce(NAMESPACE, interactionId, INTERACTION_CLAIM_TTL_MS);
}
