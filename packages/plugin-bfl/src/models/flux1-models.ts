import { defineModel, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { BflApi } from '../bfl-api.js';
import { inputImageFields, requireImagesForEdit } from '../input-images.js';
import { creditsPrice } from '../pricing.js';
import { outputFormat, promptUpsampling, safetyTolerance, wideToTallRatio } from './shared-params.js';
import { submitTask } from './submit-task.js';

/*
 * The FLUX.1 generation BFL still offers: Kontext (editing with up to 4 reference images; BFL now
 * calls it legacy and recommends FLUX.2 for editing), FLUX1.1 [pro] and FLUX1.1 [pro] Ultra. Each
 * costs a flat number of credits per image (docs.bfl.ai/quick_start/pricing).
 */

const kontextParams = z.object({
  prompt: vocabulary.prompt,
  images: vocabulary.images.max(4).optional(),
  aspectRatio: wideToTallRatio.optional(),
  seed: vocabulary.seed.optional(),
  safetyTolerance: safetyTolerance(6),
  outputFormat: outputFormat('png'),
  promptUpsampling: promptUpsampling(false),
});

function kontextModel(api: BflApi, endpoint: string, name: string, credits: number): TypedModel {
  return defineModel({
    id: `bfl/${endpoint}`,
    name,
    description: `${name}: in-context image editing with up to 4 reference images (legacy; FLUX.2 edits better).`,
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params: kontextParams,
    limits: { maxInputImages: 4 },
    estimatePrice: () => creditsPrice(credits, true),
    example: { prompt: 'a watercolour fox in a snowy forest', aspectRatio: '4:3' },
    async submit({ params: p, task, signal }) {
      requireImagesForEdit(task, p.images);
      const body = jsonBody({
        prompt: p.prompt,
        ...inputImageFields(p.images),
        aspect_ratio: p.aspectRatio,
        seed: p.seed,
        safety_tolerance: p.safetyTolerance,
        output_format: p.outputFormat,
        prompt_upsampling: p.promptUpsampling,
      });
      return submitTask(api, { endpoint, body, format: p.outputFormat, signal });
    },
  });
}

/** FLUX1.1 [pro]: edges from 256 to 1440 px in steps of 32. */
const proEdge = (what: 'Width' | 'Height', fallback: number) =>
  z.number().int().min(256).max(1440).multipleOf(32).default(fallback).describe(`${what} in pixels`);

function fluxPro11Model(api: BflApi): TypedModel {
  return defineModel({
    id: 'bfl/flux-pro-1.1',
    name: 'FLUX1.1 [pro]',
    description: 'FLUX1.1 [pro]: fast, reliable text-to-image up to 1440 px a side.',
    tasks: ['text-to-image'],
    output: 'image',
    params: z.object({
      prompt: vocabulary.prompt,
      width: proEdge('Width', 1024),
      height: proEdge('Height', 768),
      seed: vocabulary.seed.optional(),
      safetyTolerance: safetyTolerance(6),
      outputFormat: outputFormat('jpeg'),
      promptUpsampling: promptUpsampling(false),
    }),
    sizes: {
      range: { minWidth: 256, maxWidth: 1440, minHeight: 256, maxHeight: 1440, step: 32 },
      presets: [
        { label: '1:1', width: 1024, height: 1024 },
        { label: '4:3', width: 1024, height: 768 },
        { label: '16:9', width: 1344, height: 768 },
        { label: '9:16', width: 768, height: 1344 },
      ],
    },
    estimatePrice: () => creditsPrice(4, true),
    example: { prompt: 'a futuristic city skyline at sunset' },
    async submit({ params: p, signal }) {
      const body = jsonBody({
        prompt: p.prompt,
        width: p.width,
        height: p.height,
        seed: p.seed,
        safety_tolerance: p.safetyTolerance,
        output_format: p.outputFormat,
        prompt_upsampling: p.promptUpsampling,
      });
      return submitTask(api, { endpoint: 'flux-pro-1.1', body, format: p.outputFormat, signal });
    },
  });
}

function fluxUltraModel(api: BflApi): TypedModel {
  return defineModel({
    id: 'bfl/flux-pro-1.1-ultra',
    name: 'FLUX1.1 [pro] Ultra',
    description: 'FLUX1.1 [pro] Ultra: 4-megapixel text-to-image, with a raw mode for a natural look.',
    tasks: ['text-to-image'],
    output: 'image',
    params: z.object({
      prompt: vocabulary.prompt,
      aspectRatio: wideToTallRatio.default('16:9'),
      raw: z.boolean().default(false).describe('Less processed, more natural-looking images'),
      seed: vocabulary.seed.optional(),
      safetyTolerance: safetyTolerance(6),
      outputFormat: outputFormat('jpeg'),
      promptUpsampling: promptUpsampling(false),
    }),
    estimatePrice: () => creditsPrice(6, true),
    example: { prompt: 'a mountain lake at dawn, wide landscape', raw: true },
    async submit({ params: p, signal }) {
      const body = jsonBody({
        prompt: p.prompt,
        aspect_ratio: p.aspectRatio,
        raw: p.raw,
        seed: p.seed,
        safety_tolerance: p.safetyTolerance,
        output_format: p.outputFormat,
        prompt_upsampling: p.promptUpsampling,
      });
      return submitTask(api, { endpoint: 'flux-pro-1.1-ultra', body, format: p.outputFormat, signal });
    },
  });
}

/** Kontext [pro] and [max], FLUX1.1 [pro] and its Ultra mode. */
export function flux1Models(api: BflApi): TypedModel[] {
  return [
    kontextModel(api, 'flux-kontext-pro', 'FLUX.1 Kontext [pro]', 4),
    kontextModel(api, 'flux-kontext-max', 'FLUX.1 Kontext [max]', 8),
    fluxPro11Model(api),
    fluxUltraModel(api),
  ];
}
