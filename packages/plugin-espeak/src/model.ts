import { type ModelSpec, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { PITCH, PROMPT_MAX_LENGTH, SPEED } from './config.js';
import type { EspeakVoice } from './engine/voices.js';

export const MODEL_ID = 'espeak/tts';

/** The one espeak model, its `voice` an enum of the voices this espeak-ng build lists. */
export function buildModel(voices: readonly EspeakVoice[], defaultVoice: string): ModelSpec {
  const languages = voices.map((voice) => voice.language) as [string, ...string[]];
  return {
    id: MODEL_ID,
    name: 'eSpeak NG',
    description: `Offline text to speech with espeak-ng ${voices.length} voices; robotic but instant, free and needs no API key.`,
    aliases: ['espeak'],
    tasks: ['text-to-speech'],
    output: 'audio',
    params: z.object({
      prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH).describe('Text to speak'),
      voice: z
        .enum(languages)
        .default(defaultVoice)
        .describe('espeak-ng voice, by language code (en-us, de, fr-fr, ...)'),
      speed: z
        .number()
        .int()
        .min(SPEED.min)
        .max(SPEED.max)
        .default(SPEED.default)
        .describe('Speaking rate in words per minute'),
      pitch: z
        .number()
        .int()
        .min(PITCH.min)
        .max(PITCH.max)
        .default(PITCH.default)
        .describe('Pitch, 0 (low) to 99 (high)'),
    }),
    limits: { promptMaxLength: PROMPT_MAX_LENGTH },
    estimatePrice: () => ({ usd: 0 }),
    timeouts: { deadlineMs: 60_000 },
    example: { prompt: 'Hello from GenHub' },
  };
}
