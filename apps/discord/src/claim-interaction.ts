import type { DeliveryClaim } from '@genhub/chat';

/**
 * A Discord interaction is claimed by its id before the bot acts on it, so one delivered again (a
 * gateway replay, another process of the same bot) runs once. An interaction can be answered for 15
 * minutes; a claim outlasts that.
 */
export const INTERACTION_CLAIM: DeliveryClaim = {
  namespace: 'discord.interaction',
  ttlMs: 60 * 60 * 1000,
  what: 'Discord interaction',
};
