import { type ModelSpec, validateParams } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import single from '../catalogue/__fixtures__/single-model-example.json' with { type: 'json' };
import { DOCUMENT_CATALOGUE } from '../catalogue/document-catalogue.js';
import { parseCatalogue } from '../catalogue/parse-catalogue.js';
import type { WireModel } from '../catalogue/wire-model.js';
import { buildModel, sizesOf } from './build-model.js';

const bundled = (id: string): WireModel => {
  const found = DOCUMENT_CATALOGUE.find((m) => m.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const spec = (id: string): ModelSpec => buildModel(bundled(id)).spec;

/** The code of the error validateParams throws, or 'ok'. */
function check(model: ModelSpec, params: Record<string, unknown>): string {
  try {
    validateParams(model, params);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('a discovered schema becomes zod parameters', () => {
  const seedance = buildModel(parseCatalogue([single]).models[0]!).spec;

  it("turns the document's schema example into the model core registers", () => {
    expect(seedance).toMatchObject({
      id: 'gateai/seedance-2.0',
      name: 'seedance-2.0',
      tasks: ['text-to-video'],
      output: 'video',
      limits: { promptMaxLength: 1500 },
      timeouts: { deadlineMs: 40 * 60_000 },
      example: { prompt: 'A cat walking', mode: 'RESOLUTION_720', duration: 5 },
    });
    expect(Object.keys(seedance.params.shape)).toEqual(['prompt', 'mode', 'duration']);
  });

  it('fills defaults, keeps enums and checks min/max', () => {
    expect(validateParams(seedance, { prompt: 'a cat' }).params).toEqual({
      prompt: 'a cat',
      mode: 'RESOLUTION_720',
      duration: 4,
    });
    expect(check(seedance, { prompt: 'a', mode: 'RESOLUTION_4K' })).toBe('INVALID_INPUT');
    expect(check(seedance, { prompt: 'a', duration: 3 })).toBe('INVALID_INPUT');
    expect(check(seedance, { prompt: 'a', duration: 16 })).toBe('INVALID_INPUT');
    expect(check(seedance, { prompt: 'a', duration: 4.5 })).toBe('INVALID_INPUT');
    expect(check(seedance, { prompt: 'a', duration: 15 })).toBe('ok');
    expect(check(seedance, {})).toBe('INVALID_INPUT');
  });

  it('keeps steps, lengths, booleans, lists and untyped parameters', () => {
    const model = buildModel({
      id: 'Custom-Model',
      type: 'image',
      params: {
        prompt: { type: 'string', required: true, maxLen: 1000 },
        cfg: { type: 'number', min: 0, max: 1, step: 0.25, default: 0.5 },
        tag: { type: 'string', minLen: 2, maxLen: 4 },
        hd: { type: 'boolean', default: false },
        loras: { type: 'array' },
        extra: { description: 'anything' },
        quantity: { type: 'integer', min: 1, max: 20, default: 1 },
        strength: { type: 'integer', min: 0, max: 10, default: 99 },
      },
    }).spec;
    expect(model.id).toBe('gateai/custom-model');
    expect(model.limits).toEqual({ promptMaxLength: 1000, maxQuantity: 8 });
    expect(validateParams(model, { prompt: 'a' }).params).toEqual({
      prompt: 'a',
      cfg: 0.5,
      hd: false,
      quantity: 1,
    });
    expect(check(model, { prompt: 'a', cfg: 0.75 })).toBe('ok');
    expect(check(model, { prompt: 'a', cfg: 0.3 })).toBe('INVALID_INPUT');
    expect(check(model, { prompt: 'a', tag: 'x' })).toBe('INVALID_INPUT');
    expect(check(model, { prompt: 'a', hd: 'yes' })).toBe('INVALID_INPUT');
    expect(check(model, { prompt: 'a', loras: [{ id: 'x', weight: 1 }] })).toBe('ok');
    expect(check(model, { prompt: 'a', extra: { any: ['json'] } })).toBe('ok');
    expect(check(model, { prompt: 'a', quantity: 9 })).toBe('INVALID_INPUT');
    expect(check(model, { prompt: 'x'.repeat(1001) })).toBe('INVALID_INPUT');
    // A default outside its own range is not applied.
    expect(validateParams(model, { prompt: 'a' }).params).not.toHaveProperty('strength');
  });

  it('reports what it leaves out', () => {
    const issues: string[] = [];
    buildModel(
      { id: 'm', type: 'image', params: { steps: { type: 'integer', max: 5, default: 9 } } },
      { onIssue: (message) => issues.push(message) },
    );
    expect(issues).toEqual([expect.stringContaining('default')]);
  });
});

describe('the bundled catalogue as models', () => {
  it('builds all 53, each with an example that validates and a finite price', () => {
    const issues: unknown[] = [];
    const models = DOCUMENT_CATALOGUE.map(
      (wire) => buildModel(wire, { onIssue: (...args) => issues.push(args) }).spec,
    );
    expect(issues).toEqual([]);
    expect(models).toHaveLength(53);
    for (const model of models) {
      expect(model.example, model.id).toBeDefined();
      const { params } = validateParams(model, model.example!);
      const price = model.estimatePrice(params);
      expect(Number.isFinite(price.usd) && price.usd > 0, model.id).toBe(true);
    }
  });

  it('maps the shared vocabulary and keeps GateAI names for the rest', () => {
    expect(Object.keys(spec('seedance-2.0').params.shape)).toEqual([
      'seed',
      'width',
      'height',
      'prompt',
      'duration',
      'quantity',
      'lastFrame',
      'firstFrame',
      'generate_audio',
      'referenceAudio',
      'images',
      'referenceVideo',
      'enable_safety_checker',
    ]);
    expect(Object.keys(spec('ltxv-2.3-fast').params.shape)).toEqual(
      expect.arrayContaining(['fps', 'aspectRatio', 'duration', 'resolution', 'firstFrame', 'lastFrame']),
    );
    expect(Object.keys(spec('ideogram-v3.0').params.shape)).toEqual(
      expect.arrayContaining(['mode', 'style', 'images', 'negativePrompt', 'prompt_enhance']),
    );
  });

  it('derives tasks from type and inputs', () => {
    const tasks = (id: string) => spec(id).tasks;
    expect(tasks('gpt-image-2')).toEqual(['text-to-image']);
    expect(tasks('nano-banana-2')).toEqual(['text-to-image', 'image-to-image']);
    expect(tasks('veo-3.1-lite')).toEqual(['text-to-video', 'image-to-video']);
    expect(tasks('hailuo-2_3-fast')).toEqual(['image-to-video']);
    expect(tasks('kling-2.5-turbo-standard')).toEqual(['image-to-video']);
    expect(tasks('seedance-2.0')).toEqual(['text-to-video', 'image-to-video', 'video-to-video']);
    expect(tasks('kling-video-o-1')).toEqual(['text-to-video', 'image-to-video', 'video-to-video']);
    expect(spec('rodin-v2')).toMatchObject({ tasks: ['image-to-3d'], output: 'model3d' });
    expect(check(spec('rodin-v2'), {})).toBe('INVALID_INPUT');
    const text3d = buildModel({ id: 't', type: '3d', params: { prompt: { required: true } } }).spec;
    expect(text3d.tasks).toEqual(['text-to-3d']);
  });

  it('uses Dimension Range as the range, param bounds without one, and tables as presets', () => {
    expect(spec('flux-dev').sizes).toEqual({
      range: { minWidth: 480, maxWidth: 2048, minHeight: 480, maxHeight: 2048, step: 8 },
    });
    const gpt = spec('gpt-image-2').sizes;
    expect(gpt?.range).toEqual({ minWidth: 256, maxWidth: 3840, minHeight: 256, maxHeight: 3840, step: 16 });
    expect(gpt?.presets).toHaveLength(30);
    expect(spec('recraft-v4').sizes).toEqual({ presets: bundled('recraft-v4').sizes?.presets });
    expect(sizesOf(bundled('seedance-2.0'))).toBeUndefined();
    expect(sizesOf(bundled('hailuo-2_3'))).toBeUndefined();
  });

  it('snaps and checks sizes against them', () => {
    const flux = spec('flux-dev');
    expect(validateParams(flux, { prompt: 'a', width: 1001 }).params.width).toBe(1000);
    expect(check(flux, { prompt: 'a', width: 2400 })).toBe('INVALID_INPUT');
    const gemini = spec('gemini-2.5-flash-image');
    expect(validateParams(gemini, { prompt: 'a', width: 1000, height: 560 }).params).toMatchObject({
      width: 1344,
      height: 768,
    });
    expect(validateParams(gemini, { prompt: 'a', aspectRatio: '9:16' }).params).toMatchObject({
      width: 768,
      height: 1344,
    });
  });

  it('accepts 0 ("automatic") where the document allows it', () => {
    expect(check(spec('kling-video-o-1'), { prompt: 'a', width: 0, height: 0 })).toBe('ok');
    expect(check(spec('seedance-1.0-pro'), { prompt: 'a', width: 0, height: 0 })).toBe('ok');
    expect(check(spec('seedance-2.0'), { prompt: 'a', width: 0 })).toBe('INVALID_INPUT');
  });

  it('applies the request limits: 1500 characters, 8 outputs, one image for single-image fields', () => {
    expect(spec('flux-dev').limits).toEqual({ promptMaxLength: 1500, maxQuantity: 8 });
    expect(spec('kling-2.5-turbo-standard').limits).toEqual({ promptMaxLength: 1500, maxQuantity: 1 });
    const single = buildModel({ id: 's', type: 'image', params: { prompt: {}, image: {} } }).spec;
    expect(single.limits).toEqual({ promptMaxLength: 1500, maxInputImages: 1 });
  });

  it('says which catalogue a model comes from in its description', () => {
    const model = buildModel(bundled('veo-3.1-lite'), { catalogueNote: 'Catalogue: bundled copy' }).spec;
    expect(model.description).toBe('~$0.02 per generation. Catalogue: bundled copy');
  });
});
