import { defineModel, jsonBody, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { ALEPH_ASPECTS, ASSUMED_INPUT_SECONDS, CREDITS, PROMPT_MAX, SEED_MAX } from './catalogue.js';
import { creditsPrice, type ModelDeps, moderation, publicFigureThreshold } from './model-deps.js';

export const UPSCALER_ID = 'runway/magnific_video_upscaler_creative';

/** Aleph 2: edits a video from a prompt (restyle, relight, add or remove things, outpaint). */
export function aleph({ api, media }: ModelDeps) {
  return defineModel({
    id: 'runway/aleph2',
    name: 'Runway Aleph 2',
    description: 'Edits a video from a prompt: restyle, relight, add or remove, outpaint',
    tasks: ['video-to-video'],
    output: 'video',
    params: z.object({
      prompt: vocabulary.prompt.max(PROMPT_MAX).optional(),
      referenceVideo: vocabulary.referenceVideo,
      /** Letterboxes the video to this shape and fills the new area. */
      aspectRatio: z.enum(ALEPH_ASPECTS).optional(),
      seed: vocabulary.seed.max(SEED_MAX).optional(),
      publicFigureThreshold,
    }),
    limits: { promptMaxLength: PROMPT_MAX },
    // Billed by the input video's length, unknown before the task runs.
    estimatePrice: () => creditsPrice(CREDITS.aleph.perSecond * ASSUMED_INPUT_SECONDS),
    timeouts: { deadlineMs: 30 * 60_000 },
    example: {
      prompt: 'make it snow',
      referenceVideo: { url: 'https://example.com/clip.mp4' },
    },
    async submit({ params, signal }) {
      const body = jsonBody({
        model: 'aleph2',
        videoUri: await media(params.referenceVideo, 'referenceVideo', signal),
        promptText: params.prompt,
        targetAspectRatio: params.aspectRatio,
        seed: params.seed,
        contentModeration: moderation(params.publicFigureThreshold),
      });
      return api.start('/v1/video_to_video', body, 'video', signal);
    },
  });
}

/**
 * Magnific's creative video upscaler at Runway: a video to 720p up to 4K. Declared as
 * video-to-video (the `upscale` task is an image's in GenHub's chat) and offered as an "Upscale"
 * button under every Runway video.
 */
export function videoUpscaler({ api, media }: ModelDeps) {
  const level = z.number().int().min(0).max(100);
  return defineModel({
    id: UPSCALER_ID,
    name: 'Runway Video Upscaler (Magnific)',
    description: 'Upscales a video to 720p, 1K, 2K or 4K',
    tasks: ['video-to-video'],
    output: 'video',
    params: z.object({
      referenceVideo: vocabulary.referenceVideo,
      resolution: z.enum(['720p', '1k', '2k', '4k']).default('2k'),
      /** How much detail to invent, 0 (faithful) to 100. */
      creativity: level.optional(),
      flavor: z.enum(['vivid', 'natural']).optional(),
      sharpen: level.optional(),
      smartGrain: level.optional(),
      fpsBoost: z.boolean().optional(),
    }),
    estimatePrice: () => creditsPrice(CREDITS.videoUpscale.perSecond * ASSUMED_INPUT_SECONDS),
    timeouts: { deadlineMs: 30 * 60_000 },
    example: { referenceVideo: { url: 'https://example.com/clip.mp4' } },
    async submit({ params, signal }) {
      const body = jsonBody({
        model: 'magnific_video_upscaler_creative',
        videoUri: await media(params.referenceVideo, 'referenceVideo', signal),
        resolution: params.resolution,
        creativity: params.creativity,
        flavor: params.flavor,
        sharpen: params.sharpen,
        smartGrain: params.smartGrain,
        fpsBoost: params.fpsBoost,
      });
      return api.start('/v1/video_upscale', body, 'upscaled-video', signal);
    },
  });
}
