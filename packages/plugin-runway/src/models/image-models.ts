import { defineModel, jsonBody, type MediaInput, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { MediaUri } from '../media/media-uri.js';
import { CREDITS, IMAGE_SIZES, imageResolution, PROMPT_MAX, ratioOf, SEED_MAX } from './catalogue.js';
import {
  creditsPrice,
  type ModelDeps,
  missingInput,
  moderation,
  publicFigureThreshold,
} from './model-deps.js';

const common = {
  prompt: vocabulary.prompt.max(PROMPT_MAX),
  /** One of IMAGE_SIZES; core turns an `aspectRatio` into the nearest. */
  width: vocabulary.width.default(1920),
  height: vocabulary.height.default(1080),
  seed: vocabulary.seed.max(SEED_MAX).optional(),
  publicFigureThreshold,
};

/** Reference images as Runway's `referenceImages`; a prompt can name them `@ref1`, `@ref2`, `@ref3`. */
async function references(images: readonly MediaInput[] | undefined, media: MediaUri, signal: AbortSignal) {
  if (images === undefined) return undefined;
  return Promise.all(
    images.map(async (image, index) => ({
      uri: await media(image, 'images', signal),
      tag: `ref${index + 1}`,
    })),
  );
}

/** Gen-4 Image: text-to-image, with up to three reference images. */
export function gen4Image({ api, media }: ModelDeps) {
  return defineModel({
    id: 'runway/gen4_image',
    name: 'Runway Gen-4 Image',
    description: 'Images from text, with up to three references, at 720p or 1080p',
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params: z.object({ ...common, images: vocabulary.images.max(3).optional() }),
    sizes: { presets: IMAGE_SIZES },
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: 3 },
    estimatePrice: (params) => creditsPrice(CREDITS.gen4Image[imageResolution(params)]),
    example: { prompt: 'a lighthouse at dusk, oil painting' },
    async submit({ params, signal, task }) {
      if (task === 'image-to-image' && params.images === undefined) {
        throw missingInput('images', 'Runway Gen-4 Image', 'image-to-image');
      }
      const body = jsonBody({
        model: 'gen4_image',
        promptText: params.prompt,
        ratio: ratioOf(params),
        referenceImages: await references(params.images, media, signal),
        seed: params.seed,
        contentModeration: moderation(params.publicFigureThreshold),
      });
      return api.start('/v1/text_to_image', body, 'image', signal);
    },
  });
}

/** Gen-4 Image Turbo: always from one to three reference images. */
export function gen4ImageTurbo({ api, media }: ModelDeps) {
  return defineModel({
    id: 'runway/gen4_image_turbo',
    name: 'Runway Gen-4 Image Turbo',
    description: 'Fast images from one to three references and a prompt',
    tasks: ['image-to-image'],
    output: 'image',
    params: z.object({ ...common, images: vocabulary.images.max(3) }),
    sizes: { presets: IMAGE_SIZES },
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: 3 },
    estimatePrice: () => creditsPrice(CREDITS.gen4ImageTurbo.perImage),
    example: {
      prompt: '@ref1 as a watercolour postcard',
      images: [{ url: 'https://example.com/reference.png' }],
    },
    async submit({ params, signal }) {
      const body = jsonBody({
        model: 'gen4_image_turbo',
        promptText: params.prompt,
        ratio: ratioOf(params),
        referenceImages: await references(params.images, media, signal),
        seed: params.seed,
        contentModeration: moderation(params.publicFigureThreshold),
      });
      return api.start('/v1/text_to_image', body, 'image', signal);
    },
  });
}
