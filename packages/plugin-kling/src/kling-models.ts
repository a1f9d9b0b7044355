import {
  defineModel,
  GenHubError,
  jsonBody,
  type MediaInput,
  type Price,
  type SubmitResult,
  type TypedModel,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import {
  ASPECT_RATIOS,
  CAMERA_MOVES,
  type CameraMove,
  DURATIONS,
  EXTEND_UNITS,
  KLING_MODELS,
  type KlingModelFacts,
  PROMPT_MAX_LENGTH,
  SIMPLE_CAMERA_AXES,
  USD_PER_UNIT,
} from './kling-catalogue.js';
import type { KlingEndpoint } from './kling-task.js';

/** Sends one create request to `/v1/videos/<endpoint>` and answers the task id. */
export type CreateTask = (
  endpoint: KlingEndpoint,
  body: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<string>;

/** The id of the model that extends a Kling video, offered as a follow-up on extendable results. */
export const EXTEND_MODEL_ID = 'kling/video-extend';

/** Every parameter any Kling model takes; each model keeps the ones it supports. */
const allParams = z.object({
  prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH),
  negativePrompt: vocabulary.negativePrompt.max(PROMPT_MAX_LENGTH).optional(),
  aspectRatio: z
    .enum(ASPECT_RATIOS)
    .default('16:9')
    .describe('Aspect ratio (text-to-video; an image sets its own)'),
  duration: z.literal(DURATIONS).default(5),
  mode: z
    .enum(['std', 'pro'])
    .default('std')
    .describe('std: standard, cheaper; pro: professional, higher quality'),
  firstFrame: vocabulary.firstFrame.optional(),
  lastFrame: vocabulary.lastFrame.optional(),
  audio: z.boolean().default(false).describe('Native audio (pro mode)'),
  cfgScale: z.number().min(0).max(1).optional().describe('How closely to follow the prompt, 0 to 1'),
  camera: z.enum(CAMERA_MOVES).optional().describe('Camera movement'),
  cameraStrength: z
    .number()
    .int()
    .min(-10)
    .max(10)
    .refine((value) => value !== 0, 'Use -10 to 10, not 0')
    .default(5)
    .describe('Strength and direction of a horizontal/vertical/pan/tilt/roll/zoom move'),
});
type KlingParams = z.output<typeof allParams>;

/** The parameters of one model: the shared ones, its modes, and the extras it supports. */
function paramsFor(facts: KlingModelFacts): typeof allParams {
  const kept: Partial<Record<keyof KlingParams, true>> = {
    prompt: true,
    negativePrompt: true,
    aspectRatio: true,
    duration: true,
    mode: true,
    firstFrame: true,
    lastFrame: true,
    ...(facts.audioUnitsPer5s === undefined ? {} : { audio: true }),
    ...(facts.cfgScale ? { cfgScale: true } : {}),
    ...(facts.camera ? { camera: true, cameraStrength: true } : {}),
  };
  const schema = allParams
    .pick(kept)
    .extend({
      mode: z
        .enum(facts.modes)
        .default(facts.modes[0])
        .describe(allParams.shape.mode.description ?? ''),
    })
    .superRefine((params, context) => {
      if ('audio' in params && params.audio === true && params.mode !== 'pro') {
        context.addIssue({ code: 'custom', path: ['audio'], message: 'Native audio needs mode "pro"' });
      }
    });
  // Fields a model leaves out are simply absent, as the optional ones of allParams may be.
  return schema as unknown as typeof allParams;
}

/** A price in dollars from Kling units. */
export function unitsPrice(units: number): Price {
  return { usd: Math.round(units * USD_PER_UNIT * 10_000) / 10_000, approximate: true };
}

/** The estimate from Kling's unit table; a model list prices parameters without defaults applied. */
function estimate(facts: KlingModelFacts, params: Partial<KlingParams>): Price {
  const mode = params.mode ?? facts.modes[0];
  const duration = params.duration ?? DURATIONS[0];
  const per5s =
    params.audio === true && facts.audioUnitsPer5s !== undefined
      ? facts.audioUnitsPer5s
      : (facts.unitsPer5s[mode] ?? 0);
  return unitsPrice((per5s * duration) / 5);
}

/** Kling takes an image as an https link or as bare base64 (no `data:` prefix). */
function klingImage(input: MediaInput | undefined): string | undefined {
  if (input === undefined) return undefined;
  if (!input.url.startsWith('data:')) return input.url;
  return input.url.slice(input.url.indexOf(',') + 1);
}

function cameraControl(move: CameraMove | undefined, strength: number) {
  if (move === undefined) return undefined;
  if (!SIMPLE_CAMERA_AXES.includes(move)) return { type: move };
  return { type: 'simple', config: { [move]: strength } };
}

/** One text- and image-to-video model. */
function videoModel(facts: KlingModelFacts, createTask: CreateTask): TypedModel<typeof allParams> {
  return defineModel({
    id: `kling/${facts.modelName}`,
    name: facts.name,
    description: `Kling's ${facts.modelName}: text or first/last frame to video, ${facts.modes.join('/')} mode`,
    tasks: ['text-to-video', 'image-to-video'],
    output: 'video',
    params: paramsFor(facts),
    limits: { promptMaxLength: PROMPT_MAX_LENGTH, maxInputImages: 2 },
    estimatePrice: (params) => estimate(facts, params),
    example: { prompt: 'a paper boat drifting down a rain-soaked street, cinematic' },
    async submit({ params, task, signal }): Promise<SubmitResult> {
      const withFrames = params.firstFrame !== undefined || params.lastFrame !== undefined;
      if (task === 'image-to-video' && !withFrames) {
        throw new GenHubError(
          'INVALID_INPUT',
          'Kling image-to-video needs a firstFrame or lastFrame image.',
          {
            retryable: false,
            details: { param: 'firstFrame' },
          },
        );
      }
      const endpoint: KlingEndpoint = withFrames ? 'image2video' : 'text2video';
      const body = jsonBody({
        model_name: facts.modelName,
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
        cfg_scale: params.cfgScale,
        mode: params.mode,
        duration: String(params.duration),
        ...(facts.audioUnitsPer5s === undefined ? {} : { sound: params.audio ? 'on' : 'off' }),
        camera_control: cameraControl(params.camera, params.cameraStrength),
        ...(withFrames
          ? { image: klingImage(params.firstFrame), image_tail: klingImage(params.lastFrame) }
          : { aspect_ratio: params.aspectRatio }),
      });
      const id = await createTask(endpoint, body, signal);
      return { status: 'pending', ref: { id, data: { endpoint, extendable: facts.extendable } } };
    },
  });
}

const extendParams = z.object({
  videoId: z.string().trim().min(1).describe("Kling's id of the video to extend"),
  prompt: vocabulary.prompt.max(PROMPT_MAX_LENGTH).optional(),
  negativePrompt: vocabulary.negativePrompt.max(PROMPT_MAX_LENGTH).optional(),
  cfgScale: allParams.shape.cfgScale,
});

/** Extends a video Kling made by 4 to 5 seconds; offered as a follow-up on extendable results. */
function extendModel(createTask: CreateTask) {
  return defineModel({
    id: EXTEND_MODEL_ID,
    name: 'Kling video extension',
    description: 'Adds 4 to 5 seconds to a video made by a Kling 1.x model (up to 3 minutes in all)',
    tasks: ['video-to-video'],
    output: 'video',
    params: extendParams,
    limits: { promptMaxLength: PROMPT_MAX_LENGTH },
    estimatePrice: () => unitsPrice(EXTEND_UNITS),
    example: { videoId: 'kling-video-0001', prompt: 'the boat sails on into the sunset' },
    async submit({ params, signal }): Promise<SubmitResult> {
      const body = jsonBody({
        video_id: params.videoId,
        prompt: params.prompt,
        negative_prompt: params.negativePrompt,
        cfg_scale: params.cfgScale,
      });
      const id = await createTask('video-extend', body, signal);
      return { status: 'pending', ref: { id, data: { endpoint: 'video-extend', extendable: true } } };
    },
  });
}

/** Every Kling model, sending through `createTask`. */
export function klingModels(createTask: CreateTask) {
  return [...KLING_MODELS.map((facts) => videoModel(facts, createTask)), extendModel(createTask)];
}
