import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, RecordStore } from '@genhub/core';
import type { IIdentifyThrottler, WebSocketOptions } from 'discord.js';

/** @discordjs/ws's manager, which discord.js hands the throttler's builder. */
type GatewayManager = Parameters<NonNullable<WebSocketOptions['buildIdentifyThrottler']>>[0];

/**
 * Discord lets one shard of each rate-limit bucket (`shard_id % max_concurrency`) IDENTIFY every
 * 5 seconds, for the whole bot; a little more, for clocks and networks.
 */
const IDENTIFY_INTERVAL_MS = 5500;
/** How often a shard waiting for its bucket asks again. */
const RETRY_MS = 250;

/**
 * Paces IDENTIFY across every process of the bot: a shard takes its bucket's turn by claiming it in
 * the shared store for the interval (`max_concurrency` from `GET /gateway/bot`), so processes starting
 * together keep within Discord's limit together. If the store fails, the shard waits a whole interval
 * and goes ahead (a refused IDENTIFY is retried by discord.js; a shard waiting forever is not).
 */
export function sharedIdentifyThrottler(records: RecordStore, applicationId: string, logger: Logger) {
  return async (manager: GatewayManager): Promise<IIdentifyThrottler> => {
    const { session_start_limit: limit } = await manager.fetchGatewayInformation();
    const buckets = Math.max(1, limit.max_concurrency);
    return {
      async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
        const key = `${applicationId}:${shardId % buckets}`;
        for (;;) {
          try {
            if (await records.claimOnce('discord.identify', key, IDENTIFY_INTERVAL_MS)) return;
          } catch (error) {
            logger.warn('could not pace a Discord shard through the store; waiting the full interval', {
              shardId,
              error: error instanceof Error ? error.message : String(error),
            });
            await sleep(IDENTIFY_INTERVAL_MS, undefined, { signal });
            return;
          }
          await sleep(RETRY_MS, undefined, { signal });
        }
      },
    };
  };
}
