import { defineModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WorkerBackend } from '../wire/worker-backend.js';
import type { WorkerJob } from '../wire/worker-job.js';
import { WORKERS } from '../workers/catalogue.js';
import { NO_CHARGE } from './price.js';

/** SVG Turbo: an SVG drawing from a prompt, on a small GPU. */
export const svgTurbo = (backend: WorkerBackend) =>
  defineModel({
    id: 'local/svg-turbo',
    name: WORKERS['svg-turbo'].name,
    description: 'SVG Turbo on your own GPU (port 8008 by default): SVG drawings from a prompt.',
    tasks: ['text-to-vector'],
    output: 'vector',
    params: z.object({
      prompt: vocabulary.prompt.max(1000),
      seed: vocabulary.seed.max(2 ** 32 - 1).optional(),
    }),
    limits: { promptMaxLength: 1000, maxQuantity: 1 },
    estimatePrice: () => NO_CHARGE,
    example: { prompt: 'a flat icon of a paper plane' },
    submit({ params, task, ...options }) {
      const job: WorkerJob = { task, model: 'svg-turbo', prompt: params.prompt, seed: params.seed };
      return backend.submit(job, options);
    },
  });
