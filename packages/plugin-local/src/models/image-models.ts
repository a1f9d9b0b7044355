import { defineModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WorkerBackend } from '../wire/worker-backend.js';
import type { WorkerJob } from '../wire/worker-job.js';
import { WORKERS } from '../workers/catalogue.js';
import { NO_CHARGE } from './price.js';

/** The aspect ratios both image workers offer, square first (the default). */
const RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;
type SizeTable = Readonly<Record<(typeof RATIOS)[number], readonly [number, number]>>;

/** Qwen-Image's trained sizes per aspect ratio (QwenLM/Qwen-Image README, "aspect_ratios"). */
const QWEN_SIZES: SizeTable = {
  '1:1': [1328, 1328],
  '16:9': [1664, 928],
  '9:16': [928, 1664],
  '4:3': [1472, 1140],
  '3:4': [1140, 1472],
  '3:2': [1584, 1056],
  '2:3': [1056, 1584],
};

/** Hunyuan Image 3.0's sizes around one megapixel (Tencent-Hunyuan/HunyuanImage-3.0 README). */
const HUNYUAN_SIZES: SizeTable = {
  '1:1': [1024, 1024],
  '16:9': [1280, 720],
  '9:16': [720, 1280],
  '4:3': [1152, 864],
  '3:4': [864, 1152],
  '3:2': [1216, 832],
  '2:3': [832, 1216],
};

/** Both image workers take the same parameters; only their sizes and names differ. */
function imageModel(
  backend: WorkerBackend,
  sizes: SizeTable,
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
      aspectRatio: z.enum(RATIOS).default('1:1'),
      seed: vocabulary.seed.max(2 ** 32 - 1).optional(),
      steps: z.number().int().min(1).max(100).optional().describe('Denoising steps'),
    }),
    limits: { promptMaxLength: options.promptMaxLength, maxQuantity: 1 },
    estimatePrice: () => NO_CHARGE,
    example: { prompt: 'a red fox in fresh snow, morning light' },
    submit({ params, task, ...options }) {
      const [width, height] = sizes[params.aspectRatio];
      const job: WorkerJob = {
        task,
        model: worker,
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
        width,
        height,
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
