import type { ClientOptions } from 'discord.js';
import type { DiscordConfig } from './discord-config.js';

/**
 * Which shards this process runs, as discord.js's `Client` takes them. With one process and no
 * count set, `'auto'`: discord.js asks `GET /gateway/bot` for Discord's recommended count and runs
 * every shard here. With a count, this process runs the shards whose id, modulo the number of bot
 * processes, is its index (so 4 shards over 2 processes: 0 and 2 in the first, 1 and 3 in the second).
 * Either way discord.js paces IDENTIFY by `/gateway/bot`'s `max_concurrency`, and Discord routes each
 * guild's events to shard `(guild_id >> 22) % count`.
 */
export function shardPlan(
  config: Pick<DiscordConfig, 'shardCount' | 'shardProcesses'>,
): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const { shardCount, shardProcesses = { index: 0, count: 1 } } = config;
  if (shardCount === undefined) return { shards: 'auto' };
  const shards = Array.from({ length: shardCount }, (_, id) => id).filter(
    (id) => id % shardProcesses.count === shardProcesses.index,
  );
  return { shards, shardCount };
}
