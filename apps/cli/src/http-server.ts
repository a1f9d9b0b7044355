import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenHub, WebhookOutcome } from '@genhub/core';
import { createDashboard } from '@genhub/dashboard';
import { serveArtifact } from './artifact-route.js';
import { healthReport } from './health.js';
import type { Metrics } from './metrics.js';
import { receiveWebhook } from './webhook-route.js';

const WEBHOOK_STATUS: Readonly<Record<WebhookOutcome, number>> = {
  accepted: 200,
  refused: 401,
  unknown: 404,
};
const WEBHOOK_ANSWER: Readonly<Record<WebhookOutcome, string>> = {
  accepted: 'OK\n',
  refused: 'The call did not verify.\n',
  unknown: 'No provider here takes webhooks by that name.\n',
};

export interface HttpServer {
  url: string;
  /** Serves every request to exactly `path` (any method) with `listener`, such as a bot's endpoint. */
  mount(path: string, listener: RequestListener): void;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` (JSON; 503 when the store fails), `GET /metrics` (Prometheus), signed
 * result links (`/files/...`) and providers' calls back (`POST /webhooks/<provider id>`) on `host`
 * (127.0.0.1 unless given: `0.0.0.0` in a container); put a reverse proxy in front and set
 * GENHUB_PUBLIC_URL for users elsewhere to open the links. The operator's dashboard answers at `/`
 * (see @genhub/dashboard).
 */
export async function startHttpServer(
  genhub: GenHub,
  metrics: Metrics,
  port: number,
  host = '127.0.0.1',
): Promise<HttpServer> {
  const mounted = new Map<string, RequestListener>();
  const dashboard = createDashboard(genhub);
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const listener = path === undefined ? undefined : mounted.get(path);
    if (listener) {
      listener(request, response);
      return;
    }
    if (path !== undefined && dashboard.handles(path)) {
      dashboard.handle(request, response);
      return;
    }
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method === 'POST' && path?.startsWith('/webhooks/')) {
      receiveWebhook(genhub, decodeURIComponent(path.slice('/webhooks/'.length)), request).then(
        (outcome) => send(WEBHOOK_STATUS[outcome], 'text/plain; charset=utf-8', WEBHOOK_ANSWER[outcome]),
        () => send(400, 'text/plain; charset=utf-8', 'The call could not be read.\n'),
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'Method not allowed.\n');
      return;
    }
    if (path === '/healthz') {
      healthReport(genhub, genhub.generation.queueSize()).then(
        (report) => send(report.ok ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`),
        () => send(503, 'application/json', `${JSON.stringify({ ok: false })}\n`),
      );
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => send(200, metrics.registry.contentType, text),
        () => send(500, 'text/plain; charset=utf-8', 'Metrics are not available.\n'),
      );
      return;
    }
    if (path?.startsWith('/files/')) {
      serveArtifact(genhub, request, response).catch(() => {
        if (!response.headersSent) send(500, 'text/plain; charset=utf-8', 'The file could not be read.\n');
        else response.destroy();
      });
      return;
    }
    send(404, 'text/plain; charset=utf-8', 'Not found; try /, /healthz or /metrics.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    mount: (path, listener) => mounted.set(path, listener),
    close: () =>
      new Promise<void>((resolve) => {
        dashboard.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
