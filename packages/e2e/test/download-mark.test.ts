import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';
import { settled, user } from './harness.js';

describe('a polled job downloading its results', () => {
  let api: LoopbackApi;
  let genhub: GenHub;

  beforeAll(async () => {
    api = await startLoopbackApi({ apiKey: 'loopback-key-123456' });
    genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-dl-mark-')), trustedOrigins: [api.url] },
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

  it('is settled from running, and marked downloading while a slow file comes', async () => {
    const states = new Map<string, string[]>();
    const unsubscribe = genhub.generation.events.subscribe((event) => {
      if (event.type === 'state')
        states.set(event.job.id, [...(states.get(event.job.id) ?? []), event.job.state]);
    });
    try {
      const quick = await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: 'q' },
      });
      const slow = await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: 's [file-delay:1500]' },
      });
      expect(await settled(genhub, quick)).toMatchObject({ state: 'succeeded', chargedMicros: 40_000 });
      expect(await settled(genhub, slow)).toMatchObject({ state: 'succeeded', chargedMicros: 40_000 });
      expect(states.get(quick.id)).toContain('running');
      expect(states.get(slow.id)).toContain('downloading');
      expect(await genhub.store.ledger.balance(user)).toMatchObject({
        availableMicros: 920_000,
        reservedMicros: 0,
      });
    } finally {
      unsubscribe();
    }
  });
});
