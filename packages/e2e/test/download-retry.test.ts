import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';
import { settled, user } from './harness.js';

describe('downloading results', () => {
  let api: LoopbackApi;
  let genhub: GenHub;

  beforeAll(async () => {
    api = await startLoopbackApi({ apiKey: 'loopback-key-123456' });
    genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-dl-')), trustedOrigins: [api.url] },
      {
        plugins: [loopbackPlugin],
        env: { GENHUB_LOOPBACK_API_KEY: 'loopback-key-123456', GENHUB_LOOPBACK_BASE_URL: api.url },
        logger: silentLogger,
      },
    );
    await genhub.start();
    await genhub.store.ledger.grant(user, 1_000_000);
  });

  afterAll(async () => {
    await genhub.close();
    await api.close();
  });

  it('retries a result link that fails for a moment, and charges once', async () => {
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'x [file-errors:1]' },
    });
    const done = await settled(genhub, job);
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 40_000 });
    expect(done.outputs).toHaveLength(1);
  });

  it('gives up on a result link that keeps failing, and refunds', async () => {
    const job = await genhub.generation.request({
      userId: 'u1',
      task: 'text-to-image',
      params: { prompt: 'y [file-errors:5]' },
    });
    const done = await settled(genhub, job, 20_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(await genhub.store.ledger.balance(user)).toMatchObject({
      availableMicros: 960_000,
      reservedMicros: 0,
    });
  });
});
