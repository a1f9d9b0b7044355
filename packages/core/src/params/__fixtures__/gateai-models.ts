import type { ModelSpec } from '@genhub/provider';
import { vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { fluxDevSizes, geminiFlashImageSizes, gptImage2Sizes } from './gateai-sizes.js';

/** Model specs shaped like GateAI's (docs.txt), for the parameter tests. */

const price = () => ({ usd: 0.01 });

/** flux-dev: a size range, a mode enum, numeric extras with limits. */
export const fluxDev: ModelSpec = {
  id: 'gateai/flux-dev',
  name: 'Flux Dev',
  tasks: ['text-to-image'],
  output: 'image',
  params: z.object({
    prompt: vocabulary.prompt,
    mode: z.enum(['FAST', 'ULTRA']).default('FAST'),
    seed: vocabulary.seed.max(2147483637).optional(),
    width: vocabulary.width.default(1024),
    height: vocabulary.height.default(1024),
    quantity: vocabulary.quantity.default(1),
    guidance_scale: z.number().min(1).max(10).default(3.5),
    num_inference_steps: z.number().int().min(1).max(40).default(28),
  }),
  sizes: fluxDevSizes,
  limits: { promptMaxLength: 1500, maxQuantity: 8 },
  estimatePrice: price,
};

/** gemini-2.5-flash-image: presets only, input images. */
export const geminiFlashImage: ModelSpec = {
  id: 'gateai/gemini-2.5-flash-image',
  name: 'Gemini 2.5 Flash Image',
  tasks: ['text-to-image', 'image-to-image'],
  output: 'image',
  params: z.object({
    prompt: vocabulary.prompt,
    seed: vocabulary.seed.max(2147483638).optional(),
    width: vocabulary.width.default(1024),
    height: vocabulary.height.default(1024),
    quantity: vocabulary.quantity.default(1),
    images: vocabulary.images.optional(),
  }),
  sizes: geminiFlashImageSizes,
  limits: { promptMaxLength: 1500, maxQuantity: 8, maxInputImages: 3 },
  estimatePrice: price,
};

/** gpt-image-2: a range with presets as suggestions, and a quality enum. */
export const gptImage2: ModelSpec = {
  id: 'gateai/gpt-image-2',
  name: 'GPT Image 2',
  tasks: ['text-to-image'],
  output: 'image',
  params: z.object({
    prompt: vocabulary.prompt,
    width: vocabulary.width.default(1024),
    height: vocabulary.height.default(1024),
    quality: z.enum(['high', 'medium', 'low']).default('low'),
    quantity: vocabulary.quantity.default(1),
  }),
  sizes: gptImage2Sizes,
  estimatePrice: price,
};

/** A video model that takes an aspect ratio from a list, not sizes. */
export const veoLike: ModelSpec = {
  id: 'test/veo-like',
  name: 'Veo Like',
  tasks: ['text-to-video'],
  output: 'video',
  params: z.object({
    prompt: vocabulary.prompt,
    aspectRatio: z.enum(['16:9', '9:16', '1:1']).default('16:9'),
    duration: z.union([z.literal(4), z.literal(6), z.literal(8)]).default(8),
  }),
  estimatePrice: price,
};
