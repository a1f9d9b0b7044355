import { defineModel, jsonBody, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import {
  ASPECT_RATIOS,
  DURATIONS,
  PROMPT_MAX,
  PROMPT_MIN,
  type RayModel,
  RESOLUTIONS,
  videoPrice,
} from './catalogue.js';
import { imageLink } from './image-link.js';
import { type ModelDeps, missingInput } from './model-deps.js';
import { rayFollowUps } from './ray-follow-ups.js';

/** A finished Luma generation, named by its id, used as a keyframe (extend and interpolate). */
const generationId = z.string().trim().min(1).max(100);

/**
 * Ray's parameters (lumaai-node `VideoCreateParams`) and the combinations Luma refuses before
 * accepting a generation (docs.lumalabs.ai/docs/errors), checked here so nothing is sent.
 */
const rayParams = z
  .object({
    prompt: vocabulary.prompt.min(PROMPT_MIN).max(PROMPT_MAX).optional(),
    /** The first frame, an image (`keyframes.frame0`). */
    firstFrame: imageLink.optional(),
    /** The last frame, an image (`keyframes.frame1`). */
    lastFrame: imageLink.optional(),
    /** A finished Luma video whose end this one starts from: extends it. */
    startGeneration: generationId.optional(),
    /** A finished Luma video whose start this one leads into: extends it backwards. */
    endGeneration: generationId.optional(),
    aspectRatio: z.enum(ASPECT_RATIOS).default('16:9'),
    resolution: z.enum(RESOLUTIONS).default('720p'),
    duration: vocabulary.duration
      .refine((seconds) => (DURATIONS as readonly number[]).includes(seconds), 'Use 5 or 9 seconds')
      .default(5),
    /** A video whose end flows back into its start. */
    loop: z.boolean().default(false),
    /** Luma's camera concepts by key (`GET /generations/concepts/list`), such as `dolly_zoom`. */
    concepts: z.array(z.string().trim().min(1)).min(1).optional(),
  })
  .superRefine((params, issues) => {
    const refuse = (param: string, message: string) =>
      issues.addIssue({ code: 'custom', path: [param], message });
    if (params.firstFrame && params.startGeneration) {
      refuse('startGeneration', 'Give a first frame image or a video to extend, not both');
    }
    if (params.lastFrame && params.endGeneration) {
      refuse('endGeneration', 'Give a last frame image or a video to lead into, not both');
    }
    if (params.prompt === undefined && !params.firstFrame && !params.lastFrame) {
      refuse('prompt', 'Luma needs a prompt unless a first or last frame image is given');
    }
    if (params.loop && (params.lastFrame || params.endGeneration)) {
      refuse('loop', 'Luma cannot loop a video that has an end frame; leave out loop or the end frame');
    }
  });
type RayParams = z.output<typeof rayParams>;

/** Luma's `keyframes`: images by URL, earlier generations by id. */
function keyframes(params: RayParams) {
  const frame = (image: { url: string } | undefined, generation: string | undefined) => {
    if (image) return { type: 'image', url: image.url };
    if (generation) return { type: 'generation', id: generation };
    return undefined;
  };
  return {
    frame0: frame(params.firstFrame, params.startGeneration),
    frame1: frame(params.lastFrame, params.endGeneration),
  };
}

/** A Ray video model: text, images or earlier generations to video, 5 or 9 seconds, 540p to 4K. */
function rayModel(model: RayModel, name: string, description: string, { api }: ModelDeps) {
  const id = `luma/${model}`;
  return defineModel({
    id,
    name,
    description,
    tasks: ['text-to-video', 'image-to-video', 'video-to-video'],
    output: 'video',
    params: rayParams,
    limits: { promptMaxLength: PROMPT_MAX, maxInputImages: 2 },
    estimatePrice: (params) => videoPrice(model, params.resolution, params.duration),
    timeouts: { deadlineMs: 30 * 60_000 },
    example: { prompt: 'a paper boat drifts down a rainy street, cinematic' },
    async submit({ params, task, signal }) {
      if (task === 'image-to-video' && !params.firstFrame && !params.lastFrame) {
        throw missingInput('firstFrame', name, task);
      }
      if (task === 'video-to-video' && !params.startGeneration && !params.endGeneration) {
        throw missingInput('startGeneration', name, task);
      }
      const body = jsonBody({
        generation_type: 'video',
        model,
        prompt: params.prompt,
        aspect_ratio: params.aspectRatio,
        resolution: params.resolution,
        duration: `${params.duration}s`,
        loop: params.loop,
        keyframes: keyframes(params),
        concepts: params.concepts?.map((key) => ({ key })),
      });
      const video = {
        model: id,
        prompt: params.prompt,
        aspectRatio: params.aspectRatio,
        resolution: params.resolution,
        duration: params.duration,
      };
      const shape = { output: 'video', mediaType: 'video/mp4', followUps: rayFollowUps(video) } as const;
      return api.start('/generations/video', body, shape, signal);
    },
  });
}

export const ray2 = (deps: ModelDeps) =>
  rayModel('ray-2', 'Luma Ray 2', 'Video from text, images or earlier Luma videos, 5 or 9 s, up to 4K', deps);

export const rayFlash2 = (deps: ModelDeps) =>
  rayModel(
    'ray-flash-2',
    'Luma Ray Flash 2',
    'Faster, cheaper Ray 2: video from text, images or earlier videos',
    deps,
  );
