import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { fakePlugin, HOSTILE_SVG_MARKERS, waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_CONTENT_SECURITY_POLICY } from './artifact-route.js';
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
    const link = new URL(await genhub.links.url(job.id, artifact));
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

  it('keep a hostile SVG sanitized, and serve it so a browser runs nothing in it', async () => {
    const payer = { kind: 'user', id: 'u2' } as const;
    await genhub.store.ledger.grant(payer, 1_000_000);
    const queued = await genhub.generation.request({
      userId: 'u2',
      task: 'text-to-vector',
      params: { prompt: 'a fox logo [hostile-svg]' },
    });
    // The first SVG of a process loads the sanitizer (jsdom), a few seconds on a busy machine.
    const job = await waitForJob(genhub, queued, { timeoutMs: 30_000 });
    expect(job.state).toBe('succeeded');
    const artifact = job.outputs[0]!;
    expect(artifact.mediaType).toBe('image/svg+xml');
    const stored = readFileSync(genhub.artifacts.localPath!(artifact.key), 'utf8');
    for (const marker of HOSTILE_SVG_MARKERS) expect(stored).not.toContain(marker);
    expect(stored).toContain('fill="url(#paint)"');

    const link = new URL(await genhub.links.url(job.id, artifact));
    const response = await fetch(`${server.url}${link.pathname}${link.search}`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/svg+xml',
      'content-security-policy': MARKUP_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="${job.id}-${artifact.id}.svg"`,
    });
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(await response.text()).toBe(stored);
  });

  it('fail and refund an SVG that cannot be read, storing nothing', async () => {
    const payer = { kind: 'user', id: 'u3' } as const;
    await genhub.store.ledger.grant(payer, 1_000_000);
    const queued = await genhub.generation.request({
      userId: 'u3',
      task: 'text-to-vector',
      params: { prompt: 'a fox logo [entity-svg]' },
    });
    const job = await waitForJob(genhub, queued);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { reason: 'unreadable-svg' } });
    expect(job.outputs).toEqual([]);
    expect(job.chargedMicros).toBe(0);
    expect(await genhub.store.ledger.balance(payer)).toMatchObject({
      availableMicros: 1_000_000,
      reservedMicros: 0,
    });
  });
});
