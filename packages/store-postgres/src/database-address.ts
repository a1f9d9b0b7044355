import { GenHubError } from '@genhub/provider';

/**
 * The database URL without its password, for messages and logs: `postgres://user@host:port/db`.
 * Throws INVALID_INPUT (one sentence, no secret) for something that is not a postgres:// URL.
 */
export function databaseAddress(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl();
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw invalidUrl();
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  return `postgres://${user}${parsed.host}${parsed.pathname}`;
}

function invalidUrl(): GenHubError {
  return new GenHubError(
    'INVALID_INPUT',
    'GENHUB_DATABASE_URL is not a postgres:// URL; write it as postgres://user:password@host:5432/database.',
    { details: { param: 'database.url' } },
  );
}

/** pg's reason for a failed connection, as one clause (its messages never carry the password). */
export function connectionReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ETIMEDOUT') return 'the connection timed out';
  if (code === '28P01' || code === '28000') return 'the user name or password was not accepted';
  if (code === '3D000') return 'the database does not exist';
  return typeof message === 'string' && message ? message.replace(/\s+/g, ' ').trim() : 'unknown error';
}
