import { safetyControl, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { PersonGeneration, VeoModelFacts } from './veo-catalogue.js';

/** The aspect ratios every Veo model takes; the first is the default. */
export const VEO_ASPECT_RATIOS = ['16:9', '9:16'] as const;

/** Most reference images one request may carry. */
export const MAX_REFERENCE_IMAGES = 3;

/** A video in the Gemini API's Files API, as a finished Veo operation links it. */
export const FILES_API_VIDEO = /^https?:\/\/[^/?#]+\/v1beta\/files\/[\w-]+:download(\?alt=media)?$/;

/**
 * A Veo model's parameters, from its facts: the shared vocabulary where it fits (`firstFrame`,
 * `lastFrame`, `images`, `quantity` for `sampleCount`), Veo's own names otherwise. The combinations
 * the docs rule out are refused here, naming the parameter, before any request is sent; the rules of
 * `images`, which depend on the task, are checked by `veoInputs` before the request.
 */
export function veoParams(facts: VeoModelFacts) {
  const defaultDuration = facts.durations[facts.durations.length - 1] as number;
  const people = [...new Set([...facts.personTextToVideo, ...facts.personWithImages])] as [
    PersonGeneration,
    ...PersonGeneration[],
  ];
  const shape = {
    prompt: vocabulary.prompt.max(facts.promptMaxLength),
    negativePrompt: vocabulary.negativePrompt.max(facts.promptMaxLength).optional(),
    aspectRatio: z.enum(VEO_ASPECT_RATIOS).default('16:9').describe('Aspect ratio, W:H'),
    duration: z
      .literal(facts.durations as [number, ...number[]])
      .default(defaultDuration)
      .describe('Length in seconds'),
    quantity: vocabulary.quantity.max(facts.maxSamples).default(1),
    personGeneration: personGeneration(facts, people),
    firstFrame: vocabulary.firstFrame.optional(),
    ...(facts.resolutions.length === 0
      ? {}
      : {
          resolution: z
            .enum(facts.resolutions as [string, ...string[]])
            .default(facts.resolutions[0] as string)
            .describe('Video resolution'),
        }),
    ...(facts.lastFrame ? { lastFrame: vocabulary.lastFrame.optional() } : {}),
    ...(facts.referenceImages
      ? {
          images: vocabulary.images
            .max(MAX_REFERENCE_IMAGES)
            .describe('Reference images (assets)')
            .optional(),
        }
      : {}),
    ...(facts.vertex ? { seed: vocabulary.seed.max(4_294_967_295).optional() } : {}),
    ...(facts.vertex && facts.nativeAudio
      ? { generateAudio: z.boolean().default(true).describe('Make sound with the video') }
      : {}),
    ...(facts.extension
      ? {
          extendVideo: z
            .string()
            .regex(FILES_API_VIDEO, 'Use the link of a video Veo made (the Gemini Files API)')
            .optional()
            .describe('A 720p video Veo made, to extend by 7 seconds'),
        }
      : {}),
  };
  return z.object(shape).superRefine((params, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    const { duration, personGeneration, firstFrame } = params;
    const resolution = 'resolution' in params ? params.resolution : undefined;
    const lastFrame = 'lastFrame' in params ? params.lastFrame : undefined;
    const images = 'images' in params ? params.images : undefined;
    const extendVideo = 'extendVideo' in params ? params.extendVideo : undefined;
    if (extendVideo !== undefined) {
      if (firstFrame !== undefined || lastFrame !== undefined || images !== undefined) {
        issue('extendVideo', 'Extending a video takes no first frame, last frame or reference images');
      }
      if (resolution !== undefined && resolution !== '720p') issue('resolution', 'An extension is 720p');
      if (duration !== 8) issue('duration', 'An extension needs duration 8');
    }
    // What `images` are depends on the task (frames or references): see `veoInputs`.
    if (lastFrame !== undefined && firstFrame === undefined && images === undefined) {
      issue('lastFrame', 'A last frame needs a first frame (firstFrame)');
    }
    if (facts.highResolutionNeedsEightSeconds && resolution !== undefined && resolution !== '720p') {
      if (duration !== 8) issue('duration', `${resolution} needs an 8-second video`);
    }
    if (personGeneration !== undefined) {
      const withImages = (firstFrame !== undefined || images !== undefined) && extendVideo === undefined;
      const allowed = withImages ? facts.personWithImages : facts.personTextToVideo;
      if (!allowed.includes(personGeneration)) {
        issue(
          'personGeneration',
          `${withImages ? 'With an input image' : 'For text-to-video'} use ${allowed.join(' or ')}`,
        );
      }
    }
  });
}

export type VeoParams = z.output<ReturnType<typeof veoParams>>;

/**
 * Whether people may appear. A safety control (`strict` no people, otherwise adults only, Google's
 * default) where the model takes both values with and without images (Veo 2); Veo 3 takes one
 * value per mode, so there is nothing for a level to choose.
 */
function personGeneration(facts: VeoModelFacts, people: [PersonGeneration, ...PersonGeneration[]]) {
  const schema = z
    .enum(people)
    .describe('Whether people may appear: allow_all, allow_adult or dont_allow')
    .optional();
  const choosable = (['dont_allow', 'allow_adult'] as const).every(
    (value) => facts.personTextToVideo.includes(value) && facts.personWithImages.includes(value),
  );
  return choosable
    ? safetyControl(schema, { strict: 'dont_allow', standard: 'allow_adult', mature: 'allow_adult' })
    : schema;
}
