/**
 * Every Veo model the Gemini API lists, with what its documentation says it takes and costs. This is
 * the one place a model's limits, defaults and prices are stated; schemas and prices read it.
 *
 * Sources: ai.google.dev/gemini-api/docs/video ("Veo API parameters and specifications", "Model
 * versions") and ai.google.dev/gemini-api/docs/pricing (Veo rows, as published 2026-04-09).
 */

export type VeoResolution = '720p' | '1080p' | '4k';
export type PersonGeneration = 'allow_all' | 'allow_adult' | 'dont_allow';

export interface VeoModelFacts {
  /** The vendor's model id, as in `models/{id}:predictLongRunning`. */
  vendorId: string;
  /** The same model's id on Vertex AI (`publishers/google/models/{id}`). */
  vertexId: string;
  /** Makes its own audio (Veo 3 and later); on Vertex AI, `generateAudio` turns it on or off. */
  nativeAudio: boolean;
  /** Takes `seed` and `generateAudio`: true on Vertex AI only (the Gemini API refuses them). */
  vertex: boolean;
  name: string;
  /** `durationSeconds` values the model takes; the last is the default. */
  durations: readonly number[];
  /** `resolution` values, the first the default; empty when the model takes no `resolution`. */
  resolutions: readonly VeoResolution[];
  /** Resolutions above 720p need an 8-second video (Veo 3 and 3.1). */
  highResolutionNeedsEightSeconds: boolean;
  /** Most videos one request may ask for (`sampleCount`). */
  maxSamples: number;
  /** `personGeneration` values for text-to-video; the first is the default. */
  personTextToVideo: readonly PersonGeneration[];
  /** `personGeneration` values when an image is given (first frame, last frame, references). */
  personWithImages: readonly PersonGeneration[];
  /** Takes `lastFrame` (with a first frame: interpolation). */
  lastFrame: boolean;
  /** Up to 3 `referenceImages` of the kind `asset`, for an 8-second 16:9 video. */
  referenceImages: boolean;
  /** Extends a 720p video it made by 7 seconds (`instances[0].video`), up to 20 times. */
  extension: boolean;
  /** Longest prompt the plugin lets through (the docs limit Veo prompts to 1,024 tokens). */
  promptMaxLength: number;
  /** US dollars per second of video, by resolution (`default` where the model has none). */
  usdPerSecond: Readonly<Partial<Record<VeoResolution | 'default', number>>>;
}

/** Seconds one extension adds to a video (docs: "Extending Veo videos"). */
export const EXTENSION_SECONDS = 7;

/** About 4 characters a token: a prompt of 1,024 tokens is some 4,000 characters. */
const PROMPT_MAX_LENGTH = 4000;

const veo3Durations = [4, 6, 8] as const;
const onlyAllowAll: readonly PersonGeneration[] = ['allow_all'];
const onlyAllowAdult: readonly PersonGeneration[] = ['allow_adult'];

export const VEO_MODELS: readonly VeoModelFacts[] = [
  {
    vendorId: 'veo-3.1-generate-preview',
    vertexId: 'veo-3.1-generate-001',
    nativeAudio: true,
    vertex: false,
    name: 'Veo 3.1',
    durations: veo3Durations,
    resolutions: ['720p', '1080p', '4k'],
    highResolutionNeedsEightSeconds: true,
    maxSamples: 1,
    personTextToVideo: onlyAllowAll,
    personWithImages: onlyAllowAdult,
    lastFrame: true,
    referenceImages: true,
    extension: true,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { '720p': 0.4, '1080p': 0.4, '4k': 0.6 },
  },
  {
    vendorId: 'veo-3.1-fast-generate-preview',
    vertexId: 'veo-3.1-fast-generate-001',
    nativeAudio: true,
    vertex: false,
    name: 'Veo 3.1 Fast',
    durations: veo3Durations,
    resolutions: ['720p', '1080p', '4k'],
    highResolutionNeedsEightSeconds: true,
    maxSamples: 1,
    personTextToVideo: onlyAllowAll,
    personWithImages: onlyAllowAdult,
    lastFrame: true,
    referenceImages: true,
    extension: true,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { '720p': 0.1, '1080p': 0.12, '4k': 0.3 },
  },
  {
    vendorId: 'veo-3.1-lite-generate-preview',
    vertexId: 'veo-3.1-lite-generate-001',
    nativeAudio: true,
    vertex: false,
    name: 'Veo 3.1 Lite',
    durations: veo3Durations,
    resolutions: ['720p', '1080p'],
    highResolutionNeedsEightSeconds: true,
    maxSamples: 1,
    personTextToVideo: onlyAllowAll,
    personWithImages: onlyAllowAdult,
    lastFrame: true,
    referenceImages: false,
    extension: false,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { '720p': 0.05, '1080p': 0.08 },
  },
  {
    vendorId: 'veo-3.0-generate-001',
    vertexId: 'veo-3.0-generate-001',
    nativeAudio: true,
    vertex: false,
    name: 'Veo 3',
    durations: veo3Durations,
    resolutions: ['720p', '1080p'],
    highResolutionNeedsEightSeconds: true,
    maxSamples: 1,
    personTextToVideo: onlyAllowAll,
    personWithImages: onlyAllowAdult,
    lastFrame: false,
    referenceImages: false,
    extension: false,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { '720p': 0.4, '1080p': 0.4 },
  },
  {
    vendorId: 'veo-3.0-fast-generate-001',
    vertexId: 'veo-3.0-fast-generate-001',
    nativeAudio: true,
    vertex: false,
    name: 'Veo 3 Fast',
    durations: veo3Durations,
    resolutions: ['720p', '1080p'],
    highResolutionNeedsEightSeconds: true,
    maxSamples: 1,
    personTextToVideo: onlyAllowAll,
    personWithImages: onlyAllowAdult,
    lastFrame: false,
    referenceImages: false,
    extension: false,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { '720p': 0.15, '1080p': 0.15 },
  },
  {
    vendorId: 'veo-2.0-generate-001',
    vertexId: 'veo-2.0-generate-001',
    nativeAudio: false,
    vertex: false,
    name: 'Veo 2',
    durations: [5, 6, 8],
    resolutions: [],
    highResolutionNeedsEightSeconds: false,
    maxSamples: 2,
    personTextToVideo: ['allow_adult', 'allow_all', 'dont_allow'],
    personWithImages: ['allow_adult', 'dont_allow'],
    lastFrame: false,
    referenceImages: false,
    extension: false,
    promptMaxLength: PROMPT_MAX_LENGTH,
    usdPerSecond: { default: 0.35 },
  },
];

/**
 * A model as Vertex AI offers it: its Vertex id, `seed` and `generateAudio`, and no extension (Vertex
 * AI extends only videos in Cloud Storage, which this plugin does not use).
 */
export function onVertex(facts: VeoModelFacts): VeoModelFacts {
  return { ...facts, vendorId: facts.vertexId, vertex: true, extension: false };
}
