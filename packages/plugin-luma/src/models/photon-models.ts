import { defineModel, jsonBody, mediaTypeForExtension, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import {
  ASPECT_RATIOS,
  imagePrice,
  MAX_CHARACTER_IMAGES,
  MAX_IMAGE_REFS,
  type PhotonModel,
  PROMPT_MAX,
  PROMPT_MIN,
} from './catalogue.js';
import { imageLink } from './image-link.js';
import { type ModelDeps, missingInput } from './model-deps.js';

/** How strongly a reference steers the image, 0 to 1. */
const weight = z.number().min(0).max(1);

/** Photon's parameters (lumaai-node `ImageCreateParams`). */
const photonParams = z.object({
  prompt: vocabulary.prompt.min(PROMPT_MIN).max(PROMPT_MAX),
  aspectRatio: z.enum(ASPECT_RATIOS).default('16:9'),
  /** Images to draw from (`image_ref`). */
  images: z.array(imageLink).min(1).max(MAX_IMAGE_REFS).optional(),
  imageWeight: weight.optional(),
  /** An image whose style to take (`style_ref`). */
  styleImage: imageLink.optional(),
  styleWeight: weight.optional(),
  /** Photos of one person to keep consistent (`character_ref.identity0`). */
  characterImages: z.array(imageLink).min(1).max(MAX_CHARACTER_IMAGES).optional(),
  /** An image to edit as the prompt says (`modify_image_ref`). */
  modifyImage: imageLink.optional(),
  modifyWeight: weight.optional(),
  format: z.enum(['jpg', 'png']).default('jpg'),
});

/** A Photon image model: text to image, steered by reference, style, character or an image to edit. */
function photonModel(model: PhotonModel, name: string, description: string, { api }: ModelDeps) {
  return defineModel({
    id: `luma/${model}`,
    name,
    description,
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params: photonParams,
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: MAX_IMAGE_REFS },
    estimatePrice: () => imagePrice(model),
    example: { prompt: 'a lighthouse at dusk, oil painting' },
    async submit({ params, task, signal }) {
      const referenced = params.images ?? params.styleImage ?? params.characterImages ?? params.modifyImage;
      if (task === 'image-to-image' && referenced === undefined) throw missingInput('images', name, task);
      const body = jsonBody({
        generation_type: 'image',
        model,
        prompt: params.prompt,
        aspect_ratio: params.aspectRatio,
        format: params.format,
        image_ref: params.images?.map(({ url }) => ({ url, weight: params.imageWeight })),
        style_ref: params.styleImage && [{ url: params.styleImage.url, weight: params.styleWeight }],
        character_ref: params.characterImages && {
          identity0: { images: params.characterImages.map(({ url }) => url) },
        },
        modify_image_ref: params.modifyImage && { url: params.modifyImage.url, weight: params.modifyWeight },
      });
      const mediaType = mediaTypeForExtension(params.format) ?? 'image/jpeg';
      return api.start('/generations/image', body, { output: 'image', mediaType }, signal);
    },
  });
}

export const photon1 = (deps: ModelDeps) =>
  photonModel('photon-1', 'Luma Photon 1', 'Images from text, references, a style or a character', deps);

export const photonFlash1 = (deps: ModelDeps) =>
  photonModel('photon-flash-1', 'Luma Photon Flash 1', 'Fast, cheap Photon images', deps);
