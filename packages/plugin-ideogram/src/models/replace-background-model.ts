import { defineModel, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramApi } from '../ideogram-api.js';
import type { ImageFiles } from '../image-files.js';
import { imagePrice } from '../pricing.js';
import { appendFields, appendStyle, checkStyleChoice, ideogramParams } from './ideogram-params.js';

const { seed, quantity, renderingSpeed, magicPrompt, style, styleCodes, styleImages } = ideogramParams;
const params = z.object({
  prompt: vocabulary.prompt.describe('The new background'),
  images: vocabulary.images.max(1).describe('The image whose background to replace'),
  seed,
  quantity,
  renderingSpeed,
  magicPrompt,
  style,
  styleCodes,
  styleImages,
});

/** Ideogram 3.0 Replace Background (`POST /v1/ideogram-v3/replace-background`): keeps the subject. */
export function replaceBackgroundModel(api: IdeogramApi, files: ImageFiles): TypedModel {
  return defineModel({
    id: 'ideogram/ideogram-v3-replace-background',
    name: 'Ideogram 3.0 Replace Background',
    description: 'Ideogram 3.0: keeps the subject of a photo and paints a new background from the prompt.',
    tasks: ['image-to-image'],
    output: 'image',
    params,
    limits: { maxQuantity: 8, maxInputImages: 1 },
    estimatePrice: (p) => imagePrice(p.renderingSpeed, p.quantity, false),
    async submit({ params: p, signal }) {
      checkStyleChoice(p);
      const form = new FormData();
      const image = await files(p.images[0]!, 'images[0]', signal);
      form.append('image', image.blob, image.name);
      appendFields(form, {
        prompt: p.prompt,
        seed: p.seed,
        rendering_speed: p.renderingSpeed,
        num_images: p.quantity,
      });
      await appendStyle(form, p, files, signal);
      return api.images('/v1/ideogram-v3/replace-background', form, signal);
    },
  });
}
