import { z } from 'zod';

/**
 * A media input: an http(s) URL or a `data:` URI. Local files are turned into one of these before
 * they reach a plugin; a plugin that must pre-upload (GateAI's `/api/upload`) fetches it.
 */
export const mediaInput = z.object({
  url: z.string().min(1),
  mediaType: z.string().optional(),
});
export type MediaInput = z.infer<typeof mediaInput>;

/**
 * The shared parameter vocabulary. Every model's parameter schema uses these names for these
 * meanings, so one chat command works across providers; anything else a model takes is a
 * provider-specific extra under its own name. Build a model's schema from these:
 *
 *   z.object({ prompt: vocabulary.prompt.max(1500), seed: vocabulary.seed.optional(), mode: z.enum([...]) })
 */
export const vocabulary = {
  prompt: z.string().trim().min(1).describe('What to generate'),
  negativePrompt: z.string().describe('What to keep out of the result'),
  /** `W:H`, such as `16:9`. */
  aspectRatio: z
    .string()
    .regex(/^\d{1,3}:\d{1,3}$/, 'Use W:H, such as 16:9')
    .describe('Aspect ratio, W:H'),
  width: z.number().int().positive().describe('Width in pixels'),
  height: z.number().int().positive().describe('Height in pixels'),
  /** Seconds. */
  duration: z.number().positive().describe('Length in seconds'),
  fps: z.number().int().positive().describe('Frames per second'),
  seed: z.number().int().nonnegative().describe('Seed for reproducible results'),
  quantity: z.number().int().min(1).describe('How many results'),
  images: z.array(mediaInput).min(1).describe('Input images'),
  firstFrame: mediaInput.describe('First frame of a video'),
  lastFrame: mediaInput.describe('Last frame of a video'),
  referenceVideo: mediaInput.describe('Reference video'),
  referenceAudio: mediaInput.describe('Reference audio'),
  voice: z.string().min(1).describe('Voice for speech'),
  style: z.string().min(1).describe('Style name or preset'),
} as const;

/** The vocabulary's names. */
export type VocabularyKey = keyof typeof vocabulary;
export const VOCABULARY_KEYS = Object.keys(vocabulary) as VocabularyKey[];

/** Parameters as a caller supplies them: vocabulary keys plus provider-specific extras. */
export type GenerationParams = {
  [K in VocabularyKey]?: z.input<(typeof vocabulary)[K]>;
} & Record<string, unknown>;
