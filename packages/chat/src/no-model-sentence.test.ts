import type { PluginStatus } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { noModelSentence } from './no-model-sentence.js';

const unconfigured = (id: string, ...names: string[]): PluginStatus =>
  ({
    id,
    name: id,
    state: 'unconfigured',
    models: 0,
    message: `set ${names.join(' and ')} to enable ${id}`,
  }) as PluginStatus;

describe('noModelSentence', () => {
  it('names each provider by all of its settings', () => {
    expect(
      noModelSentence('text-to-image', [
        unconfigured('gateai', 'GENHUB_GATEAI_API_KEY'),
        unconfigured('firefly', 'GENHUB_FIREFLY_CLIENT_ID', 'GENHUB_FIREFLY_CLIENT_SECRET'),
      ]),
    ).toBe(
      'No image model is configured; set GENHUB_GATEAI_API_KEY or GENHUB_FIREFLY_CLIENT_ID and GENHUB_FIREFLY_CLIENT_SECRET to enable one.',
    );
  });

  it('stays one short sentence when many providers could offer it', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((id) =>
      unconfigured(id, `GENHUB_${id.toUpperCase()}_API_KEY`),
    );
    expect(noModelSentence('text-to-vector', many)).toBe(
      "No vector model is configured; set a provider's key, such as GENHUB_A_API_KEY, to enable one (genhub models lists every provider and its settings).",
    );
    expect(noModelSentence(undefined, [])).toBe(
      'No model is configured; ask the operator to configure a provider that offers it.',
    );
  });
});
