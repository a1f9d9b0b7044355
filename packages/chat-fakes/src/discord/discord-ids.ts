import { randomBytes } from 'node:crypto';

/** Milliseconds since 1970 at Discord's epoch, the first second of 2015. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Makes Discord snowflakes: a timestamp, a worker id and an increment, so ids sort by creation. */
export function snowflakes(worker = 1): () => string {
  let increment = 0n;
  return () => {
    const id = ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (BigInt(worker & 0x3ff) << 12n) | increment;
    increment = (increment + 1n) & 0xfffn;
    return id.toString();
  };
}

/** A bot token shaped like Discord's: the bot id in base64, a timestamp part and an HMAC-like part. */
export function botToken(botId: string): string {
  const idPart = Buffer.from(botId).toString('base64').replace(/=+$/, '');
  return `${idPart}.${randomBytes(4).toString('base64url').slice(0, 6)}.${randomBytes(28).toString('base64url').slice(0, 38)}`;
}

/** An interaction continuation token, as long and opaque as Discord's. */
export function interactionToken(interactionId: string): string {
  const head = Buffer.from(`interaction:${interactionId}:`).toString('base64url');
  return `${head}${randomBytes(96).toString('base64url')}`;
}

/** A gateway session id: 32 hex characters. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A guild id (a snowflake of about now, told apart by `serial`) that Discord routes to `shard` of
 * `shardCount`, by `(guild_id >> 22) % shardCount`.
 */
export function discordGuildIdOnShard(shard: number, shardCount: number, serial = 0): string {
  const base = BigInt(Date.now()) - DISCORD_EPOCH;
  const count = BigInt(shardCount);
  const timestamp = base - (base % count) + BigInt(shard);
  return ((timestamp << 22n) | BigInt(serial & 0xfff)).toString();
}
