import { defineModel, type HttpClient, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { requestAudio } from '../api/audio-request.js';
import { ElevenLabsDefaults } from '../config.js';
import { DEFAULT_FORMAT, outputFormat, SOUND_FORMATS } from './output-formats.js';

/** List price of one sound effect (elevenlabs.io/pricing/api, June 2026). */
const USD_PER_SOUND = 0.12;

/** Sound effects from a description: `POST /v1/sound-generation` with `eleven_text_to_sound_v2`. */
export function soundEffectsModel(api: HttpClient): TypedModel {
  return defineModel({
    id: 'elevenlabs/eleven_text_to_sound_v2',
    name: 'Eleven Sound Effects v2',
    description: 'Sound effects from a description, 0.5 to 30 seconds, optionally looping.',
    aliases: ['elevenlabs/sound-effects'],
    tasks: ['text-to-sound'],
    output: 'audio',
    params: z.object({
      prompt: vocabulary.prompt.describe('The sound to make'),
      duration: vocabulary.duration
        .min(0.5)
        .max(30)
        .describe('Length in seconds, 0.5 to 30; the model guesses when not given')
        .optional(),
      promptInfluence: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .describe('How closely to follow the prompt, 0 to 1'),
      loop: z.boolean().default(false).describe('Make a sound that loops smoothly'),
      outputFormat: outputFormat(SOUND_FORMATS, DEFAULT_FORMAT),
    }),
    limits: { maxQuantity: 1 },
    estimatePrice: () => ({ usd: USD_PER_SOUND, approximate: true }),
    example: { prompt: 'Rain on a tin roof with distant thunder' },
    submit: ({ params, signal }) =>
      requestAudio(api, {
        path: '/v1/sound-generation',
        outputFormat: params.outputFormat,
        body: jsonBody({
          text: params.prompt,
          model_id: 'eleven_text_to_sound_v2',
          duration_seconds: params.duration,
          prompt_influence: params.promptInfluence,
          loop: params.loop,
        }),
        signal,
        headersTimeoutMs: ElevenLabsDefaults.speechHeadersTimeoutMs,
      }),
  });
}
