import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { fakePlugin, waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from './http-server.js';
import { createMetrics } from './metrics.js';

let genhub: GenHub;
let server: HttpServer;
let metrics: ReturnType<typeof createMetrics>;
beforeAll(async () => {
  genhub = await createGenHub(
    { dataDir: mkdtempSync(join(tmpdir(), 'genhub-links-')), jobs: { pollInitialMs: 5, pollMaxMs: 20 } },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
  );
  await genhub.start();
  metrics = createMetrics(genhub.generation);
  server = await startHttpServer(genhub, metrics, 0);
});
afterAll(async () => {
  metrics.close();
  await server.close();
  await genhub.close();
});

describe('result links', () => {
  it('serve the stored file behind a genuine link, and nothing behind a changed one', async () => {
    await genhub.store.ledger.grant({ kind: 'user', id: 'u1' }, 1_000_000);
    const queued = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-speech',
      params: { prompt: 'hi' },
    });
    const job = await waitForJob(genhub, queued);
    const artifact = job.outputs[0]!;
    const link = new URL(genhub.links.url(job.id, artifact.id));
    const local = `${server.url}${link.pathname}${link.search}`;
    const response = await fetch(local);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(artifact.mediaType);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(artifact.bytes);

    const forged = local.replace(/sig=[^&]+/, 'sig=AAAA');
    expect((await fetch(forged)).status).toBe(404);
    const otherFile = local.replace(`/${artifact.id}?`, '/other?');
    expect((await fetch(otherFile)).status).toBe(404);
    const unsigned = `${server.url}${link.pathname}`;
    const refused = await fetch(unsigned);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/not valid or has expired/);
    const malformed = await fetch(`${server.url}/files/%E0%A4%A/${artifact.id}${link.search}`);
    expect(malformed.status).toBe(404);
  });
});
