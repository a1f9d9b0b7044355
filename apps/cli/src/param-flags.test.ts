import { fakeModels } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { paramsFromFlags } from './param-flags.js';
import { UsageError } from './usage-error.js';

const model = (id: string) => fakeModels.find((m) => m.id === id)!;
const image = model('fake/image');
const speech = model('fake/speech');

describe('paramsFromFlags', () => {
  it('types values by the model schema: numbers, enums and aliases', () => {
    expect(paramsFromFlags(['seed=42', 'n=2', 'negative_prompt=blurry, text', 'ar=16:9'], image)).toEqual({
      seed: 42,
      quantity: 2,
      negativePrompt: 'blurry, text',
      aspectRatio: '16:9',
    });
    expect(paramsFromFlags(['voice=NOVA'], speech)).toEqual({ voice: 'nova' });
    expect(paramsFromFlags([], speech)).toEqual({});
  });

  it('names the parameter and what it accepts when a value is wrong', () => {
    expect(() => paramsFromFlags(['quantity=9'], image)).toThrow(
      '--param quantity takes a whole number from 1 to 4.',
    );
    expect(() => paramsFromFlags(['seed=lots'], image)).toThrow(/^--param seed takes a whole number/);
    expect(() => paramsFromFlags(['voice=robot'], speech)).toThrow(
      '--param voice must be one of alloy, echo, nova.',
    );
    expect(() => paramsFromFlags(['seed'], image)).toThrow('--param seed needs a value.');
    expect(() => paramsFromFlags(['seed=1', 'seed=2'], image)).toThrow(/^--param seed is given twice/);
  });

  it('names an unknown parameter and lists the ones the model takes', () => {
    expect(() => paramsFromFlags(['colour=red'], image)).toThrow(
      /^fake\/image has no parameter "colour"; it takes safety, negative_prompt, aspect_ratio, seed, quantity, width, height\.$/,
    );
  });

  it('sends the model and the prompt to their own arguments', () => {
    expect(() => paramsFromFlags(['model=fake/video'], image)).toThrow(
      'Give the model with --model, not --param.',
    );
    expect(() => paramsFromFlags(['prompt=a fox'], image)).toThrow(/^Give the prompt as the second argument/);
    expect(() => paramsFromFlags(['=3'], image)).toThrow(UsageError);
  });
});
