import { defineModel, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramApi } from '../ideogram-api.js';
import type { ImageFiles } from '../image-files.js';
import { UPSCALE_USD } from '../pricing.js';
import { ideogramParams } from './ideogram-params.js';

const params = z.object({
  images: vocabulary.images.max(1).describe('The image to upscale'),
  prompt: vocabulary.prompt.optional().describe('What the image shows, to guide the upscale'),
  resemblance: z.number().int().min(1).max(100).default(50).describe('How close to stay to the image, 1-100'),
  detail: z.number().int().min(1).max(100).default(50).describe('How much detail to add, 1-100'),
  magicPrompt: ideogramParams.magicPrompt,
  seed: ideogramParams.seed,
  quantity: ideogramParams.quantity,
});

/**
 * Ideogram Upscale (`POST /upscale`): the image as `image_file`, the settings as an `image_request`
 * JSON field, up to twice the resolution.
 */
export function upscaleModel(api: IdeogramApi, files: ImageFiles): TypedModel {
  return defineModel({
    id: 'ideogram/upscale',
    name: 'Ideogram Upscale',
    description: "Ideogram's upscaler: up to twice the resolution, optionally guided by a prompt.",
    tasks: ['upscale'],
    output: 'image',
    params,
    limits: { maxQuantity: 8, maxInputImages: 1 },
    estimatePrice: (p) => ({ usd: Math.round(UPSCALE_USD * p.quantity * 1000) / 1000, approximate: true }),
    async submit({ params: p, signal }) {
      const form = new FormData();
      const image = await files(p.images[0]!, 'images[0]', signal);
      form.append('image_file', image.blob, image.name);
      const request = {
        ...(p.prompt === undefined ? {} : { prompt: p.prompt }),
        resemblance: p.resemblance,
        detail: p.detail,
        ...(p.magicPrompt === undefined ? {} : { magic_prompt_option: p.magicPrompt }),
        num_images: p.quantity,
        ...(p.seed === undefined ? {} : { seed: p.seed }),
      };
      form.append('image_request', JSON.stringify(request));
      return api.images('/upscale', form, signal);
    },
  });
}
