import { defineModel, type HttpClient, jsonBody, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { FireflyApi } from '../api/firefly-api.js';
import { acceptedJob } from '../api/job-status.js';
import { uploadImage } from '../api/upload-image.js';

/** Documented video sizes by resolution and aspect ratio; every video is 5 seconds. */
export const VIDEO_SIZES = {
  '1080p': {
    '16:9': { width: 1920, height: 1080 },
    '9:16': { width: 1080, height: 1920 },
    '1:1': { width: 1080, height: 1080 },
  },
  '720p': {
    '16:9': { width: 1280, height: 720 },
    '9:16': { width: 720, height: 1280 },
    '1:1': { width: 720, height: 720 },
  },
} as const;

/**
 * No per-call price is published for Firefly Services video: a placeholder estimate, to be replaced
 * by the contract's rate.
 */
const USD_PER_VIDEO = 1;

const videoParams = z.object({
  prompt: vocabulary.prompt.max(1024),
  negativePrompt: vocabulary.negativePrompt.max(1024).optional(),
  aspectRatio: z.enum(['16:9', '9:16', '1:1']).default('16:9').describe('Aspect ratio: 16:9, 9:16 or 1:1'),
  resolution: z.enum(['1080p', '720p']).default('1080p').describe('Resolution: 1080p or 720p'),
  seed: vocabulary.seed.optional(),
  firstFrame: vocabulary.firstFrame.optional(),
  lastFrame: vocabulary.lastFrame.optional(),
  cameraMotion: z
    .enum([
      'camera pan left',
      'camera pan right',
      'camera zoom in',
      'camera zoom out',
      'camera tilt up',
      'camera tilt down',
      'camera locked down',
      'camera handheld',
    ])
    .describe('Camera motion')
    .optional(),
  promptStyle: z
    .enum([
      'anime',
      '3d',
      'fantasy',
      'cinematic',
      'claymation',
      'line art',
      'stop motion',
      '2d',
      'vector art',
      'black and white',
    ])
    .describe('Visual style of the video')
    .optional(),
  shotAngle: z
    .enum(['aerial shot', 'eye_level shot', 'high angle shot', 'low angle shot', 'top-down shot'])
    .describe('Shot angle')
    .optional(),
  shotSize: z
    .enum(['close-up shot', 'extreme close-up', 'medium shot', 'long shot', 'extreme long shot'])
    .describe('Shot size')
    .optional(),
  bitRateFactor: z
    .number()
    .int()
    .min(0)
    .max(63)
    .describe('Encoding quality, 0 (lossless) to 63; 17 to 23 suggested')
    .optional(),
});

/** Firefly Video: `POST /v3/videos/generate` with `x-model-version: video1_standard`. */
export function videoModel(api: FireflyApi, plain: HttpClient): TypedModel<typeof videoParams> {
  return defineModel({
    id: 'firefly/video1_standard',
    name: 'Firefly Video',
    description: 'Five-second videos from a prompt, optionally from a first or last frame.',
    tasks: ['text-to-video', 'image-to-video'],
    output: 'video',
    params: videoParams,
    limits: { promptMaxLength: 1024, maxQuantity: 1, maxInputImages: 2 },
    estimatePrice: () => ({ usd: USD_PER_VIDEO, approximate: true }),
    timeouts: { deadlineMs: 20 * 60_000 },
    example: { prompt: 'a paper boat drifting down a rainy street' },
    async submit({ params, signal }) {
      const frames = [
        { position: 0, input: params.firstFrame, param: 'firstFrame' },
        { position: 1, input: params.lastFrame, param: 'lastFrame' },
      ];
      const conditions = [];
      for (const frame of frames) {
        if (frame.input === undefined) continue;
        const uploadId = await uploadImage(api, plain, frame.input, frame.param, signal);
        conditions.push({ placement: { position: frame.position }, source: { uploadId } });
      }
      const job = await api.json(
        {
          method: 'POST',
          url: '/v3/videos/generate',
          headers: { 'x-model-version': 'video1_standard' },
          json: jsonBody({
            prompt: params.prompt,
            negativePrompt: params.negativePrompt,
            seeds: params.seed === undefined ? undefined : [params.seed],
            sizes: [VIDEO_SIZES[params.resolution][params.aspectRatio]],
            image: conditions.length === 0 ? undefined : { conditions },
            bitRateFactor: params.bitRateFactor,
            videoSettings: {
              cameraMotion: params.cameraMotion,
              promptStyle: params.promptStyle,
              shotAngle: params.shotAngle,
              shotSize: params.shotSize,
            },
          }),
          signal,
        },
        acceptedJob,
      );
      return { status: 'pending', ref: { id: job.jobId, data: { output: 'video' } } };
    },
  });
}
