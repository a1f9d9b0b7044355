import { vocabulary } from '@genhub/provider';
import { z } from 'zod';
import {
  MAX_IMAGES_PER_REQUEST,
  PROMPT_MAX_LENGTH,
  V3_ASPECT_RATIOS,
  V3_RASTER_STYLES,
  V3_VECTOR_STYLES,
  V4_ASPECT_RATIOS,
} from './catalogue.js';

/** A colour as Recraft takes it: red, green and blue, 0 to 255 each. */
const channel = z.number().int().min(0).max(255);
const rgbColor = z.tuple([channel, channel, channel]).describe('A colour as [red, green, blue], 0 to 255');

/** What every generation model takes. */
const common = {
  quantity: vocabulary.quantity.max(MAX_IMAGES_PER_REQUEST).default(1),
  colors: z.array(rgbColor).min(1).max(10).optional().describe('Preferred colours, each [red, green, blue]'),
  backgroundColor: rgbColor.optional().describe('Background colour as [red, green, blue]'),
  noText: z.boolean().optional().describe('Keep text out of the image'),
  styleId: z.uuid().optional().describe('A custom style made in Recraft (its id)'),
};

/** Recraft V4 and V4.1: aspect ratios, colours and custom styles; no base styles. */
export const v4Params = z.object({
  prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH.v4),
  aspectRatio: z.enum(V4_ASPECT_RATIOS).default('1:1').describe('Aspect ratio, W:H'),
  ...common,
});

const v3Shape = {
  prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH.v3),
  aspectRatio: z.enum(V3_ASPECT_RATIOS).default('1:1').describe('Aspect ratio, W:H'),
  artisticLevel: z.number().int().min(0).max(5).optional().describe('0 keeps to the prompt, 5 is bolder'),
  seed: vocabulary.seed.max(2 ** 32 - 1).optional(),
  ...common,
};

/** Recraft V3 with a base style and a substyle of that style, or a custom style, never both. */
function v3Params<Styles extends Readonly<Record<string, readonly string[]>>>(styles: Styles) {
  const names = Object.keys(styles) as [string, ...string[]];
  const substyles = [...new Set(Object.values(styles).flat())] as [string, ...string[]];
  return z
    .object({
      ...v3Shape,
      style: z.enum(names).optional().describe('Base style'),
      substyle: z.enum(substyles).optional().describe('Substyle of the base style'),
    })
    .superRefine((params, context) => {
      if (params.style !== undefined && params.styleId !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['styleId'],
          message: 'Give a style or a styleId, not both',
        });
      }
      if (params.substyle === undefined) return;
      const style = params.style;
      if (style === undefined) {
        context.addIssue({ code: 'custom', path: ['substyle'], message: 'A substyle needs its style' });
      } else if (!(styles[style] ?? []).includes(params.substyle)) {
        context.addIssue({ code: 'custom', path: ['substyle'], message: `Not a substyle of ${style}` });
      }
    });
}

export const v3RasterParams = v3Params(V3_RASTER_STYLES);
export const v3VectorParams = v3Params(V3_VECTOR_STYLES);
