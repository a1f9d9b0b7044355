import { defineModel, type HttpClient, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { requestAudio } from '../api/audio-request.js';
import { ElevenLabsDefaults } from '../config.js';
import type { VoiceChoices } from '../voices/voice-choices.js';
import { DEFAULT_FORMAT, outputFormat, SPEECH_FORMATS } from './output-formats.js';

/**
 * The text to speech models, their limits and list prices, stated once. Text limits are ElevenLabs'
 * per-request maxima; prices are USD per 1,000 characters (elevenlabs.io/pricing/api, June 2026).
 */
export const SPEECH_MODELS = [
  {
    id: 'eleven_v3',
    name: 'Eleven v3',
    description: 'The most expressive model, 70+ languages, audio tags such as [whispers].',
    maxCharacters: 5_000,
    usdPer1000Characters: 0.1,
    /** v3 takes only these stability values (Creative, Natural, Robust). */
    stabilitySteps: [0, 0.5, 1] as readonly number[] | undefined,
    takesLanguageCode: true,
  },
  {
    id: 'eleven_multilingual_v2',
    name: 'Eleven Multilingual v2',
    description: 'Lifelike, consistent speech in 29 languages.',
    maxCharacters: 10_000,
    usdPer1000Characters: 0.1,
    stabilitySteps: undefined,
    takesLanguageCode: false,
  },
  {
    id: 'eleven_flash_v2_5',
    name: 'Eleven Flash v2.5',
    description: 'Fast, low-cost speech in 32 languages.',
    maxCharacters: 40_000,
    usdPer1000Characters: 0.05,
    stabilitySteps: undefined,
    takesLanguageCode: true,
  },
  {
    id: 'eleven_turbo_v2_5',
    name: 'Eleven Turbo v2.5',
    description: 'Quality and speed balanced, 32 languages.',
    maxCharacters: 40_000,
    usdPer1000Characters: 0.05,
    stabilitySteps: undefined,
    takesLanguageCode: true,
  },
] as const;

type SpeechModelFacts = (typeof SPEECH_MODELS)[number];

const unit = (what: string) => z.number().min(0).max(1).describe(what);

/** One text to speech model over the account's voices: `POST /v1/text-to-speech/{voice_id}`. */
export function speechModel(api: HttpClient, facts: SpeechModelFacts, voices: VoiceChoices): TypedModel {
  const stabilitySteps = facts.stabilitySteps;
  const stability =
    stabilitySteps === undefined
      ? unit('Voice stability, 0 (expressive) to 1 (steady)')
      : unit('Voice stability: 0 (creative), 0.5 (natural) or 1 (robust)').refine(
          (value) => stabilitySteps.includes(value),
          `${facts.name} takes a stability of ${stabilitySteps.join(', ')}`,
        );
  const params = z.object({
    prompt: vocabulary.prompt.max(facts.maxCharacters).describe('Text to speak'),
    voice: voices.schema,
    stability: stability.optional(),
    similarityBoost: unit('How closely to keep to the original voice, 0 to 1').optional(),
    style: unit('Style exaggeration, 0 (none) to 1').optional(),
    speakerBoost: z.boolean().describe('Boost similarity to the original speaker').optional(),
    speed: z.number().min(0.7).max(1.2).describe('Speaking speed, 0.7 to 1.2 (1 is normal)').optional(),
    outputFormat: outputFormat(SPEECH_FORMATS, DEFAULT_FORMAT),
    seed: vocabulary.seed.max(4_294_967_295).optional(),
    languageCode: z
      .string()
      .regex(/^[a-z]{2}$/, 'Use an ISO 639-1 code, such as en or de')
      .describe(
        facts.takesLanguageCode
          ? 'Language to enforce, ISO 639-1 (en, de, ...)'
          : `Language, ISO 639-1; ${facts.name} ignores it`,
      )
      .optional(),
  });
  return defineModel({
    id: `elevenlabs/${facts.id}`,
    name: facts.name,
    description: facts.description,
    tasks: ['text-to-speech'],
    output: 'audio',
    params,
    limits: { promptMaxLength: facts.maxCharacters, maxQuantity: 1 },
    estimatePrice: (chosen) => ({
      usd: ((chosen.prompt?.length ?? 0) / 1000) * facts.usdPer1000Characters,
      approximate: true,
    }),
    example: { prompt: 'Hello from GenHub, spoken by ElevenLabs.' },
    async submit({ params: chosen, signal }) {
      const voiceId = voices.idFor(chosen.voice);
      return requestAudio(api, {
        path: `/v1/text-to-speech/${encodeURIComponent(voiceId)}`,
        outputFormat: chosen.outputFormat,
        body: jsonBody({
          text: chosen.prompt,
          model_id: facts.id,
          language_code: facts.takesLanguageCode ? chosen.languageCode : undefined,
          seed: chosen.seed,
          voice_settings: {
            stability: chosen.stability,
            similarity_boost: chosen.similarityBoost,
            style: chosen.style,
            use_speaker_boost: chosen.speakerBoost,
            speed: chosen.speed,
          },
        }),
        signal,
        headersTimeoutMs: ElevenLabsDefaults.speechHeadersTimeoutMs,
        metadata: { voice: chosen.voice, voiceId, characters: chosen.prompt.length },
      });
    },
  });
}
