import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GenHub } from '@genhub/core';
import {
  credentialOf,
  endSession,
  isLocalRequest,
  isSameOrigin,
  redeemLoginToken,
  SESSION_COOKIE,
} from './access.js';
import { apiRoutes } from './api-routes.js';
import { ProviderMonitor } from './provider-monitor.js';
import { readAsset } from './static-assets.js';

/**
 * Every dashboard response forbids inline script and style, eval, and anything not from this origin;
 * files shown in place come from the same server (`/files/...`), or presigned from the results
 * bucket when there is one (`bucketOrigin`), three.js textures from blob: URLs.
 */
export function contentSecurityPolicy(bucketOrigin?: string): string {
  const files = bucketOrigin === undefined ? '' : ` ${bucketOrigin}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${files}`,
    `media-src 'self' blob:${files}`,
    `connect-src 'self' blob: data:${files}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy without a bucket: everything from this server. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Where presigned links to the results bucket point: its public endpoint, or AWS S3's hosts. */
function bucketOrigin(s3: GenHub['config']['s3']): string | undefined {
  if (s3 === undefined) return undefined;
  const endpoint = s3.publicEndpoint ?? s3.endpoint;
  return endpoint === undefined ? 'https://*.amazonaws.com' : new URL(endpoint).origin;
}

function securityHeaders(csp: string) {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  } as const;
}

export const DefaultDashboardOptions = {
  providerCheckIntervalMs: 15_000,
  providerCheckTimeoutMs: 5_000,
} as const;

export interface DashboardOptions {
  providerCheckIntervalMs?: number;
  providerCheckTimeoutMs?: number;
}

export interface Dashboard {
  /** Whether a path is the dashboard's: `/`, `/login`, `/logout`, `/assets/...`, `/api/...`. */
  handles(path: string): boolean;
  /** Answers one request for such a path (any method); never throws. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Stops the live provider checks and closes the event streams. */
  close(): void;
}

/** The operator's dashboard on GenHub's HTTP server. Settings come from `genhub.config.dashboard`. */
export function createDashboard(genhub: GenHub, options: DashboardOptions = {}): Dashboard {
  const config = genhub.config.dashboard;
  const records = genhub.store.records;
  const SECURITY_HEADERS = securityHeaders(contentSecurityPolicy(bucketOrigin(genhub.config.s3)));
  const monitor = new ProviderMonitor(genhub, {
    intervalMs: options.providerCheckIntervalMs ?? DefaultDashboardOptions.providerCheckIntervalMs,
    timeoutMs: options.providerCheckTimeoutMs ?? DefaultDashboardOptions.providerCheckTimeoutMs,
  });
  const api = apiRoutes(genhub, monitor);

  const text = (
    response: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      ...headers,
    });
    response.end(`${body}\n`);
  };

  async function serve(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (!config.allowRemote && !isLocalRequest(request)) {
      text(
        response,
        403,
        'The dashboard answers only on this machine (127.0.0.1 or localhost); set dashboard.allowRemote (GENHUB_DASHBOARD_ALLOW_REMOTE=true) to open it from elsewhere.',
      );
      return;
    }
    const method = request.method ?? 'GET';
    if (path === '/login' && method === 'GET') {
      const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token') ?? '';
      const opened = await redeemLoginToken(records, config, token);
      if (opened === undefined) {
        text(
          response,
          401,
          'This login link is unknown, used or expired; run "genhub dashboard-link" for a new one.',
        );
        return;
      }
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': `${SESSION_COOKIE}=${opened.session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${opened.maxAgeSeconds}`,
      });
      response.end();
      return;
    }
    const credential = await credentialOf(request, records, config);
    if (credential === undefined) {
      text(
        response,
        401,
        'Sign in with the link "genhub dashboard-link" prints, or send Authorization: Bearer with dashboard.token.',
        { 'www-authenticate': 'Bearer realm="genhub-dashboard"' },
      );
      return;
    }
    const changes = method !== 'GET' && method !== 'HEAD';
    // A browser's session cookie rides along on any request to this origin: changes must come from our page.
    if (changes && credential === 'session' && !isSameOrigin(request)) {
      text(response, 403, 'This change did not come from the dashboard page; reload the page and try again.');
      return;
    }
    if (path === '/logout' && method === 'POST') {
      await endSession(records, request);
      response.writeHead(204, {
        ...SECURITY_HEADERS,
        'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
      });
      response.end();
      return;
    }
    if (path.startsWith('/api/')) {
      await api(request, response, path.slice('/api'.length), SECURITY_HEADERS);
      return;
    }
    if (changes) {
      text(response, 405, 'Method not allowed.');
      return;
    }
    const asset = await readAsset(path === '/' ? 'index.html' : path.slice('/assets/'.length));
    if (asset === undefined) {
      text(
        response,
        path === '/' ? 500 : 404,
        path === '/'
          ? 'The dashboard was not built; run "pnpm --filter @genhub/dashboard build".'
          : 'No such file.',
      );
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type });
    response.end(method === 'HEAD' ? undefined : asset.body);
  }

  return {
    handles: (path) =>
      path === '/' ||
      path === '/login' ||
      path === '/logout' ||
      path.startsWith('/assets/') ||
      path.startsWith('/api/'),
    handle(request, response) {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      serve(request, response, path).catch((error: unknown) => {
        genhub.logger.error('dashboard request failed', {
          path,
          error: error instanceof Error ? error.message : String(error),
        });
        if (!response.headersSent) text(response, 500, 'The dashboard could not answer; see the server log.');
        else response.destroy();
      });
    },
    close() {
      monitor.stop();
      api.close();
    },
  };
}
