import {
  defineModel,
  GenHubError,
  jsonBody,
  type SizeSpec,
  type TypedModel,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import type { BflApi } from '../bfl-api.js';
import { inputImageFields, requireImagesForEdit } from '../input-images.js';
import { type MegapixelRate, megapixelPrice } from '../pricing.js';
import { outputFormat, promptUpsampling, safetyTolerance } from './shared-params.js';
import { submitTask } from './submit-task.js';

/** One FLUX.2 endpoint: its documented reference-image limit and its megapixel price. */
interface Flux2Facts {
  endpoint: string;
  name: string;
  description: string;
  maxInputImages: number;
  rate: MegapixelRate;
  /** [flex] alone takes steps, guidance and prompt upsampling. */
  tunable: boolean;
}

/** The FLUX.2 endpoints of BFL's API reference (docs.bfl.ai/api-reference/models). */
const FLUX2_MODELS: readonly Flux2Facts[] = [
  {
    endpoint: 'flux-2-max',
    name: 'FLUX.2 [max]',
    description: "BFL's highest-quality FLUX.2: generation and editing with up to 8 reference images.",
    maxInputImages: 8,
    rate: { firstMegapixelCredits: 7, megapixelCredits: 3 },
    tunable: false,
  },
  {
    endpoint: 'flux-2-pro',
    name: 'FLUX.2 [pro]',
    description: 'FLUX.2 for production: fast generation and editing with up to 8 reference images.',
    maxInputImages: 8,
    rate: { firstMegapixelCredits: 3, megapixelCredits: 1.5 },
    tunable: false,
  },
  {
    endpoint: 'flux-2-flex',
    name: 'FLUX.2 [flex]',
    description: 'FLUX.2 with adjustable steps and guidance, strong at typography; up to 8 reference images.',
    maxInputImages: 8,
    rate: { firstMegapixelCredits: 5, megapixelCredits: 5 },
    tunable: true,
  },
  {
    endpoint: 'flux-2-klein-9b',
    name: 'FLUX.2 [klein] 9B',
    description: 'Fast, low-cost FLUX.2 (9B): generation and editing with up to 4 reference images.',
    maxInputImages: 4,
    rate: { firstMegapixelCredits: 1.5, megapixelCredits: 0.2 },
    tunable: false,
  },
  {
    endpoint: 'flux-2-klein-4b',
    name: 'FLUX.2 [klein] 4B',
    description: 'The fastest, cheapest FLUX.2 (4B): generation and editing with up to 4 reference images.',
    maxInputImages: 4,
    rate: { firstMegapixelCredits: 1.4, megapixelCredits: 0.1 },
    tunable: false,
  },
];

/** FLUX.2 output: edges from 64 px in steps of 16, at most 4 megapixels in all; presets of about 1 megapixel. */
const MAX_PIXELS = 2048 * 2048;
const SIZES: SizeSpec = {
  range: { minWidth: 64, maxWidth: 4096, minHeight: 64, maxHeight: 4096, step: 16 },
  presets: [
    { label: '1:1', width: 1024, height: 1024 },
    { label: '16:9', width: 1344, height: 768 },
    { label: '9:16', width: 768, height: 1344 },
    { label: '4:3', width: 1184, height: 880 },
    { label: '3:4', width: 880, height: 1184 },
  ],
};
/** The size priced when none is asked for: BFL then matches the input image, or makes 1 megapixel. */
const DEFAULT_SIZE = { width: 1024, height: 1024 };

const edge = (what: 'Width' | 'Height') =>
  z.number().int().min(64).multipleOf(16).describe(`${what} in pixels, a multiple of 16`);

function paramsFor(facts: Flux2Facts) {
  return z.object({
    prompt: vocabulary.prompt,
    images: vocabulary.images.max(facts.maxInputImages).optional(),
    width: edge('Width').optional(),
    height: edge('Height').optional(),
    seed: vocabulary.seed.optional(),
    safetyTolerance: safetyTolerance(5),
    outputFormat: outputFormat('jpeg'),
    ...(facts.tunable
      ? {
          steps: z.number().int().min(1).max(50).default(50).describe('Inference steps'),
          guidance: z.number().min(1.5).max(10).default(4.5).describe('How closely to follow the prompt'),
          promptUpsampling: promptUpsampling(true),
        }
      : {}),
  });
}

/** An output size BFL would refuse, refused here first, naming the parameter. */
function checkPixelCount(width: number | undefined, height: number | undefined): void {
  if (width === undefined || height === undefined || width * height <= MAX_PIXELS) return;
  throw new GenHubError(
    'INVALID_INPUT',
    `${width}x${height} is more than FLUX.2's 4 megapixels; make the width or height smaller.`,
    { retryable: false, details: { param: 'width' } },
  );
}

function flux2Model(api: BflApi, facts: Flux2Facts): TypedModel {
  const params = paramsFor(facts);
  return defineModel({
    id: `bfl/${facts.endpoint}`,
    name: facts.name,
    description: facts.description,
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params,
    sizes: SIZES,
    limits: { maxInputImages: facts.maxInputImages },
    estimatePrice: (p) =>
      megapixelPrice(
        facts.rate,
        { width: p.width ?? DEFAULT_SIZE.width, height: p.height ?? DEFAULT_SIZE.height },
        p.images?.length ?? 0,
      ),
    example: { prompt: 'a lighthouse on a cliff at dusk, film photograph' },
    async submit({ params: p, task, signal }) {
      requireImagesForEdit(task, p.images);
      checkPixelCount(p.width, p.height);
      const tuning =
        'steps' in p ? { steps: p.steps, guidance: p.guidance, prompt_upsampling: p.promptUpsampling } : {};
      const body = jsonBody({
        prompt: p.prompt,
        ...inputImageFields(p.images),
        width: p.width,
        height: p.height,
        seed: p.seed,
        safety_tolerance: p.safetyTolerance,
        output_format: p.outputFormat,
        ...tuning,
      });
      return submitTask(api, { endpoint: facts.endpoint, body, format: p.outputFormat, signal });
    },
  });
}

/** Every FLUX.2 model, sending through this API. */
export function flux2Models(api: BflApi): TypedModel[] {
  return FLUX2_MODELS.map((facts) => flux2Model(api, facts));
}
