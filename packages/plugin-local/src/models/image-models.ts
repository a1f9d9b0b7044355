import { defineModel, type SizePreset, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WorkerBackend } from '../wire/worker-backend.js';
import type { WorkerJob } from '../wire/worker-job.js';
import { WORKERS } from '../workers/catalogue.js';
import { NO_CHARGE } from './price.js';

/** Qwen-Image's sizes per aspect ratio, square (the default) first (QwenLM/Qwen-Image README, `aspect_ratios`). */
const QWEN_SIZES: readonly SizePreset[] = [
  { label: '1:1', width: 1328, height: 1328 },
  { label: '16:9', width: 1664, height: 928 },
  { label: '9:16', width: 928, height: 1664 },
  { label: '4:3', width: 1472, height: 1140 },
  { label: '3:4', width: 1140, height: 1472 },
  { label: '3:2', width: 1584, height: 1056 },
  { label: '2:3', width: 1056, height: 1584 },
];

/**
 * Sizes around one megapixel for Hunyuan Image 3.0, square (the default) first. Its README documents
 * `image_size` as `auto` or any `WxH`; these are our choice, at the ratios GenHub's chat offers.
 */
const HUNYUAN_SIZES: readonly SizePreset[] = [
  { label: '1:1', width: 1024, height: 1024 },
  { label: '16:9', width: 1280, height: 720 },
  { label: '9:16', width: 720, height: 1280 },
  { label: '4:3', width: 1152, height: 864 },
  { label: '3:4', width: 864, height: 1152 },
  { label: '3:2', width: 1216, height: 832 },
  { label: '2:3', width: 832, height: 1216 },
];

/** Both image workers take the same parameters; only their sizes and names differ. */
function imageModel(
  backend: WorkerBackend,
  sizes: readonly SizePreset[],
  options: { description: string; promptMaxLength: number },
) {
  const { worker } = backend.endpoint;
  return defineModel({
    id: `local/${worker}`,
    name: WORKERS[worker].name,
    description: options.description,
    tasks: ['text-to-image'],
    output: 'image',
    params: z.object({
      prompt: vocabulary.prompt.max(options.promptMaxLength),
      negativePrompt: vocabulary.negativePrompt.max(options.promptMaxLength).optional(),
      width: vocabulary.width.default(sizes[0]!.width),
      height: vocabulary.height.default(sizes[0]!.height),
      seed: vocabulary.seed.max(2 ** 32 - 1).optional(),
      steps: z.number().int().min(1).max(100).optional().describe('Denoising steps'),
    }),
    sizes: { presets: sizes },
    limits: { promptMaxLength: options.promptMaxLength, maxQuantity: 1 },
    estimatePrice: () => NO_CHARGE,
    example: { prompt: 'a red fox in fresh snow, morning light' },
    submit({ params, task, ...options }) {
      const job: WorkerJob = {
        task,
        model: worker,
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
        width: params.width,
        height: params.height,
        seed: params.seed,
        steps: params.steps,
      };
      return backend.submit(job, options);
    },
  });
}

export const qwenImage = (backend: WorkerBackend) =>
  imageModel(backend, QWEN_SIZES, {
    description: 'Qwen-Image on your own GPU (worker on port 8004 by default); strong at text in images.',
    promptMaxLength: 2000,
  });

export const hunyuanImage = (backend: WorkerBackend) =>
  imageModel(backend, HUNYUAN_SIZES, {
    description: 'Tencent Hunyuan Image 3.0 on your own GPU (worker on port 8005 by default).',
    promptMaxLength: 2000,
  });
