import { describe, expect, it } from 'vitest';
import mixed from './__fixtures__/models-schema-mixed.json' with { type: 'json' };
import single from './__fixtures__/single-model-example.json' with { type: 'json' };
import { DOCUMENT_CATALOGUE } from './document-catalogue.js';
import { normalizeType, parseCatalogue } from './parse-catalogue.js';

describe('parseCatalogue', () => {
  it("reads the document's single-model schema example, in a bare array", () => {
    const { models, skipped } = parseCatalogue([single]);
    expect(skipped).toEqual([]);
    expect(models).toEqual([
      {
        id: 'seedance-2.0',
        type: 'video',
        cost: '~$0.49/720p 4s, ~$1.85/720p 15s',
        params: {
          prompt: { type: 'string', required: true, description: '...' },
          mode: { type: 'string', enum: ['RESOLUTION_720', 'RESOLUTION_1080'], default: 'RESOLUTION_720' },
          duration: { type: 'integer', min: 4, max: 15, default: 4 },
        },
        example: {
          model: 'seedance-2.0',
          params: { prompt: 'A cat walking', mode: 'RESOLUTION_720', duration: 5 },
        },
      },
    ]);
  });

  it('accepts { models: [...] }, skips bad entries with a reason and drops bad fields', () => {
    const { models, skipped } = parseCatalogue(mixed);
    expect(models.map((m) => m.id)).toEqual(['flux-dev', 'auto-video']);
    expect(skipped).toEqual([
      { index: 1, reason: expect.stringContaining('id') },
      { index: 2, id: 'sound-1', reason: 'unknown type "audio"' },
      { index: 4, id: 'flux-dev', reason: 'duplicate id' },
      { index: 5, reason: expect.any(String) },
    ]);
    const flux = models[0]!;
    // `max: "forty"` is not a number: the bound is dropped, the parameter kept.
    expect(flux.params.num_inference_steps).toEqual({ type: 'integer', default: 28, min: 1 });
    expect(flux.params.guidance_scale).toEqual({
      type: 'number',
      default: 3.5,
      min: 1,
      max: 10,
      description: 'How closely the model follows the prompt',
    });
    // A numeric cost reads as a per-generation price; a list of names gives untyped parameters.
    expect(models[1]).toMatchObject({ cost: '~$0.13 per generation', params: { prompt: {}, duration: {} } });
  });

  it('accepts a map by id and { data: [...] }', () => {
    expect(parseCatalogue({ 'seedance-2.0': { ...single, id: undefined } }).models[0]?.id).toBe(
      'seedance-2.0',
    );
    expect(parseCatalogue({ data: [single] }).models).toHaveLength(1);
  });

  it('throws when the body holds no list of models', () => {
    expect(() => parseCatalogue('<html>')).toThrow(TypeError);
    expect(() => parseCatalogue({ error: 'down' })).toThrow(TypeError);
  });

  it('reads the bundled catalogue back unchanged (one shape for both sources)', () => {
    const { models, skipped } = parseCatalogue(DOCUMENT_CATALOGUE);
    expect(skipped).toEqual([]);
    expect(models).toEqual(JSON.parse(JSON.stringify(DOCUMENT_CATALOGUE)));
  });

  it('normalises type spellings', () => {
    expect(
      ['image', 'Image', 'text-to-image', 'video', 'image-to-video', '3d', '3D', 'model3d'].map(
        normalizeType,
      ),
    ).toEqual(['image', 'image', 'image', 'video', 'video', '3d', '3d', '3d']);
    expect(normalizeType('audio')).toBeUndefined();
  });
});
