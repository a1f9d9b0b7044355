import { defineModel, type HttpClient, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { requestAudio } from '../api/audio-request.js';
import { ElevenLabsDefaults } from '../config.js';
import { MUSIC_FORMATS, outputFormat } from './output-formats.js';

/**
 * The music models: `POST /v1/music` with a prompt. List price USD 0.30 per minute of music
 * (elevenlabs.io/pricing/api, June 2026); no separate price is published for music_v2.
 */
export const MUSIC_MODELS = [
  { id: 'music_v1', name: 'Eleven Music v1', defaultFormat: 'mp3_44100_128' },
  { id: 'music_v2', name: 'Eleven Music v2', defaultFormat: 'mp3_48000_192' },
] as const;

const USD_PER_MINUTE = 0.3;

/** Songs are asked for a length, so the price is known before they are made. */
const DEFAULT_SECONDS = 30;

export function musicModel(api: HttpClient, facts: (typeof MUSIC_MODELS)[number]): TypedModel {
  return defineModel({
    id: `elevenlabs/${facts.id}`,
    name: facts.name,
    description: 'Songs, with or without vocals, from a description; 3 seconds to 10 minutes.',
    tasks: ['text-to-music'],
    output: 'audio',
    params: z.object({
      prompt: vocabulary.prompt.describe('The song to compose: genre, mood, instruments, lyrics'),
      duration: vocabulary.duration
        .min(3)
        .max(600)
        .default(DEFAULT_SECONDS)
        .describe('Length in seconds, 3 to 600'),
      instrumental: z.boolean().default(false).describe('Guarantee a song without vocals'),
      outputFormat: outputFormat(MUSIC_FORMATS, facts.defaultFormat),
    }),
    limits: { maxQuantity: 1 },
    estimatePrice: ({ duration }) => ({ usd: ((duration ?? DEFAULT_SECONDS) / 60) * USD_PER_MINUTE }),
    timeouts: { deadlineMs: 15 * 60_000 },
    example: { prompt: 'An upbeat synth-pop instrumental with a catchy lead' },
    submit: ({ params, signal }) =>
      requestAudio(api, {
        path: '/v1/music',
        outputFormat: params.outputFormat,
        body: jsonBody({
          prompt: params.prompt,
          music_length_ms: Math.round(params.duration * 1000),
          model_id: facts.id,
          force_instrumental: params.instrumental,
        }),
        signal,
        headersTimeoutMs: ElevenLabsDefaults.musicHeadersTimeoutMs,
        metadata: { durationSeconds: params.duration },
      }),
  });
}
