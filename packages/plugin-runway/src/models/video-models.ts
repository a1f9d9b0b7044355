import { defineModel, jsonBody, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import {
  CREDITS,
  isPreset,
  PROMPT_MAX,
  ratioOf,
  SEED_MAX,
  TEXT_TO_VIDEO_SIZES,
  VIDEO_SIZES,
} from './catalogue.js';
import {
  creditsPrice,
  type ModelDeps,
  missingInput,
  moderation,
  publicFigureThreshold,
} from './model-deps.js';

const common = {
  /** One of VIDEO_SIZES; core turns an `aspectRatio` into the nearest. */
  width: vocabulary.width.default(1280),
  height: vocabulary.height.default(720),
  /** Whole seconds, 2 to 10 (sdk-node image-to-video.ts). */
  duration: vocabulary.duration.int().min(2).max(10).default(5),
  seed: vocabulary.seed.max(SEED_MAX).optional(),
  /** `low` lets recognisable public figures through Runway's moderation more often. */
  publicFigureThreshold,
};

/** Gen-4 Turbo: image-to-video only, a first frame and an optional prompt. */
export function gen4Turbo({ api, media }: ModelDeps) {
  return defineModel({
    id: 'runway/gen4_turbo',
    name: 'Runway Gen-4 Turbo',
    description: 'Fast image-to-video, 2 to 10 seconds at 720p',
    tasks: ['image-to-video'],
    output: 'video',
    params: z.object({
      prompt: vocabulary.prompt.max(PROMPT_MAX).optional(),
      images: vocabulary.images.max(1),
      ...common,
    }),
    sizes: { presets: VIDEO_SIZES },
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: 1 },
    estimatePrice: ({ duration }) => creditsPrice(CREDITS.gen4Turbo.perSecond * duration),
    timeouts: { deadlineMs: 20 * 60_000 },
    example: {
      prompt: 'the camera slowly pushes in as leaves drift past',
      images: [{ url: 'https://example.com/first-frame.png' }],
    },
    async submit({ params, signal }) {
      const [image] = params.images;
      if (image === undefined) throw missingInput('images', 'Runway Gen-4 Turbo', 'image-to-video');
      const body = jsonBody({
        model: 'gen4_turbo',
        promptImage: await media(image, 'images', signal),
        promptText: params.prompt,
        ratio: ratioOf(params),
        duration: params.duration,
        seed: params.seed,
        contentModeration: moderation(params.publicFigureThreshold),
      });
      return api.start('/v1/image_to_video', body, 'video', signal);
    },
  });
}

/** Gen-4.5: text-to-video (16:9 or 9:16) and image-to-video; the prompt is required. */
export function gen45({ api, media }: ModelDeps) {
  return defineModel({
    id: 'runway/gen4.5',
    name: 'Runway Gen-4.5',
    description: 'Text-to-video and image-to-video, 2 to 10 seconds at 720p',
    tasks: ['text-to-video', 'image-to-video'],
    output: 'video',
    params: z
      .object({
        prompt: vocabulary.prompt.max(PROMPT_MAX),
        images: vocabulary.images.max(1).optional(),
        ...common,
      })
      .refine((params) => params.images !== undefined || isPreset(TEXT_TO_VIDEO_SIZES, params), {
        path: ['width'],
        message: `Without an image, use ${TEXT_TO_VIDEO_SIZES.map(ratioOf).join(' or ')} (16:9 or 9:16)`,
      }),
    sizes: { presets: VIDEO_SIZES },
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: 1 },
    estimatePrice: ({ duration }) => creditsPrice(CREDITS.gen45.perSecond * duration),
    timeouts: { deadlineMs: 20 * 60_000 },
    example: { prompt: 'a paper boat sails down a rainy street, cinematic' },
    async submit({ params, signal, task }) {
      const [image] = params.images ?? [];
      if (task === 'image-to-video' && image === undefined) {
        throw missingInput('images', 'Runway Gen-4.5', 'image-to-video');
      }
      const body = jsonBody({
        model: 'gen4.5',
        promptImage: image === undefined ? undefined : await media(image, 'images', signal),
        promptText: params.prompt,
        ratio: ratioOf(params),
        duration: params.duration,
        seed: params.seed,
        contentModeration: moderation(params.publicFigureThreshold),
      });
      const path = image === undefined ? '/v1/text_to_video' : '/v1/image_to_video';
      return api.start(path, body, 'video', signal);
    },
  });
}
