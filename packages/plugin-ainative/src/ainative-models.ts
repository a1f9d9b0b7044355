import {
  type JsonObject,
  jsonBody,
  type SizePreset,
  type TypedModelSpec,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import { creditsToUsd } from './credits.js';

/** Generation endpoints, relative to the base URL. */
export type AiNativeEndpoint = 'tts' | 'image' | 'video/i2v' | 'video/t2v' | 'video/cogvideox';

/** What a generation returns: base64 audio, base64 image or a video URL. */
export type ResultKind = 'speech' | 'image' | 'video';

/** The image-to-video providers of the user guide. */
export type I2vProvider = 'wan22' | 'seedance' | 'sora2';

/** For a model only premium AINative accounts may use: how to name it when one is refused. */
export interface PremiumOnly {
  /** Such as "Sora 2", in "Sora 2 needs an AINative premium plan." */
  label: string;
  /** Models a refused user can take instead. */
  alternatives: readonly string[];
}

/** A model as the plugin runs it: its typed spec, where it goes and how its body is built. */
export interface AiNativeModel<Params extends z.ZodObject = z.ZodObject> {
  spec: TypedModelSpec<Params>;
  endpoint: AiNativeEndpoint;
  kind: ResultKind;
  /** The documented credits per request. */
  credits: number;
  premium?: PremiumOnly;
  /** The request body, from the parameters parsed by the spec's schema (typed, defaults applied). */
  body(params: z.output<Params>): JsonObject;
}

/** Types a model's `body` by the schema of its own parameters. */
function model<Params extends z.ZodObject>(definition: AiNativeModel<Params>): AiNativeModel<Params> {
  return definition;
}

export const MODEL_IDS = {
  tts: 'ainative/tts',
  image: 'ainative/image',
  wan22: 'ainative/i2v-wan22',
  seedance: 'ainative/i2v-seedance',
  sora2: 'ainative/i2v-sora2',
  t2v: 'ainative/t2v',
  cogvideox: 'ainative/cogvideox',
} as const;

/** The documented credits per request ("Credit Costs Summary"). */
export const CREDITS = {
  tts: 14,
  image: 50,
  wan22: 400,
  seedance: 520,
  sora2: 800,
  t2v: 1000,
  cogvideox: 800,
} as const;

const DEFAULT_VOICE = 'Wise_Woman';

/** Exact ratios inside 512-2048, near a megapixel, for `aspectRatio` requests. */
const IMAGE_PRESETS: readonly SizePreset[] = [
  { label: '1:1', width: 1024, height: 1024 },
  { label: '4:3', width: 1152, height: 864 },
  { label: '3:4', width: 864, height: 1152 },
  { label: '3:2', width: 1248, height: 832 },
  { label: '2:3', width: 832, height: 1248 },
  { label: '16:9', width: 1344, height: 756 },
  { label: '9:16', width: 756, height: 1344 },
  { label: '21:9', width: 1568, height: 672 },
];

/** AINative downloads the source image itself, so it must be a public http(s) URL, not a data URI. */
const publicImage = vocabulary.firstFrame.refine((input) => /^https?:\/\/\S+$/i.test(input.url), {
  message: 'AINative downloads the image itself, so give a public http(s) URL for firstFrame.',
});

const I2V: Readonly<
  Record<I2vProvider, { name: string; quality: string; seconds: number; premium?: PremiumOnly }>
> = {
  wan22: { name: 'Wan 2.2', quality: 'best value', seconds: 5 },
  seedance: { name: 'Seedance', quality: 'high quality', seconds: 5 },
  sora2: {
    name: 'Sora 2',
    quality: 'cinematic; premium accounts only',
    seconds: 4,
    premium: { label: 'Sora 2', alternatives: [MODEL_IDS.wan22, MODEL_IDS.seedance] },
  },
};

function i2vModel(provider: I2vProvider, usdPerCredit: number): AiNativeModel {
  const { name, quality, seconds, premium } = I2V[provider];
  const credits = CREDITS[provider];
  return model({
    endpoint: 'video/i2v',
    kind: 'video',
    credits,
    ...(premium === undefined ? {} : { premium }),
    spec: {
      id: MODEL_IDS[provider],
      name: `AINative ${name} image-to-video`,
      description: `Animates an image into a ${seconds}-second 1280x720 MP4 (${quality}). ${credits} credits per video.`,
      aliases: [`${provider}-i2v`],
      tasks: ['image-to-video'],
      output: 'video',
      params: z.object({
        prompt: vocabulary.prompt.max(1000).describe('How the image should move'),
        firstFrame: publicImage,
      }),
      limits: { promptMaxLength: 1000 },
      estimatePrice: () => ({ usd: creditsToUsd(credits, usdPerCredit) }),
      example: {
        prompt: 'Camera slowly zooms in while clouds drift across the sky',
        firstFrame: { url: 'https://example.com/photo.jpg' },
      },
    },
    body: (params) => ({ image_url: params.firstFrame.url, motion_prompt: params.prompt, provider }),
  });
}

/** Every model AINative's multimodal API offers, priced at `usdPerCredit`. */
export function aiNativeModels(usdPerCredit: number): AiNativeModel[] {
  const price = (credits: number) => () => ({ usd: creditsToUsd(credits, usdPerCredit) });
  return [
    model({
      endpoint: 'tts',
      kind: 'speech',
      credits: CREDITS.tts,
      spec: {
        id: MODEL_IDS.tts,
        name: 'AINative MiniMax TTS',
        description: `Speech from text with MiniMax TTS, as MP3. ${CREDITS.tts} credits per generation.`,
        aliases: ['minimax-tts'],
        tasks: ['text-to-speech'],
        output: 'audio',
        params: z.object({
          prompt: vocabulary.prompt.max(5000).describe('Text to speak'),
          voice: vocabulary.voice
            .max(100)
            .default(DEFAULT_VOICE)
            .describe('Voice profile, such as Wise_Woman'),
        }),
        limits: { promptMaxLength: 5000 },
        estimatePrice: price(CREDITS.tts),
        example: { prompt: 'Welcome to AINative Studio.', voice: DEFAULT_VOICE },
      },
      body: (params) => ({ text: params.prompt, voice: params.voice }),
    }),
    model({
      endpoint: 'image',
      kind: 'image',
      credits: CREDITS.image,
      spec: {
        id: MODEL_IDS.image,
        name: 'AINative Qwen Image',
        description: `Images from text with Qwen Image Edit, 512 to 2048 pixels a side, with optional LoRA style presets. ${CREDITS.image} credits per image.`,
        aliases: ['qwen-image'],
        tasks: ['text-to-image'],
        output: 'image',
        params: z.object({
          prompt: vocabulary.prompt.max(2000),
          width: vocabulary.width.min(512).max(2048).default(1024),
          height: vocabulary.height.min(512).max(2048).default(1024),
          style: vocabulary.style.max(200).optional().describe('LoRA style preset'),
        }),
        sizes: {
          range: { minWidth: 512, maxWidth: 2048, minHeight: 512, maxHeight: 2048, step: 1 },
          presets: IMAGE_PRESETS,
        },
        limits: { promptMaxLength: 2000 },
        estimatePrice: price(CREDITS.image),
        example: { prompt: 'A futuristic cityscape at sunset with neon lights', width: 1024, height: 1024 },
      },
      body: ({ prompt, width, height, style }) => jsonBody({ prompt, width, height, style }),
    }),
    i2vModel('wan22', usdPerCredit),
    i2vModel('seedance', usdPerCredit),
    i2vModel('sora2', usdPerCredit),
    model({
      endpoint: 'video/t2v',
      kind: 'video',
      credits: CREDITS.t2v,
      premium: { label: 'AINative text-to-video', alternatives: [MODEL_IDS.cogvideox] },
      spec: {
        id: MODEL_IDS.t2v,
        name: 'AINative text-to-video',
        description: `A 1280x720 MP4 of up to 10 seconds from text; premium accounts only. ${CREDITS.t2v} credits per video.`,
        tasks: ['text-to-video'],
        output: 'video',
        params: z.object({
          prompt: vocabulary.prompt.max(1000),
          duration: vocabulary.duration.int().min(1).max(10).default(5),
        }),
        limits: { promptMaxLength: 1000 },
        estimatePrice: price(CREDITS.t2v),
        example: { prompt: 'A serene ocean wave crashing on a beach at golden hour', duration: 5 },
      },
      body: ({ prompt, duration }) => ({ prompt, duration }),
    }),
    model({
      endpoint: 'video/cogvideox',
      kind: 'video',
      credits: CREDITS.cogvideox,
      spec: {
        id: MODEL_IDS.cogvideox,
        name: 'AINative CogVideoX-2B',
        description: `Text-to-video with the dedicated CogVideoX-2B model: 17, 33 or 49 frames at 8 fps, MP4. ${CREDITS.cogvideox} credits per video.`,
        aliases: ['cogvideox-2b'],
        tasks: ['text-to-video'],
        output: 'video',
        params: z.object({
          prompt: vocabulary.prompt.max(1000),
          num_frames: z
            .literal([17, 33, 49])
            .default(49)
            .describe('Frames at 8 fps: 17 (~2 s), 33 (~4 s) or 49 (~6 s)'),
          guidance_scale: z.number().min(1).max(20).default(6).describe('CFG scale'),
          num_inference_steps: z.number().int().min(20).max(100).default(50).describe('Denoising steps'),
        }),
        limits: { promptMaxLength: 1000 },
        estimatePrice: price(CREDITS.cogvideox),
        example: {
          prompt: 'A robot walking through a garden in the rain',
          num_frames: 49,
          guidance_scale: 6,
        },
      },
      body: ({ prompt, num_frames, guidance_scale, num_inference_steps }) => ({
        prompt,
        num_frames,
        guidance_scale,
        num_inference_steps,
      }),
    }),
  ];
}
