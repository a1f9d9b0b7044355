import { defineModel, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramApi } from '../ideogram-api.js';
import type { ImageFiles } from '../image-files.js';
import { imagePrice } from '../pricing.js';
import { appendFields, appendStyle, checkStyleChoice, ideogramParams, invalid } from './ideogram-params.js';

const params = z.object({
  prompt: vocabulary.prompt,
  images: vocabulary.images.max(1).optional().describe('The image to remix'),
  imageWeight: z.number().int().min(1).max(100).default(50).describe('How much of the image to keep, 1-100'),
  ...ideogramParams,
});

/**
 * Ideogram 3.0: text-to-image through `POST /v1/ideogram-v3/generate`, and image-to-image (a remix
 * of one image) through `POST /v1/ideogram-v3/remix`. Both are multipart and answer with the images.
 */
export function v3Model(api: IdeogramApi, files: ImageFiles): TypedModel {
  return defineModel({
    id: 'ideogram/ideogram-v3',
    name: 'Ideogram 3.0',
    description:
      'Ideogram 3.0: images with strong typography; remixes an image given one. Style presets and references.',
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params,
    limits: { maxQuantity: 8, maxInputImages: 1 },
    estimatePrice: (p) => imagePrice(p.renderingSpeed, p.quantity, p.characterImage !== undefined),
    example: {
      prompt: 'a retro travel poster that says "VISIT MARS"',
      aspectRatio: '3:4',
      style: 'TRAVEL_POSTER',
    },
    async submit({ params: p, task, signal }) {
      checkStyleChoice(p);
      const image = p.images?.[0];
      if (task === 'image-to-image' && image === undefined) {
        throw invalid('images', 'A remix needs the image to remix in `images`.');
      }
      const form = new FormData();
      if (image !== undefined) {
        const file = await files(image, 'images[0]', signal);
        form.append('image', file.blob, file.name);
      }
      appendFields(form, {
        prompt: p.prompt,
        image_weight: image === undefined ? undefined : p.imageWeight,
        seed: p.seed,
        aspect_ratio: p.aspectRatio,
        rendering_speed: p.renderingSpeed,
        negative_prompt: p.negativePrompt,
        num_images: p.quantity,
      });
      await appendStyle(form, p, files, signal);
      const path = image === undefined ? '/v1/ideogram-v3/generate' : '/v1/ideogram-v3/remix';
      return api.images(path, form, signal);
    },
  });
}
