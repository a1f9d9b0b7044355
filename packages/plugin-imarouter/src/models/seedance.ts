import { type MediaInput, type Task, vocabulary, type Warning } from '@genhub/provider';
import { z } from 'zod';
import {
  assetUris,
  type ImaModel,
  type ImaRequest,
  ignored,
  imaModel,
  invalid,
  request,
  urlsOf,
} from '../ima-request.js';
import { assetRef, Deadlines, lastFrameNeedsFirst, perSecond, promptUnlessMedia } from './model-helpers.js';

const SEEDANCE_RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const;

/** The two request forms the document gives Seedance. */
export const SEEDANCE_ENDPOINTS = ['videos', 'contents'] as const;

function seedanceParams(fast: boolean, name: string) {
  const resolutions = fast ? (['480p', '720p'] as const) : (['480p', '720p', '1080p'] as const);
  return z
    .object({
      prompt: vocabulary.prompt.optional(),
      images: vocabulary.images.max(9).optional().describe('Reference images'),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      referenceVideo: vocabulary.referenceVideo.optional(),
      referenceAudio: vocabulary.referenceAudio.optional(),
      assetImages: z
        .array(assetRef)
        .min(1)
        .max(9)
        .optional()
        .describe('Portrait images from the asset library (asset://...), sent as reference images'),
      assetVideos: z
        .array(assetRef)
        .min(1)
        .max(3)
        .optional()
        .describe('Portrait videos from the asset library (asset://...)'),
      assetAudios: z
        .array(assetRef)
        .min(1)
        .max(3)
        .optional()
        .describe('Portrait audio from the asset library (asset://...)'),
      duration: z.number().int().min(4).max(15).optional().describe('Length in seconds, 4 to 15'),
      aspectRatio: z.enum(SEEDANCE_RATIOS).optional(),
      resolution: z.enum(resolutions).optional(),
      audio: z.boolean().optional().describe('Generate a soundtrack (false: a silent video)'),
      seed: vocabulary.seed.max(4_294_967_295).optional(),
      return_last_frame: z.boolean().optional().describe('Also return the last frame (contents endpoint)'),
      moderation: z.boolean().optional().describe('Ask for upstream moderation (x-moderation: enabled)'),
      endpoint: z
        .enum(SEEDANCE_ENDPOINTS)
        .default('videos')
        .describe('videos: POST /v1/videos (takes portrait assets); contents: the contents task API'),
    })
    .superRefine((value, ctx) => {
      const frames = value.firstFrame !== undefined || value.lastFrame !== undefined;
      const references =
        value.images !== undefined ||
        value.referenceVideo !== undefined ||
        value.referenceAudio !== undefined ||
        value.assetImages !== undefined ||
        value.assetVideos !== undefined ||
        value.assetAudios !== undefined;
      if (frames && references) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstFrame'],
          message: 'First/last frames cannot be mixed with reference images, video or audio.',
        });
      }
      lastFrameNeedsFirst(value, ctx);
      promptUnlessMedia<typeof value>(
        ['firstFrame', 'images', 'assetImages', 'referenceVideo', 'assetVideos'],
        name,
      )(value, ctx);
      const assets =
        value.assetImages !== undefined || value.assetVideos !== undefined || value.assetAudios !== undefined;
      if (assets && value.endpoint === 'contents') {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message:
            'Portrait assets go through the videos endpoint; the contents endpoint takes https links only.',
        });
      }
      if (value.audio === false && (value.referenceAudio !== undefined || value.assetAudios !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['referenceAudio'],
          message: 'Reference audio needs audio generation; drop audio: false.',
        });
      }
    });
}

type SeedanceParams = z.output<ReturnType<typeof seedanceParams>>;

/** `POST /v1/videos`: the OpenAI-style Seedance request, the one that takes portrait assets. */
function videosForm(remote: string, task: Task, p: SeedanceParams, name: string): ImaRequest {
  const warnings: Warning[] = [];
  if (p.seed !== undefined)
    warnings.push(ignored('seed', 'The videos endpoint takes no seed; use endpoint: contents.'));
  if (p.return_last_frame !== undefined) {
    warnings.push(ignored('return_last_frame', 'Only the contents endpoint returns the last frame.'));
  }
  const frameMode = p.firstFrame !== undefined;
  const images = frameMode
    ? [p.firstFrame?.url, p.lastFrame?.url].filter((url): url is string => url !== undefined)
    : [...(urlsOf(p.images) ?? []), ...assetUris(p.assetImages)];
  const videos = [...(p.referenceVideo ? [p.referenceVideo.url] : []), ...assetUris(p.assetVideos)];
  const audios = [...(p.referenceAudio ? [p.referenceAudio.url] : []), ...assetUris(p.assetAudios)];
  if (task === 'image-to-video' && images.length === 0) {
    throw invalid('images', `image-to-video at ${name} needs images, a first frame or assetImages.`);
  }
  if (task === 'video-to-video' && videos.length === 0) {
    throw invalid('referenceVideo', `video-to-video at ${name} needs a reference video.`);
  }
  return request(
    'POST /v1/videos',
    {
      model: remote,
      prompt: p.prompt,
      images: images.length > 0 ? images : undefined,
      duration: p.duration,
      metadata: {
        aspect_ratio: p.aspectRatio,
        resolution: p.resolution,
        audio: p.audio,
        role_mode: frameMode ? 'frame' : undefined,
        reference_video_urls: videos.length > 0 ? videos : undefined,
        reference_audio_urls: audios.length > 0 ? audios : undefined,
      },
    },
    {
      poll: 'video',
      warnings,
      ...(p.moderation === true ? { headers: { 'x-moderation': 'enabled' } } : {}),
    },
  );
}

/** `POST /api/v1/contents/generations/tasks`: the contents-array form, with seeds and explicit roles. */
function contentsForm(remote: string, task: Task, p: SeedanceParams, name: string): ImaRequest {
  const warnings: Warning[] = [];
  if (p.moderation !== undefined) {
    warnings.push(ignored('moderation', 'Only the videos endpoint forwards the x-moderation header.'));
  }
  const https = (input: MediaInput | undefined, param: string): string | undefined => {
    if (input === undefined) return undefined;
    if (!/^https:\/\/.+/.test(input.url)) {
      throw invalid(
        param,
        'The Seedance contents endpoint takes public https links only; use endpoint: videos for other inputs.',
      );
    }
    return input.url;
  };
  const content: Array<Record<string, unknown>> = [];
  if (p.prompt !== undefined) content.push({ type: 'text', text: p.prompt });
  const image = (url: string | undefined, role: string) => {
    if (url !== undefined) content.push({ type: 'image_url', image_url: { url }, role });
  };
  image(https(p.firstFrame, 'firstFrame'), 'first_frame');
  image(https(p.lastFrame, 'lastFrame'), 'last_frame');
  for (const input of p.images ?? []) image(https(input, 'images'), 'reference_image');
  const video = https(p.referenceVideo, 'referenceVideo');
  if (video !== undefined)
    content.push({ type: 'video_url', video_url: { url: video }, role: 'reference_video' });
  const audio = https(p.referenceAudio, 'referenceAudio');
  if (audio !== undefined)
    content.push({ type: 'audio_url', audio_url: { url: audio }, role: 'reference_audio' });
  const hasImage = content.some((item) => item.type === 'image_url');
  if (task === 'image-to-video' && !hasImage) {
    throw invalid('images', `image-to-video at ${name} needs images or a first frame.`);
  }
  if (task === 'video-to-video' && video === undefined) {
    throw invalid('referenceVideo', `video-to-video at ${name} needs a reference video.`);
  }
  return request(
    'POST /api/v1/contents/generations/tasks',
    {
      model: remote,
      content,
      resolution: p.resolution,
      ratio: p.aspectRatio,
      duration: p.duration,
      generate_audio: p.audio,
      seed: p.seed,
      return_last_frame: p.return_last_frame,
    },
    { poll: 'contents', warnings },
  );
}

function seedance(remote: string, name: string): ImaModel {
  const fast = remote.includes('fast');
  return imaModel({
    remote,
    family: 'Seedance Video',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description:
        `ByteDance ${name} through imarouter: text, images, first/last frames, reference video and audio, ` +
        'and portrait assets (asset://) for a person’s likeness.',
      tasks: ['text-to-video', 'image-to-video', 'video-to-video'],
      output: 'video',
      params: seedanceParams(fast, name),
      limits: { maxInputImages: 9 },
      estimatePrice: perSecond(0.23, 5),
      timeouts: { deadlineMs: Deadlines.video },
      example: { prompt: 'Time-lapse of a city at dawn, warm colours, cinematic', duration: 5 },
    },
    build(task, p) {
      return p.endpoint === 'contents'
        ? contentsForm(remote, task, p, name)
        : videosForm(remote, task, p, name);
    },
  });
}

/** The four Seedance 2.0 models. */
export function seedanceModels(): ImaModel[] {
  return [
    seedance('seedance-2.0', 'Seedance 2.0'),
    seedance('seedance-2.0-fast', 'Seedance 2.0 Fast'),
    seedance('seedance-2.0-cn', 'Seedance 2.0 (China)'),
    seedance('seedance-2.0-fast-cn', 'Seedance 2.0 Fast (China)'),
  ];
}
