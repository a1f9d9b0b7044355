import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { DashboardConfig, RecordStore } from '@genhub/core';

/** Records of one-time login links and of signed-in browsers, by the SHA-256 of their secret. */
const LOGIN_NAMESPACE = 'dashboard-login';
const SESSION_NAMESPACE = 'dashboard-session';
export const SESSION_COOKIE = 'genhub_dashboard';

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Writes a single-use login token to the store (so a `genhub start` in another process accepts it)
 * and returns it; it works for `dashboard.loginLinkMinutes`.
 */
export async function createLoginToken(records: RecordStore, config: DashboardConfig): Promise<string> {
  const token = newSecret();
  await records.put(
    LOGIN_NAMESPACE,
    digest(token),
    { purpose: 'login' },
    { ttlMs: config.loginLinkMinutes * 60_000 },
  );
  return token;
}

/** Spends a login token and opens a session; undefined when the token is unknown, used or expired. */
export async function redeemLoginToken(
  records: RecordStore,
  config: DashboardConfig,
  token: string,
): Promise<{ session: string; maxAgeSeconds: number } | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  if ((await records.take(LOGIN_NAMESPACE, digest(token))) === undefined) return undefined;
  const session = newSecret();
  const maxAgeSeconds = Math.round(config.sessionHours * 3600);
  await records.put(
    SESSION_NAMESPACE,
    digest(session),
    { purpose: 'session' },
    { ttlMs: maxAgeSeconds * 1000 },
  );
  return { session, maxAgeSeconds };
}

export async function endSession(records: RecordStore, request: IncomingMessage): Promise<void> {
  const session = cookie(request, SESSION_COOKIE);
  if (session !== undefined) await records.delete(SESSION_NAMESPACE, digest(session));
}

/** How a request proved it is the operator's, or undefined when it did not. */
export type Credential = 'bearer' | 'session';

export async function credentialOf(
  request: IncomingMessage,
  records: RecordStore,
  config: DashboardConfig,
): Promise<Credential | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] !== undefined && config.token !== undefined && sameSecret(match[1], config.token)
      ? 'bearer'
      : undefined;
  }
  const session = cookie(request, SESSION_COOKIE);
  if (session === undefined || session.length > 200) return undefined;
  return (await records.get(SESSION_NAMESPACE, digest(session))) === undefined ? undefined : 'session';
}

/**
 * Whether the request came from this machine to a loopback name: from a loopback address, through
 * no proxy, with a Host header naming loopback (which also defeats DNS rebinding).
 */
export function isLocalRequest(request: IncomingMessage): boolean {
  const remote = request.socket.remoteAddress ?? '';
  if (!isLoopbackAddress(remote)) return false;
  if (request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined)
    return false;
  const host = hostName(request.headers.host);
  return host === 'localhost' || (host !== undefined && isLoopbackAddress(host));
}

/**
 * A browser's state-changing request must come from the dashboard's own page: its Origin must be the
 * origin the request was sent to. (The session cookie is SameSite=Strict as well.)
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (origin === undefined || host === undefined) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}

function isLoopbackAddress(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

function hostName(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.split(':')[0]?.toLowerCase();
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
