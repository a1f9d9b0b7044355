import {
  defineModel,
  jsonBody,
  type MediaInput,
  type Price,
  type SubmitResult,
  type Task,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import {
  MAX_REFERENCE_IMAGES,
  MOVEMENT_AMPLITUDES,
  PROMPT_MAX_LENGTH,
  STYLES,
  USD_PER_CREDIT,
  VIDU_MODELS,
  type ViduEndpoint,
  type ViduModelFacts,
  type ViduResolution,
} from './vidu-catalogue.js';

/** Sends one create request to `/ent/v2/<endpoint>`; answers the task id and the credits it takes. */
export type CreateTask = (
  endpoint: ViduEndpoint,
  body: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<{ id: string; credits: number | undefined }>;

const RESOLUTIONS = ['360p', '540p', '720p', '1080p'] as const;

/** What a request's inputs ask for: reference images, a start and end frame, a first frame, or text. */
function endpointFor(params: {
  firstFrame?: MediaInput | undefined;
  lastFrame?: MediaInput | undefined;
  images?: MediaInput[] | undefined;
}): ViduEndpoint {
  if (params.images !== undefined) return 'reference2video';
  if (params.lastFrame !== undefined) return 'start-end2video';
  if (params.firstFrame !== undefined) return 'img2video';
  return 'text2video';
}

const ENDPOINT_NEEDS: Record<ViduEndpoint, { param: string; words: string }> = {
  text2video: { param: 'firstFrame', words: 'needs a firstFrame image (it makes no video from text alone)' },
  img2video: { param: 'firstFrame', words: 'cannot start from a first frame' },
  'start-end2video': { param: 'lastFrame', words: 'cannot take a last frame' },
  reference2video: { param: 'images', words: 'cannot take reference images' },
};

/** The parameters of one model, with its durations, resolutions and aspect ratios. */
function paramsFor(facts: ViduModelFacts) {
  return z
    .object({
      prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH).optional(),
      firstFrame: vocabulary.firstFrame.optional(),
      lastFrame: vocabulary.lastFrame.optional(),
      images: vocabulary.images
        .max(MAX_REFERENCE_IMAGES)
        .optional()
        .describe('Reference images, 1 to 7 (reference-to-video)'),
      duration: z.literal(facts.durations).default(facts.durations[0]),
      resolution: z
        .enum(RESOLUTIONS)
        .optional()
        .describe("Resolution; Vidu's default for the duration when left out"),
      aspectRatio: z
        .enum(facts.aspectRatios)
        .default(facts.aspectRatios[0])
        .describe('Aspect ratio (text and reference to video)'),
      movementAmplitude: z.enum(MOVEMENT_AMPLITUDES).default('auto').describe('How much things move'),
      seed: vocabulary.seed.optional(),
      bgm: z.boolean().default(false).describe('Add background music'),
      style: z.enum(STYLES).optional().describe('general or anime (Vidu Q1 text-to-video)'),
    })
    .superRefine((params, context) => {
      const issue = (param: string, message: string) =>
        context.addIssue({ code: 'custom', path: [param], message });
      const endpoint = endpointFor(params);
      if (!facts.endpoints.includes(endpoint))
        issue(ENDPOINT_NEEDS[endpoint].param, `${facts.name} ${ENDPOINT_NEEDS[endpoint].words}`);
      if (params.lastFrame !== undefined && params.firstFrame === undefined)
        issue('firstFrame', 'A lastFrame needs a firstFrame');
      if (
        params.images !== undefined &&
        (params.firstFrame !== undefined || params.lastFrame !== undefined)
      ) {
        issue('images', 'Give reference images or frames, not both');
      }
      if ((endpoint === 'text2video' || endpoint === 'reference2video') && params.prompt === undefined) {
        issue('prompt', 'A prompt is needed for this video');
      }
      const allowed = facts.resolutionsFor(params.duration);
      if (params.resolution !== undefined && !allowed.includes(params.resolution)) {
        issue('resolution', `${facts.name} makes ${params.duration} s videos at ${allowed.join(', ')}`);
      }
      if (params.style !== undefined && !facts.style) issue('style', `${facts.name} takes no style`);
    });
}
type ViduParams = z.output<ReturnType<typeof paramsFor>>;

/** The estimate in dollars from Vidu's credit table; Vidu's reported credits replace it. */
function estimate(facts: ViduModelFacts, params: Partial<ViduParams>): Price {
  const duration = params.duration ?? facts.durations[0];
  const resolution: ViduResolution = params.resolution ?? facts.resolutionsFor(duration)[0] ?? '720p';
  return {
    usd: Math.round(facts.credits(duration, resolution) * USD_PER_CREDIT * 10_000) / 10_000,
    approximate: true,
  };
}

function tasksOf(facts: ViduModelFacts): Task[] {
  const tasks: Task[] = [];
  if (facts.endpoints.includes('text2video')) tasks.push('text-to-video');
  if (facts.endpoints.some((endpoint) => endpoint !== 'text2video')) tasks.push('image-to-video');
  return tasks;
}

const exampleImage = { url: 'https://example.com/vidu-input.png' };

function exampleFor(facts: ViduModelFacts) {
  const prompt = 'a paper boat drifting down a rain-soaked street';
  return facts.endpoints.includes('text2video') ? { prompt } : { prompt, firstFrame: exampleImage };
}

/** One Vidu model: the route follows its inputs (text, first frame, start and end frame, references). */
function viduModel(facts: ViduModelFacts, createTask: CreateTask) {
  return defineModel({
    id: `vidu/${facts.model}`,
    name: facts.name,
    description: `Vidu's ${facts.model}: ${facts.endpoints.join(', ')}`,
    tasks: tasksOf(facts),
    output: 'video',
    params: paramsFor(facts),
    limits: {
      promptMaxLength: PROMPT_MAX_LENGTH,
      maxInputImages: facts.endpoints.includes('reference2video') ? MAX_REFERENCE_IMAGES : 2,
    },
    estimatePrice: (params) => estimate(facts, params),
    example: exampleFor(facts),
    async submit({ params, signal }): Promise<SubmitResult> {
      const endpoint = endpointFor(params);
      const frames = [params.firstFrame, params.lastFrame].filter((frame) => frame !== undefined);
      const images = (params.images ?? frames).map((image) => image.url);
      const shaped = endpoint === 'text2video' || endpoint === 'reference2video';
      const body = jsonBody({
        model: facts.model,
        prompt: params.prompt,
        images: endpoint === 'text2video' ? undefined : images,
        duration: params.duration,
        seed: params.seed,
        resolution: params.resolution,
        movement_amplitude: params.movementAmplitude,
        bgm: params.bgm,
        aspect_ratio: shaped ? params.aspectRatio : undefined,
        style: endpoint === 'text2video' ? params.style : undefined,
      });
      const created = await createTask(endpoint, body, signal);
      const cost =
        created.credits === undefined
          ? {}
          : { cost: { usd: Math.round(created.credits * USD_PER_CREDIT * 10_000) / 10_000 } };
      return { status: 'pending', ref: { id: created.id }, ...cost };
    },
  });
}

/** Every Vidu model, sending through `createTask`. */
export function viduModels(createTask: CreateTask) {
  return VIDU_MODELS.map((facts) => viduModel(facts, createTask));
}
