import { GenHubError } from '@genhub/provider';

/** Where a usage page ended: the last job's creation instant and id (newest-first keyset). */
export interface UsagePosition {
  createdAt: number;
  id: string;
}

/** An opaque, URL-safe cursor for the position. */
export function encodeUsageCursor(position: UsagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeUsageCursor`; anything else is INVALID_INPUT. */
export function decodeUsageCursor(cursor: string): UsagePosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    Number.isSafeInteger(value[0]) &&
    typeof value[1] === 'string'
  ) {
    return { createdAt: value[0] as number, id: value[1] };
  }
  throw new GenHubError('INVALID_INPUT', 'That page cursor is not valid.', { details: { param: 'cursor' } });
}
