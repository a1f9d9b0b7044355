import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, parseConfig, silentLogger } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDashboard } from './dashboard-check.js';
import { type HttpServer, startHttpServer } from './http-server.js';
import { createMetrics } from './metrics.js';

let genhub: GenHub;
let server: HttpServer;
let metrics: ReturnType<typeof createMetrics>;
beforeAll(async () => {
  genhub = await createGenHub(
    { dataDir: mkdtempSync(join(tmpdir(), 'genhub-dashboard-check-')) },
    { plugins: [], logger: silentLogger },
  );
  metrics = createMetrics(genhub.generation);
  server = await startHttpServer(genhub, metrics, 0);
});
afterAll(async () => {
  metrics.close();
  await server.close();
  await genhub.close();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('genhub doctor on the dashboard', () => {
  it('says where a running genhub start answers, and how to sign in', async () => {
    const port = new URL(server.url).port;
    const check = await checkDashboard(genhub.config, { GENHUB_HTTP_PORT: port }, 10_000);
    expect(check.line).toBe(
      `Dashboard: answers at http://127.0.0.1:${port}/; sign in with genhub dashboard-link; this machine only.`,
    );
    expect(check.problems).toEqual([]);
  });

  it('says when nothing answers, which is not a problem, and names the token and remote settings', async () => {
    const config = parseConfig({ dashboard: { token: 'x'.repeat(32), allowRemote: true } });
    const check = await checkDashboard(config, { GENHUB_HTTP_PORT: String(await closedPort()) }, 10_000);
    expect(check.line).toMatch(
      /^Dashboard: not running at http:\/\/127\.0\.0\.1:\d+\/ \(start it with genhub start\)/,
    );
    expect(check.line).toMatch(/genhub dashboard-link or the API token; open to other machines\.$/);
    expect(check.problems).toEqual([]);
  });
});
