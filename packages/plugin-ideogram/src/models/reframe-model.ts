import { defineModel, type SizePreset, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramApi } from '../ideogram-api.js';
import type { ImageFiles } from '../image-files.js';
import { imagePrice } from '../pricing.js';
import { appendFields, appendStyle, checkStyleChoice, ideogramParams } from './ideogram-params.js';

/** The output resolutions Ideogram 3.0 supports (its `resolution` enum). */
const RESOLUTIONS = [
  '512x1536',
  '576x1408',
  '576x1472',
  '576x1536',
  '640x1344',
  '640x1408',
  '640x1472',
  '640x1536',
  '704x1152',
  '704x1216',
  '704x1280',
  '704x1344',
  '704x1408',
  '704x1472',
  '736x1312',
  '768x1088',
  '768x1216',
  '768x1280',
  '768x1344',
  '800x1280',
  '832x960',
  '832x1024',
  '832x1088',
  '832x1152',
  '832x1216',
  '832x1248',
  '864x1152',
  '896x960',
  '896x1024',
  '896x1088',
  '896x1120',
  '896x1152',
  '960x832',
  '960x896',
  '960x1024',
  '960x1088',
  '1024x832',
  '1024x896',
  '1024x960',
  '1024x1024',
  '1088x768',
  '1088x832',
  '1088x896',
  '1088x960',
  '1120x896',
  '1152x704',
  '1152x832',
  '1152x864',
  '1152x896',
  '1216x704',
  '1216x768',
  '1216x832',
  '1248x832',
  '1280x704',
  '1280x768',
  '1280x800',
  '1312x736',
  '1344x640',
  '1344x704',
  '1344x768',
  '1408x576',
  '1408x640',
  '1408x704',
  '1472x576',
  '1472x640',
  '1472x704',
  '1536x512',
  '1536x576',
  '1536x640',
] as const;

const PRESETS: SizePreset[] = RESOLUTIONS.map((label) => {
  const [width, height] = label.split('x').map(Number) as [number, number];
  return { label, width, height };
});

const { seed, quantity, renderingSpeed, style, styleCodes, styleImages } = ideogramParams;
const params = z.object({
  images: vocabulary.images.max(1).describe('The image to extend'),
  width: vocabulary.width.default(1024),
  height: vocabulary.height.default(1024),
  seed,
  quantity,
  renderingSpeed,
  style,
  styleCodes,
  styleImages,
});

/**
 * Ideogram 3.0 Reframe (`POST /v1/ideogram-v3/reframe`): extends an image to a new size. The size
 * is one of Ideogram's resolutions; an aspect ratio is turned into the nearest one by GenHub.
 */
export function reframeModel(api: IdeogramApi, files: ImageFiles): TypedModel {
  return defineModel({
    id: 'ideogram/ideogram-v3-reframe',
    name: 'Ideogram 3.0 Reframe',
    description: 'Ideogram 3.0 outpainting: extends an image to another size or aspect ratio.',
    tasks: ['image-to-image'],
    output: 'image',
    params,
    sizes: { presets: PRESETS },
    limits: { maxQuantity: 8, maxInputImages: 1 },
    estimatePrice: (p) => imagePrice(p.renderingSpeed, p.quantity, false),
    async submit({ params: p, signal }) {
      checkStyleChoice(p);
      const form = new FormData();
      const image = await files(p.images[0]!, 'images[0]', signal);
      form.append('image', image.blob, image.name);
      appendFields(form, {
        resolution: `${p.width}x${p.height}`,
        seed: p.seed,
        rendering_speed: p.renderingSpeed,
        num_images: p.quantity,
      });
      await appendStyle(form, p, files, signal);
      return api.images('/v1/ideogram-v3/reframe', form, signal);
    },
  });
}
