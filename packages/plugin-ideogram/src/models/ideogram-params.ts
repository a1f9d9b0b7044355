import { GenHubError, mediaInput, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { ImageFiles } from '../image-files.js';

/*
 * The parameters Ideogram 3.0's endpoints share, with the limits of its API reference
 * (developer.ideogram.ai, "Generate with Ideogram 3.0" and its siblings), and how each goes into
 * the multipart form.
 */

export const RENDERING_SPEEDS = ['FLASH', 'TURBO', 'DEFAULT', 'QUALITY'] as const;
export type RenderingSpeed = (typeof RENDERING_SPEEDS)[number];

export const STYLE_PRESETS = [
  '80S_ILLUSTRATION',
  '90S_NOSTALGIA',
  'ABSTRACT_ORGANIC',
  'ANALOG_NOSTALGIA',
  'ART_BRUT',
  'ART_DECO',
  'ART_POSTER',
  'AURA',
  'AVANT_GARDE',
  'BAUHAUS',
  'BLUEPRINT',
  'BLURRY_MOTION',
  'BRIGHT_ART',
  'C4D_CARTOON',
  'CHILDRENS_BOOK',
  'COLLAGE',
  'COLORING_BOOK_I',
  'COLORING_BOOK_II',
  'CUBISM',
  'DARK_AURA',
  'DOODLE',
  'DOUBLE_EXPOSURE',
  'DRAMATIC_CINEMA',
  'EDITORIAL',
  'EMOTIONAL_MINIMAL',
  'ETHEREAL_PARTY',
  'EXPIRED_FILM',
  'FLAT_ART',
  'FLAT_VECTOR',
  'FOREST_REVERIE',
  'GEO_MINIMALIST',
  'GLASS_PRISM',
  'GOLDEN_HOUR',
  'GRAFFITI_I',
  'GRAFFITI_II',
  'HALFTONE_PRINT',
  'HIGH_CONTRAST',
  'HIPPIE_ERA',
  'ICONIC',
  'JAPANDI_FUSION',
  'JAZZY',
  'LONG_EXPOSURE',
  'MAGAZINE_EDITORIAL',
  'MINIMAL_ILLUSTRATION',
  'MIXED_MEDIA',
  'MONOCHROME',
  'NIGHTLIFE',
  'OIL_PAINTING',
  'OLD_CARTOONS',
  'PAINT_GESTURE',
  'POP_ART',
  'RETRO_ETCHING',
  'RIVIERA_POP',
  'SPOTLIGHT_80S',
  'STYLIZED_RED',
  'SURREAL_COLLAGE',
  'TRAVEL_POSTER',
  'VINTAGE_GEO',
  'VINTAGE_POSTER',
  'WATERCOLOR',
  'WEIRD',
  'WOODBLOCK_PRINT',
] as const;

/** Ideogram 3.0's aspect ratios, written W:H here and WxH on the wire. */
export const ASPECT_RATIOS = [
  '1:3',
  '3:1',
  '1:2',
  '2:1',
  '9:16',
  '16:9',
  '10:16',
  '16:10',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '1:1',
] as const;

export const ideogramParams = {
  seed: vocabulary.seed.max(2_147_483_647).optional(),
  quantity: vocabulary.quantity.max(8).default(1),
  renderingSpeed: z
    .enum(RENDERING_SPEEDS)
    .default('DEFAULT')
    .describe('Faster and cheaper, or slower and better'),
  magicPrompt: z.enum(['AUTO', 'ON', 'OFF']).optional().describe('Let Ideogram rewrite the prompt'),
  styleType: z.enum(['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN', 'FICTION']).optional().describe('Style type'),
  style: z.enum(STYLE_PRESETS).optional().describe('Style preset'),
  styleCodes: z
    .array(z.string().regex(/^[0-9a-fA-F]{8}$/, 'Use 8 hexadecimal characters'))
    .min(1)
    .optional()
    .describe('Style codes, 8 hexadecimal characters each'),
  styleImages: z.array(mediaInput).min(1).max(3).optional().describe('Style reference images'),
  characterImage: mediaInput.optional().describe('One character reference image'),
  characterMask: mediaInput.optional().describe('Mask for the character reference image'),
  negativePrompt: vocabulary.negativePrompt.min(1).optional(),
  /**
   * Written W:H (so GenHub snaps any ratio to the nearest of the list) or as Ideogram writes it
   * (WxH), and sent as WxH; taking both keeps a second parse of the sent value valid.
   */
  aspectRatio: z
    .enum([...ASPECT_RATIOS, ...ASPECT_RATIOS.map((ratio) => ratio.replace(':', 'x'))] as [
      string,
      ...string[],
    ])
    .default('1:1')
    .describe('Aspect ratio')
    .transform((ratio) => ratio.replace(':', 'x')),
};

/** What the style fields of a request hold, as parsed. */
export interface StyleChoice {
  magicPrompt?: 'AUTO' | 'ON' | 'OFF' | undefined;
  styleType?: string | undefined;
  style?: string | undefined;
  styleCodes?: string[] | undefined;
  styleImages?: z.infer<typeof mediaInput>[] | undefined;
  characterImage?: z.infer<typeof mediaInput> | undefined;
  characterMask?: z.infer<typeof mediaInput> | undefined;
}

/** Combinations Ideogram refuses, refused here first, naming the parameter. */
export function checkStyleChoice(choice: StyleChoice): void {
  if (
    choice.styleCodes !== undefined &&
    (choice.styleType !== undefined || choice.styleImages !== undefined)
  ) {
    throw invalid(
      'styleCodes',
      'Style codes cannot be combined with a style type or style images; give only one.',
    );
  }
  if (choice.characterMask !== undefined && choice.characterImage === undefined) {
    throw invalid('characterMask', 'A character mask needs a character image to go with it.');
  }
}

export function invalid(param: string, message: string): GenHubError {
  return new GenHubError('INVALID_INPUT', message, { retryable: false, details: { param } });
}

/** Sets the text fields that are defined; numbers and booleans as their text. */
export function appendFields(
  form: FormData,
  fields: Readonly<Record<string, string | number | boolean | undefined>>,
) {
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
}

/** Adds the style fields and the style and character reference files. */
export async function appendStyle(
  form: FormData,
  choice: StyleChoice,
  files: ImageFiles,
  signal: AbortSignal,
): Promise<void> {
  appendFields(form, {
    magic_prompt: choice.magicPrompt,
    style_type: choice.styleType,
    style_preset: choice.style,
  });
  for (const code of choice.styleCodes ?? []) form.append('style_codes', code);
  for (const [index, image] of (choice.styleImages ?? []).entries()) {
    const file = await files(image, `styleImages[${index}]`, signal);
    form.append('style_reference_images', file.blob, file.name);
  }
  if (choice.characterImage !== undefined) {
    const file = await files(choice.characterImage, 'characterImage', signal);
    form.append('character_reference_images', file.blob, file.name);
  }
  if (choice.characterMask !== undefined) {
    const file = await files(choice.characterMask, 'characterMask', signal);
    form.append('character_reference_images_mask', file.blob, file.name);
  }
}
