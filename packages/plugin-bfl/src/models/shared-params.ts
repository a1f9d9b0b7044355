import { mediaTypeForExtension, safetyControl, vocabulary } from '@genhub/provider';
import { z } from 'zod';

/** BFL's two output formats; JPEG unless a model's reference says otherwise. */
export const outputFormat = (fallback: 'jpeg' | 'png') =>
  z.enum(['jpeg', 'png']).default(fallback).describe('Image file format');

/**
 * How strict BFL's input and output moderation is: 0 is the strictest, 2 BFL's default. A safety
 * control: `strict` 0, `standard` 2, `mature` the model's most tolerant value.
 */
export const safetyTolerance = (max: 5 | 6) =>
  safetyControl(
    z
      .number()
      .int()
      .min(0)
      .max(max)
      .default(2)
      .describe(`Moderation tolerance, 0 (strictest) to ${max} (least strict)`),
    { strict: 0, standard: 2, mature: max },
  );

/** BFL rewrites the prompt for a more creative result. */
export const promptUpsampling = (fallback: boolean) =>
  z.boolean().default(fallback).describe('Let BFL expand the prompt');

/** FLUX.1 models take an aspect ratio between 21:9 and 9:21. */
export const wideToTallRatio = vocabulary.aspectRatio.refine((ratio) => {
  const { width, height } = sides(ratio);
  return width > 0 && height > 0 && width / height <= 21 / 9 && height / width <= 21 / 9;
}, 'Use an aspect ratio between 21:9 and 9:21');

function sides(ratio: string): { width: number; height: number } {
  const [width = '0', height = '0'] = ratio.split(':');
  return { width: Number(width), height: Number(height) };
}

/** The media type of the sample BFL produces in this format. */
export function mediaTypeOf(format: 'jpeg' | 'png'): string | undefined {
  return mediaTypeForExtension(format, 'image');
}
