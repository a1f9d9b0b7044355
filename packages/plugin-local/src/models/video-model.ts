import { defineModel, GenHubError, type SizePreset, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WorkerBackend } from '../wire/worker-backend.js';
import type { WorkerJob } from '../wire/worker-job.js';
import { WORKERS } from '../workers/catalogue.js';
import { NO_CHARGE } from './price.js';

/** HunyuanVideo's recommended 720p sizes, landscape first (Tencent/HunyuanVideo README, resolution table). */
const SIZES: readonly SizePreset[] = [
  { label: '16:9', width: 1280, height: 720 },
  { label: '9:16', width: 720, height: 1280 },
  { label: '4:3', width: 1104, height: 832 },
  { label: '3:4', width: 832, height: 1104 },
  { label: '1:1', width: 960, height: 960 },
];

/** HunyuanVideo renders 24 frames a second; its documented clip is 129 frames, about 5 seconds. */
const FPS = 24;
const MAX_SECONDS = 5;

/** Text- and image-to-video with Tencent HunyuanVideo (and HunyuanVideo-I2V for a first frame). */
export const hunyuanVideo = (backend: WorkerBackend) =>
  defineModel({
    id: 'local/hunyuan-video',
    name: WORKERS['hunyuan-video'].name,
    description: 'Tencent HunyuanVideo on your own GPU (port 8007 by default): 720p clips up to 5 s.',
    tasks: ['text-to-video', 'image-to-video'],
    output: 'video',
    params: z.object({
      prompt: vocabulary.prompt.max(1000),
      negativePrompt: vocabulary.negativePrompt.max(1000).optional(),
      images: vocabulary.images.max(1).optional(),
      width: vocabulary.width.default(1280),
      height: vocabulary.height.default(720),
      duration: vocabulary.duration.int().min(1).max(MAX_SECONDS).default(MAX_SECONDS),
      seed: vocabulary.seed.max(2 ** 32 - 1).optional(),
      steps: z.number().int().min(1).max(100).optional().describe('Denoising steps'),
    }),
    sizes: { presets: SIZES },
    limits: { promptMaxLength: 1000, maxQuantity: 1, maxInputImages: 1 },
    // A 720p clip takes a consumer GPU tens of minutes.
    timeouts: { deadlineMs: 90 * 60_000 },
    estimatePrice: () => NO_CHARGE,
    example: { prompt: 'waves rolling onto a pebble beach at dusk' },
    submit({ params, task, ...options }) {
      const image = params.images?.[0];
      if (task === 'image-to-video' && image === undefined) {
        throw new GenHubError('INVALID_INPUT', 'Image-to-video needs a first frame in images.', {
          retryable: false,
          details: { param: 'images' },
        });
      }
      const job: WorkerJob = {
        task,
        model: 'hunyuan-video',
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
        image: task === 'image-to-video' ? image?.url : undefined,
        width: params.width,
        height: params.height,
        duration: params.duration,
        fps: FPS,
        seed: params.seed,
        steps: params.steps,
      };
      return backend.submit(job, options);
    },
  });
