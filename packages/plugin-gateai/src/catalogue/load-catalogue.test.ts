import { createMemoryLogger, GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import single from './__fixtures__/single-model-example.json' with { type: 'json' };
import { DOCUMENT_CATALOGUE } from './document-catalogue.js';
import { describeCatalogue, loadCatalogue } from './load-catalogue.js';

describe('loadCatalogue', () => {
  it('uses the discovered models, filling name, sizes and example from the bundled entry', async () => {
    const { logger, lines } = createMemoryLogger();
    const flux = { id: 'flux-dev', type: 'image', params: { prompt: { type: 'string', required: true } } };
    const { status, models } = await loadCatalogue({
      mode: 'auto',
      logger,
      discover: async () => [flux, single],
    });
    expect(status).toEqual({ source: 'discovered', models: 2, skipped: 0 });
    expect(models[0]).toMatchObject({
      id: 'flux-dev',
      name: 'Flux Dev',
      cost: '~$0.00 per 1024×1024 image',
      params: { prompt: { type: 'string', required: true } },
      sizes: { range: { minWidth: 480 } },
    });
    // GateAI's own example wins over the document's.
    expect(models[1]?.example?.params).toEqual({
      prompt: 'A cat walking',
      mode: 'RESOLUTION_720',
      duration: 5,
    });
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('falls back to the bundled copy when discovery fails, and warns with the reason', async () => {
    const { logger, lines } = createMemoryLogger();
    const { status, models } = await loadCatalogue({
      mode: 'auto',
      logger,
      discover: async () => {
        throw new GenHubError('PROVIDER_UNAVAILABLE', 'gateai answered HTTP 503 (service unavailable)');
      },
    });
    expect(status).toMatchObject({
      source: 'bundled',
      models: 53,
      reason: expect.stringContaining('HTTP 503'),
    });
    expect(models).toHaveLength(DOCUMENT_CATALOGUE.length);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('bundled'),
        fields: expect.objectContaining({ reason: expect.stringContaining('HTTP 503'), models: 53 }),
      }),
    );
    expect(describeCatalogue(status)).toMatch(
      /^catalogue bundled from GateAI's documentation \(53 models; discovery failed/,
    );
  });

  it('falls back when discovery answers something unreadable or no usable model', async () => {
    const { logger, lines } = createMemoryLogger();
    const unreadable = await loadCatalogue({ mode: 'auto', logger, discover: async () => 'maintenance' });
    expect(unreadable.status).toMatchObject({
      source: 'bundled',
      reason: expect.stringContaining('unreadable'),
    });
    const empty = await loadCatalogue({
      mode: 'auto',
      logger,
      discover: async () => [{ id: 'x', type: 'audio' }],
    });
    expect(empty.status).toMatchObject({ source: 'bundled', reason: 'discovery listed no usable models' });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ id: 'x' }) }),
    );
  });

  it('does not ask GateAI when told to use the bundled copy', async () => {
    const { logger } = createMemoryLogger();
    let asked = false;
    const { status } = await loadCatalogue({
      mode: 'bundled',
      logger,
      discover: async () => {
        asked = true;
        return [];
      },
    });
    expect(asked).toBe(false);
    expect(status).toMatchObject({ source: 'bundled', reason: 'configured to use the bundled catalogue' });
  });
});
