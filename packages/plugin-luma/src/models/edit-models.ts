import { defineModel, jsonBody } from '@genhub/provider';
import { z } from 'zod';
import { PROMPT_MAX, PROMPT_MIN, videoPrice } from './catalogue.js';
import type { ModelDeps } from './model-deps.js';

export const UPSCALE_ID = 'luma/upscale_video';
export const ADD_AUDIO_ID = 'luma/add_audio';

/** A finished Luma video, named by its generation id (shown in its result's details). */
const generation = z.string().trim().min(1).max(100);

const generationPath = (id: string, action: 'upscale' | 'audio') =>
  `/generations/${encodeURIComponent(id)}/${action}`;

/**
 * Upscales a finished Ray video (`POST /generations/{id}/upscale`, lumaai-node `GenerationUpscaleParams`).
 * Offered as the "Upscale" button under Ray videos; declared video-to-video (GenHub's `upscale` task is
 * an image's).
 */
export function upscaleVideo({ api }: ModelDeps) {
  return defineModel({
    id: UPSCALE_ID,
    name: 'Luma Upscale',
    description: 'Upscales a finished Luma video to 1080p or 4K',
    tasks: ['video-to-video'],
    output: 'video',
    params: z.object({ generation, resolution: z.enum(['1080p', '4k']).default('4k') }),
    // Luma publishes no upscale rate: priced as a 5-second Ray 2 video at the target resolution.
    estimatePrice: (params) => videoPrice('ray-2', params.resolution, 5),
    timeouts: { deadlineMs: 30 * 60_000 },
    example: { generation: '123e4567-e89b-12d3-a456-426614174000' },
    async submit({ params, signal }) {
      const body = jsonBody({ generation_type: 'upscale_video', resolution: params.resolution });
      const shape = { output: 'video', mediaType: 'video/mp4' } as const;
      return api.start(generationPath(params.generation, 'upscale'), body, shape, signal);
    },
  });
}

/** Adds sound to a finished Ray video (`POST /generations/{id}/audio`, lumaai-node `GenerationAudioParams`). */
export function addAudio({ api }: ModelDeps) {
  return defineModel({
    id: ADD_AUDIO_ID,
    name: 'Luma Add Audio',
    description: 'Adds sound to a finished Luma video, described by a prompt',
    tasks: ['video-to-video'],
    output: 'video',
    params: z.object({
      generation,
      prompt: z.string().trim().min(PROMPT_MIN).max(PROMPT_MAX).optional(),
      negativePrompt: z.string().trim().min(1).max(PROMPT_MAX).optional(),
    }),
    // Luma publishes no audio rate: priced as a 5-second 540p Ray Flash 2 video, a guess.
    estimatePrice: () => videoPrice('ray-flash-2', '540p', 5),
    timeouts: { deadlineMs: 30 * 60_000 },
    example: { generation: '123e4567-e89b-12d3-a456-426614174000', prompt: 'rain on a tin roof' },
    async submit({ params, signal }) {
      const body = jsonBody({
        generation_type: 'add_audio',
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
      });
      const shape = { output: 'video', mediaType: 'video/mp4' } as const;
      return api.start(generationPath(params.generation, 'audio'), body, shape, signal);
    },
  });
}
