import { defineModel, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { OpenAiApi } from '../api/openai-api.js';
import {
  SPEECH_FORMATS,
  SPEECH_INPUT_MAX_LENGTH,
  SPEECH_MODELS,
  SPEED_RANGE,
  type SpeechFormat,
  type SpeechModelEntry,
} from './speech-catalogue.js';

const formats = Object.keys(SPEECH_FORMATS) as [SpeechFormat, ...SpeechFormat[]];

function speechModel(entry: SpeechModelEntry, api: OpenAiApi): TypedModel {
  const params = z.object({
    prompt: vocabulary.prompt.max(SPEECH_INPUT_MAX_LENGTH).describe('The text to speak'),
    voice: z.enum(entry.voices).default(entry.voices[0]).describe('Voice'),
    format: z.enum(formats).default('mp3').describe('Audio format'),
    speed: z
      .number()
      .min(SPEED_RANGE.min)
      .max(SPEED_RANGE.max)
      .default(SPEED_RANGE.default)
      .describe('Speed'),
    ...(entry.instructions
      ? { instructions: z.string().trim().min(1).optional().describe('How to speak: tone, accent, pace') }
      : {}),
  });
  return defineModel({
    id: `openai/${entry.vendorId}`,
    name: entry.name,
    tasks: ['text-to-speech'],
    output: 'audio',
    params,
    limits: { promptMaxLength: SPEECH_INPUT_MAX_LENGTH },
    estimatePrice: (values) => ({
      usd: Math.round(values.prompt.length * entry.usdPerCharacter * 1e6) / 1e6,
      ...(entry.priceApproximate ? { approximate: true } : {}),
    }),
    example: {
      prompt: 'Welcome to GenHub.',
      voice: 'nova',
      speed: 1.25,
      ...(entry.instructions ? { instructions: 'Warm and cheerful' } : {}),
    },
    async submit({ params: values, signal }) {
      const audio = await api.speech(
        jsonBody({
          model: entry.vendorId,
          input: values.prompt,
          voice: values.voice,
          response_format: values.format,
          speed: values.speed,
          instructions: 'instructions' in values ? values.instructions : undefined,
        }),
        signal,
      );
      return {
        status: 'succeeded',
        outputs: [{ kind: 'bytes', data: audio, mediaType: SPEECH_FORMATS[values.format] }],
      };
    },
  });
}

/** gpt-4o-mini-tts (with instructions), tts-1 and tts-1-hd, each voice and format a choice. */
export function speechModels(api: OpenAiApi): TypedModel[] {
  return SPEECH_MODELS.map((entry) => speechModel(entry, api));
}
