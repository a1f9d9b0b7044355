import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, defineProvider } from './define-provider.js';

const signal = new AbortController().signal;
const options = { signal, idempotencyKey: 'job-1-0' };

const speech = defineModel({
  id: 'acme/speech',
  name: 'Acme Speech',
  tasks: ['text-to-speech'],
  output: 'audio',
  params: z.object({ prompt: z.string().min(1), speed: z.number().min(0.5).max(2).default(1) }),
  estimatePrice: ({ prompt, speed }) => ({ usd: prompt.length * 0.0001 * speed }),
  example: { prompt: 'Hello' },
  async submit({ params }) {
    // Typed, with the default applied: `speed` is a number here.
    const bytes = new TextEncoder().encode(`${params.prompt}@${params.speed.toFixed(1)}`);
    return { status: 'succeeded', outputs: [{ kind: 'bytes', data: bytes, mediaType: 'audio/wav' }] };
  },
});

describe('defineModel and defineProvider', () => {
  const provider = defineProvider({ models: [speech] });

  it('hands submit the parameters parsed by the model, defaults applied', async () => {
    const result = await provider.submit(
      { model: 'acme/speech', task: 'text-to-speech', params: { prompt: 'Hi' } },
      options,
    );
    expect(result.status).toBe('succeeded');
    if (result.status !== 'succeeded') return;
    const output = result.outputs[0];
    expect(output?.kind === 'bytes' && new TextDecoder().decode(output.data)).toBe('Hi@1.0');
  });

  it('prices from the typed parameters and lists the model spec', async () => {
    const [spec] = await provider.models({ signal });
    expect(spec?.id).toBe('acme/speech');
    expect(spec?.estimatePrice({ prompt: 'abcd', speed: 2 }).usd).toBeCloseTo(0.0008);
    expect(spec?.estimatePrice({ prompt: 'abcd' }).usd).toBeCloseTo(0.0004);
  });

  it('refuses parameters the schema refuses, and models it does not have', async () => {
    await expect(
      provider.submit(
        { model: 'acme/speech', task: 'text-to-speech', params: { prompt: 'x', speed: 9 } },
        options,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { param: 'speed' } });
    await expect(
      provider.submit({ model: 'acme/other', task: 'text-to-speech', params: {} }, options),
    ).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('needs no poll when every model finishes in submit', async () => {
    await expect(provider.poll({ id: 't' }, { signal })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
