import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, createHttpClient, GenHubError, silentLogger } from '@genhub/core';
import { testProvider } from '@genhub/testkit/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImarouterFake, startImarouterFake } from '../test/fake/index.js';
import { startProvider } from './__fixtures__/direct-provider.js';
import { createValidator } from './__fixtures__/openapi.js';
import { assetModelFor, assetUri, createImarouterAssets, imarouterPlugin } from './index.js';

let conformanceFake: ImarouterFake;
const image = { model: 'imarouter/gemini-3-pro-image-preview', task: 'text-to-image' } as const;

testProvider({
  plugin: imarouterPlugin,
  supports: { cancel: false },
  fake: {
    async start() {
      conformanceFake = await startImarouterFake({ pendingPolls: 0 });
      return {
        config: conformanceFake.config,
        server: conformanceFake,
        close: () => conformanceFake.close(),
      };
    },
    scenarios: {
      success: { request: { ...image, params: { prompt: 'a red fox' } } },
      failure: { request: { ...image, params: { prompt: 'a red fox [fail]' } } },
      rateLimit: {
        request: { model: 'imarouter/sonic', task: 'text-to-music', params: { prompt: 'a song' } },
        arrange: () =>
          conformanceFake.server.route('POST /v1/music/generations', {
            status: 429,
            headers: { 'retry-after': '7' },
            json: { error: { code: 'rate_limit', message: 'too many requests', type: 'new_api_error' } },
          }),
        expect: { retryAfterSeconds: 7 },
      },
      pendingThenSucceeded: { request: { ...image, params: { prompt: 'a fox [pending:2]' } } },
      pendingThenFailed: { request: { ...image, params: { prompt: 'a fox [pending:1] [fail]' } } },
    },
  },
  polling: { maxPollDelayMs: 5 },
});

describe('balance, health and configuration', () => {
  let fake: ImarouterFake;
  beforeAll(async () => {
    fake = await startImarouterFake();
  });
  afterAll(() => fake.close());

  it('reports the USD balance of the key as the provider balance', async () => {
    const { provider, signal, close } = await startProvider(fake.url, fake.apiKey);
    try {
      expect(await provider.balance!({ signal })).toEqual({
        usd: 2.5,
        details: {
          usedUsd: 0.5,
          quota: 1_250_000,
          usedQuota: 250_000,
          quotaPerUnit: 500_000,
          currency: 'USD',
        },
      });
      expect(await provider.health!({ signal })).toMatchObject({ ok: true });
    } finally {
      await close();
    }
  });

  it('says AUTH for a wrong key, without showing it', async () => {
    const { provider, signal, close } = await startProvider(fake.url, 'sk-wrong-key-000000');
    try {
      const error = await provider.balance!({ signal }).catch((e: unknown) => e);
      expect(GenHubError.isInstance(error) && error.code).toBe('AUTH');
      expect((error as Error).message).toContain('token status is unavailable');
      expect((error as Error).message).not.toContain('sk-wrong-key-000000');
      expect(await provider.health!({ signal })).toMatchObject({ ok: false });
    } finally {
      await close();
    }
  });

  it('reads GENHUB_IMAROUTER_API_KEY and GENHUB_IMAROUTER_BASE_URL, defaulting to the document’s server', async () => {
    expect(imarouterPlugin.config.parse({ apiKey: 'sk-1' })).toEqual({
      apiKey: 'sk-1',
      baseUrl: 'https://api.imarouter.com',
    });
    const genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-imarouter-config-')), trustedOrigins: [fake.url] },
      { plugins: [imarouterPlugin], env: fake.env, logger: silentLogger },
    );
    try {
      expect(genhub.plugins.find((plugin) => plugin.id === 'imarouter')).toMatchObject({ state: 'ready' });
      expect(genhub.registry.find('imarouter/midjourney')).toBeDefined();
      expect(genhub.registry.find('seedance-2.0')?.model.id).toBe('imarouter/seedance-2.0');
    } finally {
      await genhub.close();
    }
  });
});

describe('the portrait asset library', () => {
  let fake: ImarouterFake;
  beforeAll(async () => {
    fake = await startImarouterFake();
  });
  afterAll(() => fake.close());

  it('creates a group, uploads a likeness, waits for review and hands back asset://', async () => {
    const http = createHttpClient({ retry: { retries: 0 } });
    try {
      const assets = createImarouterAssets(http, { apiKey: fake.apiKey, baseUrl: fake.url });
      const model = assetModelFor('seedance-2.0-cn');
      expect(model).toBe('ima-pro-upload-cn');
      const group = await assets.createGroup({ name: 'cast', description: 'leads', model });
      expect(group).toMatchObject({ name: 'cast', description: 'leads', groupType: 'AIGC' });
      expect(await assets.getGroup(group.id)).toMatchObject({ id: group.id });
      expect(await assets.updateGroup({ id: group.id, name: 'cast 2' })).toEqual({ id: group.id });
      expect(
        (await assets.listGroups({ pageSize: 10, sortBy: 'CreateTime', sortOrder: 'Desc' })).items,
      ).toHaveLength(1);

      const asset = await assets.createAsset({
        groupId: group.id,
        url: fake.fileUrl('face.png'),
        name: 'lead',
        model,
      });
      expect(asset.uri).toBe(assetUri(asset.id));
      expect(await assets.getAsset(asset.id)).toMatchObject({ status: 'Processing' });
      expect(await assets.waitUntilActive(asset.id, { intervalMs: 1 })).toMatchObject({ status: 'Active' });
      expect(await assets.updateAsset({ id: asset.id, name: 'lead 2' })).toEqual({ id: asset.id });
      expect(await assets.listAssets({ statuses: ['Active'], groupIds: [group.id] })).toMatchObject({
        items: [expect.objectContaining({ id: asset.id, name: 'lead 2', status: 'Active' })],
        totalCount: 1,
      });
      expect(await assets.quota()).toEqual({ enabled: true, maxCountPerUser: 100, currentCount: 1 });

      const refused = await assets.createAsset({
        groupId: group.id,
        url: 'https://example.com/x.png?fake=reject',
      });
      await expect(assets.waitUntilActive(refused.id, { intervalMs: 1 })).rejects.toMatchObject({
        code: 'CONTENT_REJECTED',
      });
      await expect(
        assets.createAsset({
          groupId: group.id,
          url: 'https://example.com/a.mp3?fake=too-long',
          assetType: 'Audio',
        }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('DurationTooLong') });
      // Every request the library sent follows its operation's request schema.
      const validator = createValidator();
      const sent = fake.calls.filter((call) => call.path.startsWith('/v1/assets/'));
      expect(new Set(sent.map((call) => call.path)).size).toBe(9);
      for (const call of sent)
        expect(validator.request(`POST ${call.path}`, call.bodyJson), call.path).toEqual([]);
    } finally {
      await http.close();
    }
  });
});
