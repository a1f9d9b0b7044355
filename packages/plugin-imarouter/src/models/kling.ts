import { vocabulary, type Warning } from '@genhub/provider';
import { z } from 'zod';
import { type ImaModel, ignored, imaModel, invalid, request, urlsOf } from '../ima-request.js';
import {
  Deadlines,
  lastFrameNeedsFirst,
  perSecond,
  promptUnlessMedia,
  requireImageFor,
} from './model-helpers.js';

const V3_RATIOS = ['16:9', '9:16', '1:1'] as const;
const V3_DURATION = z.number().int().min(3).max(15).describe('Length in seconds, 3 to 15');
const elementList = z
  .array(z.object({ element_id: z.number().int().min(1) }))
  .min(1)
  .describe('Kling subject references: [{ element_id }]');
const multiPrompt = z
  .array(
    z.object({
      index: z.number().int().min(1).optional(),
      prompt: z.string().max(512).optional(),
      duration: z.number().int().min(1).optional(),
    }),
  )
  .max(6)
  .describe('Up to 6 shots, each with its own prompt and duration');

function klingV3Video(): ImaModel {
  const name = 'Kling v3 Video';
  const params = z
    .object({
      prompt: vocabulary.prompt.optional(),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      negativePrompt: vocabulary.negativePrompt.optional(),
      element_list: elementList.optional(),
      camera_control: z.record(z.string(), z.unknown()).optional(),
      duration: V3_DURATION.optional(),
      aspectRatio: z.enum(V3_RATIOS).optional(),
      mode: z.enum(['std', 'pro']).optional(),
      sound: z.enum(['on', 'off']).optional().describe('Generate sound'),
      multi_prompt: multiPrompt.optional(),
      multi_shot: z.boolean().optional(),
      shot_type: z.enum(['customize', 'intelligence']).optional(),
    })
    .superRefine((value, ctx) => {
      lastFrameNeedsFirst(value, ctx);
      promptUnlessMedia<typeof value>(['firstFrame', 'element_list'], name)(value, ctx);
      if (value.element_list !== undefined && value.sound === 'on') {
        ctx.addIssue({
          code: 'custom',
          path: ['sound'],
          message: 'Subject references (element_list) only work with sound off.',
        });
      }
    });
  return imaModel({
    remote: 'kling-v3-video',
    family: 'Kling Video',
    spec: {
      id: 'imarouter/kling-v3-video',
      name,
      description: 'Kling v3 through imarouter: text, image, first/last-frame and subject-reference video.',
      tasks: ['text-to-video', 'image-to-video'],
      output: 'video',
      params,
      estimatePrice: perSecond(0.083, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'A horse running through rain at night, tracking shot', duration: 5, mode: 'std' },
    },
    build(task, p) {
      requireImageFor(task, p.firstFrame !== undefined || p.element_list !== undefined, name);
      const both = p.firstFrame !== undefined && p.lastFrame !== undefined;
      return request(
        'POST /v1/videos#kling-v3-video',
        {
          model: 'kling-v3-video',
          prompt: p.prompt,
          image: both ? undefined : p.firstFrame?.url,
          images: both ? [p.firstFrame?.url, p.lastFrame?.url] : undefined,
          element_list: p.element_list,
          camera_control: p.camera_control,
          duration: p.duration,
          aspect_ratio: p.aspectRatio,
          mode: p.mode,
          sound: p.sound,
          negative_prompt: p.negativePrompt,
          multi_prompt: p.multi_prompt,
          multi_shot: p.multi_shot,
          shot_type: p.shot_type,
        },
        { poll: 'video' },
      );
    },
  });
}

function klingV3Omni(): ImaModel {
  const name = 'Kling v3 Omni Video';
  const params = z
    .object({
      prompt: vocabulary.prompt.optional(),
      images: vocabulary.images.optional().describe('Reference images'),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      referenceVideo: vocabulary.referenceVideo.optional(),
      element_list: elementList.optional(),
      duration: V3_DURATION.optional(),
      aspectRatio: z.enum(V3_RATIOS).optional(),
      mode: z.enum(['std', 'pro']).optional(),
      sound: z.enum(['on', 'off']).optional().describe('Generate sound (off with a reference video)'),
      multi_prompt: multiPrompt.optional(),
      multi_shot: z.boolean().optional(),
      shot_type: z.enum(['customize']).optional(),
    })
    .superRefine((value, ctx) => {
      lastFrameNeedsFirst(value, ctx);
      promptUnlessMedia<typeof value>(['firstFrame', 'images', 'referenceVideo', 'element_list'], name)(
        value,
        ctx,
      );
      if (value.referenceVideo !== undefined && value.sound === 'on') {
        ctx.addIssue({
          code: 'custom',
          path: ['sound'],
          message: 'A reference video only works with sound off.',
        });
      }
      if (value.referenceVideo !== undefined && value.duration !== undefined && value.duration > 10) {
        ctx.addIssue({
          code: 'custom',
          path: ['duration'],
          message: 'With a reference video the duration is 3 to 10 seconds.',
        });
      }
    });
  return imaModel({
    remote: 'kling-v3-omni-video',
    family: 'Kling Video',
    spec: {
      id: 'imarouter/kling-v3-omni-video',
      name,
      description:
        'Kling v3 Omni through imarouter: text, frames, reference images, subjects and reference video.',
      tasks: ['text-to-video', 'image-to-video', 'video-to-video'],
      output: 'video',
      params,
      estimatePrice: perSecond(0.084, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'A glass sculpture forming from light, cinematic', duration: 5, sound: 'off' },
    },
    build(task, p) {
      const imageList: Array<string | Record<string, string>> = [];
      if (p.firstFrame) imageList.push({ image_url: p.firstFrame.url, type: 'first_frame' });
      if (p.lastFrame) imageList.push({ image_url: p.lastFrame.url, type: 'end_frame' });
      imageList.push(...(urlsOf(p.images) ?? []));
      requireImageFor(task, imageList.length > 0 || p.element_list !== undefined, name);
      if (task === 'video-to-video' && p.referenceVideo === undefined) {
        throw invalid('referenceVideo', `video-to-video at ${name} needs a reference video.`);
      }
      return request(
        'POST /v1/videos#kling-v3-omni-video',
        {
          model: 'kling-v3-omni-video',
          prompt: p.prompt,
          image_list: imageList.length > 0 ? imageList : undefined,
          video_list: p.referenceVideo ? [{ video_url: p.referenceVideo.url }] : undefined,
          element_list: p.element_list,
          duration: p.duration,
          aspect_ratio: p.aspectRatio,
          mode: p.mode,
          sound: p.sound,
          multi_prompt: p.multi_prompt,
          multi_shot: p.multi_shot,
          shot_type: p.shot_type,
        },
        { poll: 'video' },
      );
    },
  });
}

/** The three ways the document lets legacy Kling models be submitted. */
export const KLING_ENDPOINTS = ['video-generations', 'videos', 'kling'] as const;

function klingLegacy(remote: string, name: string, usdPerSecond: number): ImaModel {
  const master = remote.includes('master');
  const params = z
    .object({
      prompt: vocabulary.prompt.optional(),
      negativePrompt: vocabulary.negativePrompt.optional(),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      mode: z.enum(['std', 'pro']).optional(),
      duration: z.literal([5, 10]).optional().describe('Length in seconds: 5 or 10'),
      aspectRatio: z.enum(['1:1', '16:9', '9:16']).optional(),
      cfg_scale: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('0 to 1: higher follows the prompt more closely'),
      camera_control: z
        .object({ type: z.string().optional(), config: z.record(z.string(), z.unknown()).optional() })
        .optional(),
      endpoint: z
        .enum(KLING_ENDPOINTS)
        .default('video-generations')
        .describe('video-generations: unified endpoint; videos: OpenAI-compatible; kling: native /kling/v1'),
    })
    .superRefine((value, ctx) => {
      lastFrameNeedsFirst(value, ctx);
      promptUnlessMedia<typeof value>(['firstFrame'], name)(value, ctx);
    });
  return imaModel({
    remote,
    family: 'Kling Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `${name} through imarouter: text-to-video and image-to-video (first and last frame).`,
      tasks: ['text-to-video', 'image-to-video'],
      output: 'video',
      params,
      estimatePrice: (p) => perSecond(p.mode === 'pro' ? usdPerSecond * 2 : usdPerSecond, 5)(p),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'A cat playing with a ball of yarn in a sunny room', duration: 5 },
    },
    build(task, p) {
      requireImageFor(task, p.firstFrame !== undefined, name);
      const warnings: Warning[] = [];
      const mode = master ? undefined : p.mode;
      if (master && p.mode !== undefined) {
        warnings.push(ignored('mode', `${name} has no std/pro modes; mode was not sent.`));
      }
      const image = p.firstFrame?.url;
      const imageTail = p.lastFrame?.url;
      if (p.endpoint === 'video-generations') {
        return request(
          'POST /v1/video/generations#kling',
          {
            model: remote,
            prompt: p.prompt,
            image,
            duration: p.duration,
            size: p.aspectRatio,
            metadata: {
              mode,
              image_tail: imageTail,
              negative_prompt: p.negativePrompt,
              cfg_scale: p.cfg_scale,
              camera_control: p.camera_control,
            },
          },
          { poll: 'video-generations', warnings },
        );
      }
      const common = {
        model: remote,
        prompt: p.prompt,
        negative_prompt: p.negativePrompt,
        mode,
        duration: p.duration,
        aspect_ratio: p.aspectRatio,
        cfg_scale: p.cfg_scale,
        camera_control: p.camera_control,
      };
      if (p.endpoint === 'videos') {
        return request(
          'POST /v1/videos#kling',
          { ...common, image, image_tail: imageTail },
          { poll: 'video', warnings },
        );
      }
      return image === undefined
        ? request('POST /kling/v1/videos/text2video', common, { poll: 'kling-text2video', warnings })
        : request(
            'POST /kling/v1/videos/image2video',
            { ...common, image, image_tail: imageTail },
            { poll: 'kling-image2video', warnings },
          );
    },
  });
}

/** Kling v3, v3 Omni and the legacy Kling models. */
export function klingModels(): ImaModel[] {
  return [
    klingV3Video(),
    klingV3Omni(),
    klingLegacy('kling-v1', 'Kling v1', 0.028),
    klingLegacy('kling-v1-6', 'Kling v1.6', 0.028),
    klingLegacy('kling-v2-master', 'Kling v2 Master', 0.28),
    klingLegacy('kling-v2-1-master', 'Kling v2.1 Master', 0.28),
    klingLegacy('kling-v2-5-turbo', 'Kling v2.5 Turbo', 0.042),
    klingLegacy('kling-v2-6', 'Kling v2.6', 0.07),
    klingLegacy('kling-video-o1', 'Kling Video O1', 0.084),
  ];
}
