import type { ModelSpec, Provider } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Registry } from './registry.js';

const price = () => ({ usd: 0.01 });

function model(id: string, extra: Partial<ModelSpec> = {}): ModelSpec {
  return {
    id,
    name: id,
    tasks: ['text-to-image'],
    output: 'image',
    params: z.object({ prompt: z.string().min(1) }),
    estimatePrice: price,
    ...extra,
  };
}

const provider: Provider = {
  models: () => [],
  submit: async () => ({ status: 'succeeded', outputs: [] }),
  poll: async () => ({ status: 'pending' }),
};

function registry(): Registry {
  const r = new Registry();
  r.add('gateai', provider, [
    model('gateai/flux-dev', { aliases: ['flux'] }),
    model('gateai/seedance-2.0', { tasks: ['text-to-video', 'image-to-video'], output: 'video' }),
    model('gateai/gpt-image-2'),
  ]);
  r.add('imarouter', provider, [
    model('imarouter/seedance-2.0', { tasks: ['text-to-video'], output: 'video' }),
    model('imarouter/suno-music', { tasks: ['text-to-music'], output: 'audio' }),
  ]);
  return r;
}

function missOf(r: Registry, id: string): GenHubError {
  try {
    r.resolve(id);
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
  }
  throw new Error(`expected ${id} to miss`);
}

describe('Registry', () => {
  it('resolves full ids, case-insensitively', () => {
    expect(registry().resolve('GateAI/Flux-Dev').model.id).toBe('gateai/flux-dev');
  });

  it('resolves aliases and unambiguous bare names to their provider', () => {
    const r = registry();
    expect(r.resolve('flux').model.id).toBe('gateai/flux-dev');
    expect(r.resolve('suno-music').providerId).toBe('imarouter');
  });

  it('refuses a bare name two providers share, listing both', () => {
    const error = missOf(registry(), 'seedance-2.0');
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.suggestions).toEqual(['gateai/seedance-2.0', 'imarouter/seedance-2.0']);
  });

  it('suggests close matches on a miss, as GateAI does for "seedance"', () => {
    const error = missOf(registry(), 'seedance');
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.suggestions).toContain('gateai/seedance-2.0');
    expect(error.message).toContain('did you mean');
    expect(missOf(registry(), 'flux-dve').suggestions[0]).toBe('gateai/flux-dev');
  });

  it('suggests nothing for something unrelated', () => {
    expect(missOf(registry(), 'zzzzzzzz').suggestions).toEqual([]);
  });

  it('lists models by task, output kind and provider', () => {
    const r = registry();
    expect(r.list({ task: 'image-to-video' }).map((m) => m.id)).toEqual(['gateai/seedance-2.0']);
    expect(r.list({ output: 'video' }).map((m) => m.id)).toEqual([
      'gateai/seedance-2.0',
      'imarouter/seedance-2.0',
    ]);
    expect(r.list({ provider: 'imarouter' })).toHaveLength(2);
    expect(r.list()).toHaveLength(5);
  });

  it('rejects model ids without the provider prefix, and duplicates', () => {
    const r = new Registry();
    expect(() => r.add('a', provider, [model('b/x')])).toThrow(/must look like "a\/model-name"/);
    expect(() => r.add('a', provider, [model('a/x'), model('a/x')])).toThrow(/twice/);
    expect(() => r.add('a', provider, [model('a/Upper')])).toThrow(/lower case/);
  });

  it('forgets a removed provider and its names', () => {
    const r = registry();
    r.remove('imarouter');
    expect(r.find('suno-music')).toBeUndefined();
    expect(r.resolve('seedance-2.0').model.id).toBe('gateai/seedance-2.0');
  });
});

describe('Registry JSON Schema export', () => {
  const schemaModel = model('gateai/flux-dev', {
    params: z.object({
      prompt: z.string().min(1).max(2000),
      mode: z.enum(['FAST', 'ULTRA']).default('FAST'),
      width: z.number().int().min(480).max(2048).multipleOf(8).default(1024),
      seed: z.number().int().min(0).max(2147483637).optional(),
    }),
  });

  it('describes a model with its parameter constraints and an example that is valid', () => {
    const r = new Registry();
    r.add('gateai', provider, [schemaModel]);
    const description = r.describe('flux-dev');
    const params = description.params as {
      properties: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    expect(params.properties.mode).toMatchObject({ enum: ['FAST', 'ULTRA'], default: 'FAST' });
    expect(params.properties.width).toMatchObject({
      minimum: 480,
      maximum: 2048,
      multipleOf: 8,
      default: 1024,
    });
    expect(params.properties.prompt).toMatchObject({ maxLength: 2000 });
    expect(params.required).toEqual(['prompt']);
    expect(description.example).toEqual({
      model: 'gateai/flux-dev',
      task: 'text-to-image',
      params: { prompt: expect.any(String), mode: 'FAST', width: 1024 },
    });
    expect(schemaModel.params.safeParse(description.example.params).success).toBe(true);
  });

  it('exports the whole catalogue as plain JSON', () => {
    const catalogue = registry().catalogue({ output: 'video' });
    expect(catalogue.models.map((m) => m.id)).toEqual(['gateai/seedance-2.0', 'imarouter/seedance-2.0']);
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
  });
});
