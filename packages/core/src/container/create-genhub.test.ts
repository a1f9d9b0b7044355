import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, definePlugin, silentLogger } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryLogger } from '../logging/memory-logger.js';
import { createGenHub } from './create-genhub.js';
import { Tokens } from './tokens.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'genhub-container-'));

const seen: Array<{ apiKey: string; baseUrl: string; retries: number }> = [];

const acme = definePlugin({
  id: 'acme',
  name: 'Acme Images',
  contract: 1,
  config: z.object({
    apiKey: z.string().min(1),
    baseUrl: z.url().default('https://api.acme.test'),
    retries: z.coerce.number().int().default(1),
  }),
  setup(context, config) {
    seen.push(config);
    context.logger.info(`starting with key ${config.apiKey}`);
    return {
      models: () => [
        {
          id: 'acme/pix',
          name: 'Acme Pix',
          tasks: ['text-to-image'],
          output: 'image',
          params: z.object({ prompt: z.string() }),
          estimatePrice: () => ({ usd: 0.01 }),
        },
      ],
      submit: async () => ({ status: 'succeeded', outputs: [] }),
      poll: async () => ({ status: 'pending' }),
    };
  },
});

const broken = definePlugin({
  id: 'broken',
  name: 'Broken',
  contract: 1,
  config: z.object({}),
  setup: () => ({
    models: () => {
      throw new Error('discovery failed: 503');
    },
    submit: async () => ({ status: 'succeeded', outputs: [] }),
    poll: async () => ({ status: 'pending' }),
  }),
});

describe('createGenHub', () => {
  it('starts plugins from GENHUB_<ID>_<KEY> variables and registers their models', async () => {
    const { logger, lines } = createMemoryLogger();
    const genhub = await createGenHub(
      { dataDir: dataDir() },
      { plugins: [acme], env: { GENHUB_ACME_API_KEY: 'sk-acme-secret-1', GENHUB_ACME_RETRIES: '3' }, logger },
    );
    expect(genhub.registry.resolve('pix').model.id).toBe('acme/pix');
    expect(genhub.plugins).toEqual([{ id: 'acme', name: 'Acme Images', state: 'ready', models: 1 }]);
    expect(seen.at(-1)).toMatchObject({ apiKey: 'sk-acme-secret-1', retries: 3 });
    expect(genhub.container.resolve(Tokens.Registry)).toBe(genhub.registry);
    expect(JSON.stringify(lines)).not.toContain('sk-acme-secret-1');
    expect(lines.some((line) => line.message.includes('starting with key'))).toBe(true);
    await genhub.close();
  });

  it('skips a plugin with no settings and says which variables enable it', async () => {
    const genhub = await createGenHub(
      { dataDir: dataDir() },
      { plugins: [acme], env: {}, logger: silentLogger },
    );
    expect(genhub.plugins).toEqual([
      {
        id: 'acme',
        name: 'Acme Images',
        state: 'unconfigured',
        models: 0,
        message: 'set GENHUB_ACME_API_KEY to enable Acme Images',
      },
    ]);
    expect(genhub.registry.list()).toEqual([]);
    await genhub.close();
  });

  it('refuses bad plugin settings, naming the key and its variable', async () => {
    const error = await createGenHub(
      { dataDir: dataDir(), providers: { acme: { apiKey: 'sk-x', baseUrl: 'not a url' } } },
      { plugins: [acme], env: {}, logger: silentLogger },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { key: 'providers.acme.baseUrl', env: 'GENHUB_ACME_BASE_URL', message: expect.any(String) },
    ]);
  });

  it('keeps running when one plugin fails to start, and reports it', async () => {
    const genhub = await createGenHub(
      { dataDir: dataDir() },
      { plugins: [broken, acme], env: { GENHUB_ACME_API_KEY: 'k-123456' }, logger: silentLogger },
    );
    expect(genhub.plugins.map((p) => [p.id, p.state])).toEqual([
      ['broken', 'failed'],
      ['acme', 'ready'],
    ]);
    expect(genhub.plugins[0]?.message).toContain('discovery failed');
    await genhub.close();
  });

  it('loads third-party plugins by package name', async () => {
    const genhub = await createGenHub(
      { dataDir: dataDir(), plugins: ['@acme/genhub-plugin'] },
      {
        env: { GENHUB_ACME_API_KEY: 'k-123456' },
        logger: silentLogger,
        importPackage: async (name) => {
          expect(name).toBe('@acme/genhub-plugin');
          return { default: acme };
        },
      },
    );
    expect(genhub.registry.list().map((m) => m.id)).toEqual(['acme/pix']);
    await genhub.close();
  });

  it('refuses an invalid core configuration', async () => {
    await expect(createGenHub({ logLevel: 'loud' } as never)).rejects.toThrow(/logLevel/);
  });
});
