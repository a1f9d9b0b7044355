import { vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { type AnyVariant, type ImaModel, imaModel, invalid, request, urlsOf } from '../ima-request.js';
import {
  Deadlines,
  flatPrice,
  lastFrameNeedsFirst,
  perSecond,
  promptUnlessMedia,
  requireImageFor,
} from './model-helpers.js';

/** The two endpoints several families accept the same body on. */
export const VIDEO_ENDPOINTS = ['video-generations', 'videos'] as const;
type VideoEndpoint = (typeof VIDEO_ENDPOINTS)[number];

function endpointParam(fallback: VideoEndpoint) {
  return z
    .enum(VIDEO_ENDPOINTS)
    .default(fallback)
    .describe('video-generations: POST /v1/video/generations; videos: POST /v1/videos (OpenAI-compatible)');
}

const SEED = vocabulary.seed.max(2_147_483_647);
const WAN_RESOLUTION = z.enum(['720P', '1080P']).describe('Output resolution');

// --- Wan 2.6 video ---------------------------------------------------------------------------

function wan26Video(remote: 'wan2.6-t2v' | 'wan2.6-i2v' | 'wan2.6-i2v-flash' | 'wan2.6-r2v'): ImaModel {
  const kind = remote.slice('wan2.6-'.length);
  const names: Record<string, string> = {
    t2v: 'Wan 2.6 Text-to-Video',
    i2v: 'Wan 2.6 Image-to-Video',
    'i2v-flash': 'Wan 2.6 Image-to-Video Flash',
    r2v: 'Wan 2.6 Reference-to-Video',
  };
  const name = names[kind] ?? remote;
  const durations = kind === 'r2v' ? z.literal([5, 10]) : z.literal([5, 10, 15]);
  const common = {
    negativePrompt: vocabulary.negativePrompt.max(800).optional(),
    duration: durations.optional().describe('Length in seconds'),
    size: WAN_RESOLUTION.optional(),
    prompt_extend: z.boolean().optional(),
    seed: SEED.optional(),
    shot_type: z.enum(['single', 'multi']).optional(),
  };
  const ratio = z.enum(['16:9', '9:16', '4:3', '3:4', '1:1']).optional();
  const t2v = z.object({ prompt: vocabulary.prompt.max(800), aspectRatio: ratio, ...common });
  const r2v = z
    .object({
      prompt: vocabulary.prompt.max(800).optional(),
      images: vocabulary.images.max(1).optional().describe('One reference image'),
      referenceVideo: vocabulary.referenceVideo.optional(),
      aspectRatio: ratio,
      ...common,
    })
    .superRefine((value, ctx) => {
      if (value.images === undefined && value.referenceVideo === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['images'],
          message: 'Give a reference image or a reference video.',
        });
      }
    });
  const frame = {
    prompt: vocabulary.prompt.max(800).optional(),
    firstFrame: vocabulary.firstFrame,
    template: z.string().max(100).optional(),
  };
  const i2v = z.object({ ...frame, ...common });
  const i2vFlash = z.object({
    ...frame,
    audio: z.boolean().optional(),
    referenceVideo: vocabulary.referenceVideo.optional(),
    ...common,
  });
  const params = { t2v, r2v, i2v, 'i2v-flash': i2vFlash }[kind] ?? i2v;
  const tasks =
    kind === 't2v'
      ? (['text-to-video'] as const)
      : kind === 'r2v'
        ? (['image-to-video', 'video-to-video'] as const)
        : (['image-to-video'] as const);
  return imaModel({
    remote,
    family: 'Wan2.6 Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `Alibaba ${name} through imarouter.`,
      tasks,
      output: 'video',
      params,
      limits: { promptMaxLength: 800 },
      estimatePrice: perSecond(0.086, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example:
        kind === 't2v'
          ? { prompt: 'Early-morning city time-lapse, warm tones, cinematic', duration: 5, size: '720P' }
          : kind === 'r2v'
            ? { prompt: 'A cinematic shot of the subject', images: [{ url: 'https://example.com/ref.png' }] }
            : { prompt: 'The cat runs across the grass', firstFrame: { url: 'https://example.com/cat.png' } },
    },
    build(task, p: AnyVariant<z.output<typeof t2v> & z.output<typeof r2v> & z.output<typeof i2vFlash>>) {
      if (task === 'video-to-video' && p.referenceVideo === undefined) {
        throw invalid('referenceVideo', `video-to-video at ${name} needs a reference video.`);
      }
      if (kind === 'r2v' && task === 'image-to-video' && p.images === undefined) {
        throw invalid('images', `image-to-video at ${name} needs a reference image.`);
      }
      const video = p.referenceVideo?.url;
      return request(
        `POST /v1/videos#wan26`,
        {
          model: remote,
          prompt: p.prompt,
          image: p.firstFrame?.url,
          images: urlsOf(p.images),
          reference_video_urls: video === undefined ? undefined : [video],
          duration: p.duration,
          size: p.size,
          aspect_ratio: p.aspectRatio,
          negative_prompt: p.negativePrompt,
          prompt_extend: p.prompt_extend,
          seed: p.seed,
          shot_type: p.shot_type,
          template: p.template,
          audio: p.audio,
        },
        { poll: 'video' },
      );
    },
  });
}

// --- HappyHorse ------------------------------------------------------------------------------

function happyHorse(kind: 't2v' | 'i2v' | 'r2v' | 'video-edit'): ImaModel {
  const remote = `happyhorse-1.0-${kind}`;
  const names = {
    t2v: 'HappyHorse 1.0 Text-to-Video',
    i2v: 'HappyHorse 1.0 Image-to-Video',
    r2v: 'HappyHorse 1.0 Reference-to-Video',
    'video-edit': 'HappyHorse 1.0 Video Edit',
  } as const;
  const name = names[kind];
  const duration = z.number().int().min(3).max(15).optional().describe('Length in seconds, 3 to 15');
  const size = WAN_RESOLUTION.optional();
  const ratio = z.enum(['16:9', '9:16', '1:1', '4:3', '3:4']).optional();
  const seed = SEED.optional();
  const t2v = z.object({ prompt: vocabulary.prompt.max(800), duration, size, aspectRatio: ratio, seed });
  const i2v = z.object({
    prompt: vocabulary.prompt.max(800).optional(),
    firstFrame: vocabulary.firstFrame,
    duration,
    size,
    seed,
  });
  const r2v = z.object({
    prompt: vocabulary.prompt.max(2500),
    images: vocabulary.images.max(9).describe('1 to 9 reference images'),
    duration,
    size,
    aspectRatio: ratio,
    seed,
  });
  const edit = z.object({
    prompt: vocabulary.prompt.max(2500),
    referenceVideo: vocabulary.referenceVideo.describe('The video to edit'),
    images: vocabulary.images.max(5).optional().describe('Up to 5 reference images'),
    size,
    audio_setting: z.enum(['auto', 'origin']).optional().describe('Keep the original audio (origin) or not'),
    seed,
  });
  const schemas = { t2v, i2v, r2v, 'video-edit': edit };
  const tasks = {
    t2v: ['text-to-video'],
    i2v: ['image-to-video'],
    r2v: ['image-to-video'],
    'video-edit': ['video-to-video'],
  } as const;
  const examples = {
    t2v: {
      prompt: 'A luminous horse runs through a neon city street',
      duration: 8,
      size: '720P',
    } satisfies z.input<typeof t2v>,
    i2v: { prompt: 'The horse walks forward', firstFrame: { url: 'https://example.com/horse.png' } },
    r2v: { prompt: 'The same character running', images: [{ url: 'https://example.com/horse-ref.png' }] },
    'video-edit': {
      prompt: 'Replace the background with a clean studio',
      referenceVideo: { url: 'https://example.com/source.mp4' },
    },
  };
  return imaModel({
    remote,
    family: 'HappyHorse Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `${name} through imarouter.`,
      tasks: tasks[kind],
      output: 'video',
      params: schemas[kind],
      estimatePrice: perSecond(0.124, kind === 'video-edit' ? 6 : 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: examples[kind],
    },
    build(
      _task,
      p: AnyVariant<
        z.output<typeof t2v> & z.output<typeof i2v> & z.output<typeof r2v> & z.output<typeof edit>
      >,
    ) {
      return request(
        'POST /v1/videos#happyhorse',
        {
          model: remote,
          prompt: p.prompt,
          image: p.firstFrame?.url,
          video_url: p.referenceVideo?.url,
          reference_image_urls: urlsOf(p.images),
          duration: p.duration,
          size: p.size,
          aspect_ratio: p.aspectRatio,
          audio_setting: p.audio_setting,
          seed: p.seed,
        },
        { poll: 'video' },
      );
    },
  });
}

// --- Veo -------------------------------------------------------------------------------------

function veo(
  remote: 'veo-3.0-generate-001' | 'veo-3.1-fast-generate-001',
  name: string,
  usd: number,
): ImaModel {
  const prompt = vocabulary.prompt;
  const firstFrame = vocabulary.firstFrame.optional();
  const settings = {
    duration: z.literal([4, 8]).optional().describe('Length in seconds: 4 or 8'),
    resolution: z.enum(['720p', '1080p']).optional(),
    aspectRatio: z.enum(['16:9', '9:16']).optional(),
    negativePrompt: vocabulary.negativePrompt.optional(),
    seed: vocabulary.seed.optional(),
    personGeneration: z.enum(['allow_all', 'allow_adult', 'dont_allow']).optional(),
    compressionQuality: z.enum(['optimized', 'lossless']).optional(),
  };
  const v30 = z.object({ prompt, firstFrame, ...settings });
  const v31 = z.object({
    prompt,
    firstFrame,
    images: vocabulary.images.max(3).optional().describe('1 to 3 reference images'),
    lastFrame: vocabulary.lastFrame.optional(),
    ...settings,
    resolution: z.enum(['720p', '1080p', '4k']).optional(),
  });
  const fast31 = remote.startsWith('veo-3.1');
  const params = (fast31 ? v31 : v30).superRefine((value: z.output<typeof v31>, ctx) => {
    lastFrameNeedsFirst(value, ctx);
    if (value.images !== undefined && value.firstFrame !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['images'],
        message: 'Give reference images or a first frame, not both.',
      });
    }
  });
  return imaModel({
    remote,
    family: 'Veo Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      aliases: [fast31 ? 'veo-3.1-fast' : 'veo-3'],
      description: `Google ${name} through imarouter: 4 or 8 second clips from text or images.`,
      tasks: ['text-to-video', 'image-to-video'],
      output: 'video',
      params,
      estimatePrice: perSecond(usd, 8),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'A drone shot over a coastal city at sunrise', duration: 4, resolution: '720p' },
    },
    build(task, p: z.output<typeof v31>) {
      requireImageFor(task, p.firstFrame !== undefined || p.images !== undefined, name);
      const frames = p.firstFrame !== undefined && p.lastFrame !== undefined;
      return request(
        'POST /v1/videos#veo',
        {
          model: remote,
          prompt: p.prompt,
          image: frames ? undefined : p.firstFrame?.url,
          images: frames ? [p.firstFrame?.url, p.lastFrame?.url] : urlsOf(p.images),
          duration: p.duration,
          resolution: p.resolution,
          aspectRatio: p.aspectRatio,
          metadata: {
            negativePrompt: p.negativePrompt,
            seed: p.seed,
            personGeneration: p.personGeneration,
            compressionQuality: p.compressionQuality,
            role_mode: frames
              ? 'frame'
              : p.images !== undefined && p.images.length > 1
                ? 'reference'
                : undefined,
          },
        },
        { poll: 'video' },
      );
    },
  });
}

// --- Pixverse --------------------------------------------------------------------------------

function pixverse(remote: 'pixverse-c1' | 'pixverse-v6', name: string): ImaModel {
  const params = z.object({
    prompt: vocabulary.prompt,
    duration: z.literal([5, 8]).optional().describe('Length in seconds'),
    aspectRatio: z.enum(['16:9', '9:16', '1:1']).optional(),
    quality: z.enum(['360p', '540p', '720p', '1080p']).optional().describe('Resolution tier'),
    audio: z.boolean().optional().describe('Generate audio'),
    negativePrompt: vocabulary.negativePrompt.optional(),
    img_id: z.number().int().optional().describe('A Pixverse image id: makes it image-to-video'),
    endpoint: endpointParam('videos'),
  });
  return imaModel({
    remote,
    family: 'Pixverse Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `${name} through imarouter.`,
      tasks: ['text-to-video'],
      output: 'video',
      params,
      estimatePrice: perSecond(0.06, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'A city street at night with neon reflections', quality: '720p' },
    },
    build(_task, p) {
      const body = {
        model: remote,
        prompt: p.prompt,
        duration: p.duration,
        size: p.aspectRatio,
        quality: p.quality,
        metadata: { audio: p.audio, negative_prompt: p.negativePrompt, img_id: p.img_id },
      };
      return p.endpoint === 'videos'
        ? request('POST /v1/videos#pixverse', body, { poll: 'video' })
        : request('POST /v1/video/generations#pixverse', body, { poll: 'video-generations' });
    },
  });
}

// --- Vidu ------------------------------------------------------------------------------------

function vidu(
  remote: string,
  name: string,
  imageOnly: boolean,
  durations: z.ZodType<number>,
  usd: number,
): ImaModel {
  const params = z
    .object({
      prompt: vocabulary.prompt.optional(),
      images: vocabulary.images.max(1).optional().describe('One reference image'),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      duration: durations.optional(),
      aspectRatio: z.enum(['16:9', '9:16', '1:1']).optional(),
      resolution: z.enum(['540p', '720p', '1080p']).optional(),
      endpoint: endpointParam('video-generations'),
    })
    .superRefine((value, ctx) => {
      lastFrameNeedsFirst(value, ctx);
      promptUnlessMedia<typeof value>(['firstFrame', 'images'], name)(value, ctx);
      if (value.images !== undefined && value.firstFrame !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['images'],
          message: 'Give a reference image or frames, not both.',
        });
      }
    });
  return imaModel({
    remote,
    family: 'Vidu Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `${name} through imarouter${imageOnly ? ' (image-to-video only)' : ''}.`,
      tasks: imageOnly
        ? ['image-to-video']
        : remote === 'viduq1' || remote === 'viduq2'
          ? ['text-to-video']
          : ['text-to-video', 'image-to-video'],
      output: 'video',
      params,
      estimatePrice: perSecond(usd, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: imageOnly
        ? {
            prompt: 'The person slowly turns and smiles',
            images: [{ url: 'https://example.com/person.jpg' }],
          }
        : { prompt: 'A golden retriever running on a sunny beach' },
    },
    build(task, p) {
      const images =
        p.firstFrame !== undefined
          ? [p.firstFrame?.url, p.lastFrame?.url].filter((url): url is string => url !== undefined)
          : urlsOf(p.images);
      requireImageFor(
        task === 'text-to-video' && imageOnly ? 'image-to-video' : task,
        images !== undefined,
        name,
      );
      const body = {
        model: remote,
        prompt: p.prompt,
        images,
        duration: p.duration,
        size: p.aspectRatio,
        metadata: { resolution: p.resolution },
      };
      return p.endpoint === 'videos'
        ? request('POST /v1/videos#vidu', body, { poll: 'video' })
        : request('POST /v1/video/generations#vidu', body, { poll: 'video-generations' });
    },
  });
}

// --- MiniMax Hailuo --------------------------------------------------------------------------

function minimax(remote: 'MiniMax-Hailuo-02' | 'MiniMax-Hailuo-2.3' | 'MiniMax-Hailuo-2.3-Fast'): ImaModel {
  const fast = remote.endsWith('Fast');
  const name = remote.replace(/-/g, ' ');
  const sizes =
    remote === 'MiniMax-Hailuo-02' ? (['512p', '768p', '1080p'] as const) : (['768p', '1080p'] as const);
  const textOrImage = z.object({
    prompt: vocabulary.prompt.optional(),
    firstFrame: vocabulary.firstFrame.optional(),
    duration: z.literal([6, 10]).optional().describe('Length in seconds: 6 or 10'),
    size: z.enum(sizes).optional().describe('Resolution'),
    endpoint: endpointParam('video-generations'),
  });
  const imageOnly = textOrImage.extend({ firstFrame: vocabulary.firstFrame });
  const params = (fast ? imageOnly : textOrImage).superRefine((value, ctx) => {
    promptUnlessMedia<typeof value>(['firstFrame'], name)(value, ctx);
    if (value.size === '1080p' && value.duration === 10) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'At 1080p the duration is 6 seconds.' });
    }
  });
  return imaModel({
    remote,
    family: 'MiniMax Video',
    spec: {
      id: `imarouter/${remote.toLowerCase()}`,
      name,
      aliases: [remote],
      description: `${name} through imarouter${fast ? ' (image-to-video only)' : ''}.`,
      tasks: fast ? ['image-to-video'] : ['text-to-video', 'image-to-video'],
      output: 'video',
      params,
      estimatePrice: (p) => perSecond(p.size === '1080p' ? 0.08 : 0.045, 6)(p),
      timeouts: { deadlineMs: Deadlines.video },
      example: fast
        ? {
            prompt: 'A gentle camera move over a cup of tea',
            firstFrame: { url: 'https://example.com/tea.jpeg' },
          }
        : { prompt: 'A cat playing with a ball of yarn', duration: 6 },
    },
    build(task, p) {
      requireImageFor(task, p.firstFrame !== undefined, name);
      const body = {
        model: remote,
        prompt: p.prompt,
        duration: p.duration,
        size: p.size,
        metadata: { first_frame_image: p.firstFrame?.url },
      };
      return p.endpoint === 'videos'
        ? request('POST /v1/videos#minimax', body, { poll: 'video' })
        : request('POST /v1/video/generations', body, { poll: 'video-generations' });
    },
  });
}

// --- Doubao subtitle erase -------------------------------------------------------------------

function subtitleErase(): ImaModel {
  const remote = 'doubao-video-subtitle-erase-cn';
  const name = 'Doubao Subtitle Erase';
  const params = z.object({
    referenceVideo: vocabulary.referenceVideo.describe('The video to remove subtitles from (http or https)'),
  });
  return imaModel({
    remote,
    family: 'Doubao Subtitle Erase',
    spec: {
      id: `imarouter/${remote}`,
      name,
      aliases: ['subtitle-erase'],
      description: 'Removes burnt-in subtitles from a video (Doubao, through imarouter).',
      tasks: ['video-to-video'],
      output: 'video',
      params,
      estimatePrice: flatPrice(0.1),
      timeouts: { deadlineMs: Deadlines.video },
      example: { referenceVideo: { url: 'https://example.com/input.mp4' } },
    },
    build(_task, p) {
      if (!/^https?:\/\//.test(p.referenceVideo.url)) {
        throw invalid('referenceVideo', 'Subtitle erase takes an http or https link to the video.');
      }
      return request(
        'POST /v1/videos/subtitle-erase',
        { model: remote, video_url: p.referenceVideo.url },
        { poll: 'subtitle-erase' },
      );
    },
  });
}

/** Wan 2.6, HappyHorse, Veo, Pixverse, Vidu, MiniMax and subtitle erase. */
export function videoModels(): ImaModel[] {
  const q2 = z.number().int().min(4).max(8).describe('Length in seconds, 4 to 8');
  const q3 = z.number().int().min(1).max(16).describe('Length in seconds, 1 to 16');
  return [
    wan26Video('wan2.6-t2v'),
    wan26Video('wan2.6-i2v'),
    wan26Video('wan2.6-i2v-flash'),
    wan26Video('wan2.6-r2v'),
    happyHorse('t2v'),
    happyHorse('i2v'),
    happyHorse('r2v'),
    happyHorse('video-edit'),
    veo('veo-3.0-generate-001', 'Veo 3.0', 0.4),
    veo('veo-3.1-fast-generate-001', 'Veo 3.1 Fast', 0.09),
    pixverse('pixverse-c1', 'Pixverse C1'),
    pixverse('pixverse-v6', 'Pixverse V6'),
    vidu('viduq1', 'Vidu Q1', false, z.literal(5).describe('Fixed at 5 seconds'), 0.04),
    vidu('viduq2', 'Vidu Q2', false, q2, 0.04),
    vidu('viduq2-pro', 'Vidu Q2 Pro', true, q2, 0.05),
    vidu('viduq2-turbo', 'Vidu Q2 Turbo', true, q2, 0.03),
    vidu('viduq3-pro', 'Vidu Q3 Pro', false, q3, 0.05),
    vidu('viduq3-turbo', 'Vidu Q3 Turbo', false, q3, 0.03),
    minimax('MiniMax-Hailuo-02'),
    minimax('MiniMax-Hailuo-2.3'),
    minimax('MiniMax-Hailuo-2.3-Fast'),
    subtitleErase(),
  ];
}
