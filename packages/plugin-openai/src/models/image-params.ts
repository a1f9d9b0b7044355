import { mediaInput, safetyControl, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import {
  CUSTOM_SIZE_LIMITS,
  type ImageModelEntry,
  MAX_EDIT_IMAGES,
  MAX_IMAGES_PER_REQUEST,
  PROMPT_MAX_LENGTH,
  STANDARD_SIZES,
} from './image-catalogue.js';

/** Whether `WIDTHxHEIGHT` is within gpt-image-2's limits. */
function isCustomSize(size: string): boolean {
  const match = /^(\d{2,4})x(\d{2,4})$/.exec(size);
  if (!match) return false;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const { multiple, maxRatio, maxEdge, maxPixels } = CUSTOM_SIZE_LIMITS;
  return (
    width % multiple === 0 &&
    height % multiple === 0 &&
    Math.max(width, height) <= maxEdge &&
    width * height <= maxPixels &&
    Math.max(width, height) / Math.min(width, height) <= maxRatio
  );
}

/** A GPT Image model's parameters: one schema for generating (no `images`) and editing (with them). */
export function imageParams(entry: ImageModelEntry) {
  const size = entry.customSizes
    ? z
        .string()
        .refine(
          (value) => (STANDARD_SIZES as readonly string[]).includes(value) || isCustomSize(value),
          'Use auto or WIDTHxHEIGHT: multiples of 16, at most 3840x2160, between 1:3 and 3:1',
        )
    : z.enum(STANDARD_SIZES);
  return z
    .object({
      prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH),
      images: vocabulary.images.max(MAX_EDIT_IMAGES).optional().describe('Images to edit or combine'),
      mask: mediaInput
        .optional()
        .describe('A PNG whose transparent areas mark where the first image is edited'),
      size: size.default('auto').describe('Size, WIDTHxHEIGHT or auto'),
      aspectRatio: vocabulary.aspectRatio.optional().describe('Aspect ratio, W:H, when no size is given'),
      quality: z.enum(['low', 'medium', 'high', 'auto']).default('auto').describe('Quality'),
      background: z.enum(['auto', 'transparent', 'opaque']).default('auto').describe('Background'),
      outputFormat: z.enum(['png', 'jpeg', 'webp']).default('png').describe('File format'),
      outputCompression: z
        .number()
        .int()
        .min(0)
        .max(100)
        .optional()
        .describe('Compression, 0-100 (jpeg, webp)'),
      // `low` is OpenAI's less restrictive filtering; its usage policies apply at every level.
      moderation: safetyControl(
        z.enum(['auto', 'low']).default('auto').describe('Moderation level (generation)'),
        { strict: 'auto', standard: 'auto', mature: 'low' },
      ),
      quantity: vocabulary.quantity.max(MAX_IMAGES_PER_REQUEST).default(1),
      ...(entry.inputFidelity
        ? {
            inputFidelity: z.enum(['low', 'high']).optional().describe('How closely an edit keeps the input'),
          }
        : {}),
    })
    .superRefine((params, context) => {
      if (params.background === 'transparent' && params.outputFormat === 'jpeg') {
        context.addIssue({
          code: 'custom',
          path: ['background'],
          message: 'A transparent background needs png or webp',
        });
      }
      if (params.outputCompression !== undefined && params.outputFormat === 'png') {
        context.addIssue({
          code: 'custom',
          path: ['outputCompression'],
          message: 'Compression applies to jpeg and webp only',
        });
      }
      if (params.aspectRatio !== undefined && params.size !== 'auto') {
        context.addIssue({
          code: 'custom',
          path: ['aspectRatio'],
          message: 'Give a size or an aspect ratio, not both',
        });
      }
      if (params.mask !== undefined && params.images === undefined) {
        context.addIssue({ code: 'custom', path: ['mask'], message: 'A mask needs an image to edit' });
      }
    });
}

export type ImageParams = z.output<ReturnType<typeof imageParams>>;
