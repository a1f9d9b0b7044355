import { vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { type ImaModel, imaModel, request } from '../ima-request.js';
import { Deadlines, flatPrice, round } from './model-helpers.js';

/** `sonic` on `POST /v1/music/generations`: several songs per task, each with its title and lyrics. */
function sonic(): ImaModel {
  const params = z.object({
    prompt: vocabulary.prompt.max(5000),
    style: vocabulary.style.max(1000).optional().describe('Style or music tags, such as "synth-pop, upbeat"'),
    negativePrompt: vocabulary.negativePrompt.optional().describe('Tags to keep out'),
    title: z.string().max(120).optional(),
    model_version: z.enum(['sonic-v3-5', 'sonic-v4', 'sonic-v4-5', 'sonic-v4-5-plus', 'sonic-v5']).optional(),
    custom_mode: z.boolean().optional(),
    auto_lyrics: z.boolean().optional(),
    make_instrumental: z.boolean().optional(),
    gpt_description_prompt: z.string().max(400).optional(),
    vocal_gender: z.enum(['m', 'f']).optional(),
    style_weight: z.number().min(0).max(1).optional(),
    weirdness_constraint: z.number().min(0).max(1).optional(),
  });
  return imaModel({
    remote: 'sonic',
    family: 'Music',
    spec: {
      id: 'imarouter/sonic',
      name: 'Sonic Music',
      aliases: ['sonic-music'],
      description:
        'Songs from a prompt through imarouter: usually two takes per request, with titles and lyrics.',
      tasks: ['text-to-music'],
      output: 'audio',
      params,
      limits: { promptMaxLength: 5000 },
      estimatePrice: flatPrice(0.15),
      timeouts: { deadlineMs: Deadlines.music },
      example: { prompt: 'Bright synth-pop with a catchy chorus', title: 'Neon Skyline' },
    },
    build(_task, p) {
      return request(
        'POST /v1/music/generations',
        {
          model: 'sonic',
          prompt: p.prompt,
          tags: p.style,
          negative_tags: p.negativePrompt,
          title: p.title,
          model_version: p.model_version,
          custom_mode: p.custom_mode,
          auto_lyrics: p.auto_lyrics,
          make_instrumental: p.make_instrumental,
          gpt_description_prompt: p.gpt_description_prompt,
          vocal_gender: p.vocal_gender,
          style_weight: p.style_weight,
          weirdness_constraint: p.weirdness_constraint,
        },
        { poll: 'music' },
      );
    },
  });
}

/** The voice the document's examples use, so a bare prompt works. */
export const DEFAULT_SEED_TTS_VOICE = 'zh_female_shuangkuaisisi_uranus';

/** `seed-tts-2.0` on `POST /v1/audio/speech`. A prompt that starts with `<speak` is sent as SSML. */
function seedTts(): ImaModel {
  const params = z.object({
    prompt: vocabulary.prompt.max(10_000).describe('The text to speak, or SSML starting with <speak>'),
    voice: vocabulary.voice.default(DEFAULT_SEED_TTS_VOICE),
    response_format: z.enum(['mp3', 'wav', 'pcm', 'ogg_opus']).optional().describe('Audio format (mp3)'),
    speed: z.number().min(0.5).max(2).optional().describe('Speed multiplier'),
  });
  return imaModel({
    remote: 'seed-tts-2.0',
    family: 'Seed TTS Speech',
    spec: {
      id: 'imarouter/seed-tts-2.0',
      name: 'Seed TTS 2.0',
      aliases: ['seed-tts'],
      description: 'ByteDance Seed TTS 2.0 speech through imarouter; takes plain text or SSML.',
      tasks: ['text-to-speech'],
      output: 'audio',
      params,
      limits: { promptMaxLength: 10_000 },
      // The document's example: 80 characters for $0.003.
      estimatePrice: ({ prompt }) => ({
        usd: round(Math.max(0.001, [...prompt].length * 0.0000375)),
        approximate: true,
      }),
      timeouts: { deadlineMs: Deadlines.speech },
      example: { prompt: 'Hello, and welcome.', voice: DEFAULT_SEED_TTS_VOICE },
    },
    build(_task, p) {
      const ssml = /^\s*<speak[\s>]/i.test(p.prompt);
      return request(
        'POST /v1/audio/speech',
        {
          model: 'seed-tts-2.0',
          ...(ssml ? { ssml: p.prompt } : { input: p.prompt }),
          voice: p.voice,
          response_format: p.response_format,
          speed: p.speed,
        },
        { poll: 'speech' },
      );
    },
  });
}

/** Music (sonic) and speech (Seed TTS). */
export function audioModels(): ImaModel[] {
  return [sonic(), seedTts()];
}
