import { defineModel, mediaInput, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramApi } from '../ideogram-api.js';
import type { ImageFiles } from '../image-files.js';
import { imagePrice } from '../pricing.js';
import { appendFields, appendStyle, checkStyleChoice, ideogramParams } from './ideogram-params.js';

const { aspectRatio: _ratio, negativePrompt: _negative, ...shared } = ideogramParams;
const params = z.object({
  prompt: vocabulary.prompt,
  images: vocabulary.images.max(1).describe('The image to edit'),
  mask: mediaInput.describe(
    'Black where the image should change, white where it stays; the same size as the image',
  ),
  ...shared,
});

/** Ideogram 3.0 Edit (`POST /v1/ideogram-v3/edit`): repaints the masked part of an image. */
export function editModel(api: IdeogramApi, files: ImageFiles): TypedModel {
  return defineModel({
    id: 'ideogram/ideogram-v3-edit',
    name: 'Ideogram 3.0 Edit',
    description: 'Ideogram 3.0 inpainting: changes the part of an image a black-and-white mask marks.',
    tasks: ['image-to-image'],
    output: 'image',
    params,
    limits: { maxQuantity: 8, maxInputImages: 1 },
    estimatePrice: (p) => imagePrice(p.renderingSpeed, p.quantity, p.characterImage !== undefined),
    async submit({ params: p, signal }) {
      checkStyleChoice(p);
      const form = new FormData();
      const image = await files(p.images[0]!, 'images[0]', signal);
      const mask = await files(p.mask, 'mask', signal);
      form.append('image', image.blob, image.name);
      form.append('mask', mask.blob, mask.name);
      appendFields(form, {
        prompt: p.prompt,
        seed: p.seed,
        rendering_speed: p.renderingSpeed,
        num_images: p.quantity,
      });
      await appendStyle(form, p, files, signal);
      return api.images('/v1/ideogram-v3/edit', form, signal);
    },
  });
}
