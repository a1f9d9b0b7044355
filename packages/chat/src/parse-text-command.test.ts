import { GenHubError, type ModelSpec } from '@genhub/core';
import { fakeModels } from '@genhub/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generationOptions } from './commands.js';
import { parseTextCommand, resolveFlags } from './parse-text-command.js';

const fake = (id: string): ModelSpec => fakeModels.find((model) => model.id === id)!;
const quality: ModelSpec = {
  ...fake('fake/image'),
  id: 'fake/quality',
  params: fake('fake/image').params.extend({
    quality: z.enum(['low', 'medium', 'high']).optional(),
    hd: z.boolean().optional(),
    guidance_scale: z.number().min(1).max(20).optional(),
  }),
};

function failure(run: () => unknown): GenHubError {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('parseTextCommand', () => {
  it('takes the example apart', () => {
    expect(
      parseTextCommand('/imagine a fox in snow --ar 16:9 --model gateai/flux-dev --seed 7 --no blur'),
    ).toEqual({
      command: 'imagine',
      prompt: 'a fox in snow',
      flags: [
        { name: 'ar', value: '16:9' },
        { name: 'model', value: 'gateai/flux-dev' },
        { name: 'seed', value: '7' },
        { name: 'no', value: 'blur' },
      ],
    });
  });

  it('reads the bot name, dashes from phone keyboards, =values and quotes', () => {
    expect(
      parseTextCommand('/Imagine@GenHubBot a cat —ar 3:2 –seed=9 --no "blurry, text" --model="a b"'),
    ).toEqual({
      command: 'imagine',
      botName: 'GenHubBot',
      prompt: 'a cat',
      flags: [
        { name: 'ar', value: '3:2' },
        { name: 'seed', value: '9' },
        { name: 'no', value: 'blurry, text' },
        { name: 'model', value: 'a b' },
      ],
    });
  });

  it('lets --no run to the next flag and keeps prompt words after one-word flags', () => {
    expect(parseTextCommand('/imagine --ar 16:9 a fox --no blur, text --seed 1 at dawn')).toEqual({
      command: 'imagine',
      prompt: 'a fox at dawn',
      flags: [
        { name: 'ar', value: '16:9' },
        { name: 'no', value: 'blur, text' },
        { name: 'seed', value: '1' },
      ],
    });
  });

  it('gives bare flags no value, and leaves words after a yes/no option in the prompt', () => {
    const options = generationOptions(quality);
    expect(parseTextCommand('/imagine a fox --hd', options)?.flags).toEqual([
      { name: 'hd', value: undefined },
    ]);
    expect(parseTextCommand('/imagine --hd a fox', options)).toMatchObject({
      prompt: 'a fox',
      flags: [{ name: 'hd', value: undefined }],
    });
    expect(parseTextCommand('/imagine --hd no a fox', options)?.flags).toEqual([{ name: 'hd', value: 'no' }]);
  });

  it('keeps quoted text out of the flags and ignores what is not a command', () => {
    expect(parseTextCommand('/speak "say --ar 16:9 loudly"')?.flags).toEqual([]);
    expect(parseTextCommand('hello /imagine')).toBeUndefined();
    expect(parseTextCommand('/help')).toEqual({ command: 'help', prompt: '', flags: [] });
    expect(parseTextCommand('/imagine\na fox\non two lines')?.prompt).toBe('a fox\non two lines');
  });

  const word = fc
    .stringMatching(/^[^\s"'\u201c\u201e\u00ab]{1,12}$/)
    .filter((w) => !/^(--|[\u2014\u2013])/.test(w) && !w.includes('VAL'));
  const space = fc.constantFrom(' ', '  ', '\n', '\t');

  it('round-trips a prompt without flags', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, space), { minLength: 1, maxLength: 12 }), (parts) => {
        const prompt = parts
          .map(([w, s]) => w + s)
          .join('')
          .trim();
        expect(parseTextCommand(`/imagine ${prompt}`)?.prompt).toBe(prompt);
        expect(parseTextCommand(`/imagine@bot   ${prompt}  `)?.prompt).toBe(prompt);
      }),
    );
  });

  it('never lets a flag or its value leak into the prompt', () => {
    const flagName = fc
      .stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
      .filter((name) => name !== 'no' && name !== 'negative');
    const value = fc.stringMatching(/^[A-Za-z0-9:.]{1,8}$/).map((v) => `VAL${v}`);
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 6 }),
        fc.array(fc.tuple(flagName, value, fc.constantFrom('--', '\u2014', '\u2013')), { maxLength: 4 }),
        fc.array(word, { maxLength: 6 }),
        (before, flags, after) => {
          const text = [
            '/imagine',
            ...before,
            ...flags.map(([name, v, dash]) => `${dash}${name} ${v}`),
            ...after,
          ].join(' ');
          const parsed = parseTextCommand(text)!;
          expect(parsed.flags).toEqual(flags.map(([name, v]) => ({ name, value: v })));
          expect(parsed.prompt).not.toContain('VAL');
          expect(parsed.prompt).toBe([...before, ...after].join(' '));
        },
      ),
    );
  });
});

describe('resolveFlags', () => {
  const image = generationOptions(quality);
  const resolve = (text: string) => resolveFlags(parseTextCommand(text)!.flags, image);

  it("keeps a provider's own flags for a prompt that carries them (Midjourney's --v 7), and refuses them otherwise", () => {
    const text =
      '/imagine a cat --v 7 --sref https://example.com/s.png --draft --ar 16:9 --oref https://example.com/o.png';
    const parsed = parseTextCommand(text)!;
    expect(resolveFlags(parsed.flags, image, { keepUnknown: true })).toEqual({
      params: { aspectRatio: '16:9' },
      unknown: ['--v 7', '--sref https://example.com/s.png', '--draft', '--oref https://example.com/o.png'],
    });
    expect(() => resolveFlags(parsed.flags, image)).toThrow(/^Unknown option --v;/);
  });

  it('maps aliases and both spellings of parameter names, converting values', () => {
    expect(
      resolve(
        '/imagine x --ar 16:9 --model gateai/flux-dev --seed 7 --no blur --n 2 --quality HIGH --guidance_scale 7.5 --hd',
      ),
    ).toEqual({
      model: 'gateai/flux-dev',
      params: {
        aspectRatio: '16:9',
        seed: 7,
        negativePrompt: 'blur',
        quantity: 2,
        quality: 'high',
        guidance_scale: 7.5,
        hd: true,
      },
      unknown: [],
    });
    expect(resolve('/imagine x --negativePrompt dust --aspect-ratio 1:1 --quantity 3').params).toEqual({
      negativePrompt: 'dust',
      aspectRatio: '1:1',
      quantity: 3,
    });
    const video = generationOptions(fake('fake/video'));
    expect(resolveFlags(parseTextCommand('/video x --duration 5s')!.flags, video).params).toEqual({
      duration: 5,
    });
  });

  it('answers bad values with one sentence naming the flag and what it takes', () => {
    expect(failure(() => resolve('/imagine x --ar wide')).message).toBe('--ar takes a ratio such as 16:9.');
    expect(failure(() => resolve('/imagine x --quality ultra')).message).toBe(
      '--quality must be one of low, medium, high.',
    );
    expect(failure(() => resolve('/imagine x --seed 1.5')).message).toBe(
      '--seed takes a whole number of at least 0.',
    );
    expect(failure(() => resolve('/imagine x --n 9')).message).toBe('--n takes a whole number from 1 to 4.');
    expect(failure(() => resolve('/imagine x --width 9000')).message).toBe(
      '--width takes a whole number from 256 to 2048.',
    );
    expect(failure(() => resolve('/imagine x --hd maybe')).message).toBe('--hd takes yes or no.');
    expect(failure(() => resolve('/imagine x --seed')).message).toBe('--seed needs a value.');
    const twice = failure(() => resolve('/imagine x --ar 1:1 --aspect_ratio 2:3'));
    expect(twice.code).toBe('INVALID_INPUT');
    expect(twice.message).toBe('--aspect_ratio is given twice (also as --ar); give it once.');
  });

  it('lists the model options for an unknown flag', () => {
    const error = failure(() => resolve('/imagine x --foo 1'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ param: 'foo' });
    expect(error.message).toBe(
      'Unknown option --foo; options for this model: --model, --safety, --no, --ar, --seed, --n, --width, --height, --quality, --hd, --guidance_scale.',
    );
    const speech = generationOptions(fake('fake/speech'));
    expect(failure(() => resolveFlags([{ name: 'ar', value: '1:1' }], speech)).message).toBe(
      'Unknown option --ar; options for this model: --model, --safety, --voice.',
    );
  });
});
