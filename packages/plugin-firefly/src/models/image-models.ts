import {
  defineModel,
  type HttpClient,
  jsonBody,
  mediaInput,
  type TypedModel,
  vocabulary,
} from '@genhub/provider';
import { z } from 'zod';
import type { FireflyApi } from '../api/firefly-api.js';
import { acceptedJob } from '../api/job-status.js';
import { uploadImage } from '../api/upload-image.js';

/**
 * The image models, chosen with the `x-model-version` header of `POST /v3/images/generate-async`.
 * Adobe publishes no per-call price for Firefly Services (it is sold by contract in generative
 * credits); the estimate is the sources log's ~$0.02 an image.
 */
export const IMAGE_MODELS = [
  { version: 'image3', name: 'Firefly Image 3', description: 'Firefly Image Model 3.' },
  {
    version: 'image4_standard',
    name: 'Firefly Image 4',
    description: 'Firefly Image Model 4: people, animals, detailed scenes.',
  },
  {
    version: 'image4_ultra',
    name: 'Firefly Image 4 Ultra',
    description: 'Firefly Image Model 4 Ultra: photorealistic scenes and detail.',
  },
] as const;

const USD_PER_IMAGE = 0.02;

/** The documented output sizes by aspect ratio. */
export const IMAGE_SIZES = {
  '1:1': { width: 2048, height: 2048 },
  '4:3': { width: 2304, height: 1792 },
  '3:4': { width: 1792, height: 2304 },
  '16:9': { width: 2688, height: 1536 },
} as const;

const aspectRatios = Object.keys(IMAGE_SIZES) as [keyof typeof IMAGE_SIZES, ...(keyof typeof IMAGE_SIZES)[]];
const strength = (what: string) => z.number().int().min(0).max(100).describe(what);

export const imageParams = z.object({
  prompt: vocabulary.prompt.max(1024),
  negativePrompt: vocabulary.negativePrompt.max(1024).optional(),
  aspectRatio: z.enum(aspectRatios).default('1:1').describe('Aspect ratio: 1:1, 4:3, 3:4 or 16:9'),
  quantity: vocabulary.quantity.max(4).default(1),
  seed: vocabulary.seed.optional(),
  contentClass: z.enum(['photo', 'art']).describe('Guide towards a photo or art').optional(),
  style: vocabulary.style
    .regex(
      /^[a-z0-9_]+(,[a-z0-9_]+)*$/,
      'Use Firefly style preset ids, comma-separated, such as watercolor,golden_hour',
    )
    .describe('Firefly style presets, comma-separated (watercolor, golden_hour, ...)')
    .optional(),
  styleImage: mediaInput.describe('An image whose style to match').optional(),
  styleStrength: strength('How strongly to apply the style, 1 to 100').min(1).optional(),
  images: vocabulary.images.max(1).describe('An image whose layout to keep (structure reference)').optional(),
  structureStrength: strength('How closely to keep the layout, 0 to 100').optional(),
  visualIntensity: z.number().int().min(2).max(10).describe('Visual intensity, 2 to 10').optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}$/, 'Use language-REGION, such as en-US')
    .describe('Bias the prompt towards a region, such as en-US')
    .optional(),
});

export function imageModel(
  api: FireflyApi,
  plain: HttpClient,
  facts: (typeof IMAGE_MODELS)[number],
): TypedModel<typeof imageParams> {
  return defineModel({
    id: `firefly/${facts.version}`,
    name: facts.name,
    description: facts.description,
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params: imageParams,
    sizes: { presets: aspectRatios.map((label) => ({ label, ...IMAGE_SIZES[label] })) },
    limits: { promptMaxLength: 1024, maxQuantity: 4, maxInputImages: 1 },
    estimatePrice: ({ quantity }) => ({ usd: (quantity ?? 1) * USD_PER_IMAGE, approximate: true }),
    timeouts: { deadlineMs: 10 * 60_000 },
    example: { prompt: 'a lighthouse at dusk, oil painting' },
    async submit({ params, signal }) {
      const styleUpload =
        params.styleImage === undefined
          ? undefined
          : await uploadImage(api, plain, params.styleImage, 'styleImage', signal);
      const structure = params.images?.[0];
      const structureUpload =
        structure === undefined ? undefined : await uploadImage(api, plain, structure, 'images', signal);
      const job = await api.json(
        {
          method: 'POST',
          url: '/v3/images/generate-async',
          headers: { 'x-model-version': facts.version },
          json: jsonBody({
            prompt: params.prompt,
            negativePrompt: params.negativePrompt,
            numVariations: params.quantity,
            seeds:
              params.seed === undefined
                ? undefined
                : Array.from({ length: params.quantity }, (_, i) => params.seed! + i),
            size: IMAGE_SIZES[params.aspectRatio],
            contentClass: params.contentClass,
            visualIntensity: params.visualIntensity,
            promptBiasingLocaleCode: params.locale,
            style: {
              presets: params.style?.split(','),
              strength: params.styleStrength,
              imageReference: styleUpload === undefined ? undefined : { source: { uploadId: styleUpload } },
            },
            structure: {
              strength: params.structureStrength,
              imageReference:
                structureUpload === undefined ? undefined : { source: { uploadId: structureUpload } },
            },
          }),
          signal,
        },
        acceptedJob,
      );
      return { status: 'pending', ref: { id: job.jobId, data: { output: 'image' } } };
    },
  });
}
