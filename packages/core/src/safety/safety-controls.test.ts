import { GenHubError, type ModelSpec, safetyControl, vocabulary } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeModel } from '../registry/model-json-schema.js';
import {
  applySafetyLevel,
  hasSafetyControls,
  safetyControlsOf,
  withoutSafetyControls,
} from './safety-controls.js';

const model = (params: z.ZodObject): ModelSpec => ({
  id: 'test/model',
  name: 'Test Model',
  tasks: ['text-to-image'],
  output: 'image',
  params,
  estimatePrice: () => ({ usd: 0.01 }),
});

const moderated = model(
  z.object({
    prompt: vocabulary.prompt,
    tolerance: safetyControl(z.number().int().min(0).max(6).default(2), {
      strict: 0,
      standard: 2,
      mature: 6,
    }),
    checker: safetyControl(z.boolean(), { strict: true, standard: true, mature: false }).optional(),
    people: safetyControl(z.enum(['dont_allow', 'allow_adult', 'allow_all']).default('allow_adult'), {
      strict: 'dont_allow',
      standard: 'allow_adult',
      mature: 'allow_all',
    }),
  }),
);
const plain = model(z.object({ prompt: vocabulary.prompt, seed: vocabulary.seed.optional() }));

function refusal(run: () => unknown): GenHubError | undefined {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  return undefined;
}

describe('safety controls', () => {
  it('are read from the schema, whatever wraps them, and shown in the model description', () => {
    expect(safetyControlsOf(moderated).map((control) => control.param)).toEqual([
      'tolerance',
      'checker',
      'people',
    ]);
    expect(hasSafetyControls(moderated)).toBe(true);
    expect(hasSafetyControls(plain)).toBe(false);
    const properties = describeModel(moderated).params.properties as Record<string, Record<string, unknown>>;
    expect(properties.tolerance?.['x-genhub-safety']).toEqual({ strict: 0, standard: 2, mature: 6 });
  });

  it('take the level’s value when the user gives none', () => {
    for (const [level, expected] of [
      ['strict', { tolerance: 0, checker: true, people: 'dont_allow' }],
      ['standard', { tolerance: 2, checker: true, people: 'allow_adult' }],
      ['mature', { tolerance: 6, checker: false, people: 'allow_all' }],
    ] as const) {
      expect(applySafetyLevel(moderated, { prompt: 'a fox' }, { level })).toEqual({
        prompt: 'a fox',
        ...expected,
      });
    }
  });

  it('keep a value the user asks for when it is at least as strict as the level', () => {
    const params = { prompt: 'a fox', tolerance: 1, checker: true, people: 'dont_allow' };
    expect(applySafetyLevel(moderated, params, { level: 'standard' })).toEqual(params);
    expect(applySafetyLevel(moderated, { prompt: 'a fox', tolerance: 4 }, { level: 'mature' })).toMatchObject(
      {
        tolerance: 4,
      },
    );
  });

  it('refuse a value past the level with one sentence naming the parameter and what it may be', () => {
    for (const [params, param] of [
      [{ tolerance: 3 }, 'tolerance'],
      [{ checker: false }, 'checker'],
      [{ checker: 'false' }, 'checker'],
      [{ people: 'allow_all' }, 'people'],
    ] as const) {
      const error = refusal(() =>
        applySafetyLevel(moderated, { prompt: 'a fox', ...params }, { level: 'standard' }),
      );
      expect(error?.code).toBe('INVALID_INPUT');
      expect(error?.details).toMatchObject({ param, reason: 'safety-level' });
      expect(error?.message).toMatch(
        /^The safety level here is standard, so \w+ cannot be .+; leave it out or use .+\.$/,
      );
    }
    expect(
      refusal(() => applySafetyLevel(moderated, { prompt: 'x', tolerance: 1 }, { level: 'strict' }))?.message,
    ).toBe('The safety level here is strict, so tolerance cannot be 1; leave it out or use 0.');
  });

  it('leave a model without controls alone, unless the request excludes such models', () => {
    expect(applySafetyLevel(plain, { prompt: 'a fox' }, { level: 'strict' })).toEqual({ prompt: 'a fox' });
    const error = refusal(() =>
      applySafetyLevel(plain, { prompt: 'a fox' }, { level: 'strict', excludeUncontrolled: true }),
    );
    expect(error?.details).toMatchObject({ reason: 'safety-uncontrolled' });
    expect(error?.message).toContain('has no safety controls');
  });

  it('are dropped from copied parameters so a new level sets them again', () => {
    expect(withoutSafetyControls(moderated, { prompt: 'a', tolerance: 6, seed: 3 })).toEqual({
      prompt: 'a',
      seed: 3,
    });
  });
});
