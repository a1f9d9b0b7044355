import {
  defineModel,
  GenHubError,
  type HttpClient,
  jsonBody,
  mediaTypeForExtension,
  type SubmitResult,
  type TypedModel,
  type Warning,
} from '@genhub/provider';
import type { ImagesAnswer } from '../api/answers.js';
import type { OpenAiApi } from '../api/openai-api.js';
import { loadInputFile } from '../request/input-file.js';
import {
  EDIT_IMAGE_MAX_BYTES,
  IMAGE_MODELS,
  type ImageModelEntry,
  MASK_MAX_BYTES,
  MAX_EDIT_IMAGES,
  MAX_IMAGES_PER_REQUEST,
  PROMPT_MAX_LENGTH,
} from './image-catalogue.js';
import { type ImageParams, imageParams } from './image-params.js';
import { imagePrice } from './image-price.js';
import { sizeForAspectRatio } from './image-size.js';

/** OpenAI's base64 images as GenHub outputs, typed by the format they were written in. */
function finished(
  answer: ImagesAnswer,
  requested: ImageParams['outputFormat'],
  warnings: Warning[],
): SubmitResult {
  const mediaType = mediaTypeForExtension(answer.output_format ?? requested, 'image') ?? 'image/png';
  const outputs = answer.data.flatMap((image) =>
    image.b64_json === undefined
      ? []
      : [{ kind: 'bytes' as const, data: Buffer.from(image.b64_json, 'base64'), mediaType }],
  );
  if (outputs.length === 0) {
    throw new GenHubError('PROVIDER_UNAVAILABLE', 'OpenAI answered without an image; try again.', {
      provider: 'openai',
      beforeAcceptance: false,
    });
  }
  return { status: 'succeeded', outputs, ...(warnings.length === 0 ? {} : { warnings }) };
}

function imageModel(entry: ImageModelEntry, api: OpenAiApi, http: HttpClient): TypedModel {
  const params = imageParams(entry);
  return defineModel({
    id: `openai/${entry.vendorId}`,
    name: entry.name,
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params,
    limits: {
      promptMaxLength: PROMPT_MAX_LENGTH,
      maxQuantity: MAX_IMAGES_PER_REQUEST,
      maxInputImages: MAX_EDIT_IMAGES,
    },
    estimatePrice: (values) =>
      imagePrice(entry, {
        ...values,
        size:
          values.aspectRatio === undefined ? values.size : sizeForAspectRatio(entry, values.aspectRatio).size,
      }),
    example: {
      prompt: 'a watercolor lighthouse at dusk',
      size: '1536x1024',
      quality: 'low',
      outputFormat: 'webp',
    },
    async submit({ params: values, task, signal }) {
      const fromRatio =
        values.aspectRatio === undefined ? undefined : sizeForAspectRatio(entry, values.aspectRatio);
      const warnings = fromRatio?.warning === undefined ? [] : [fromRatio.warning];
      const done = (answer: ImagesAnswer) => finished(answer, values.outputFormat, warnings);
      const shared = {
        model: entry.vendorId,
        prompt: values.prompt,
        n: values.quantity,
        size: fromRatio?.size ?? values.size,
        quality: values.quality,
        background: values.background,
        output_format: values.outputFormat,
        output_compression: values.outputCompression,
      };
      if (values.images === undefined) {
        if (task === 'image-to-image') {
          throw new GenHubError('INVALID_INPUT', `${entry.name} needs an image to edit (images).`, {
            retryable: false,
            details: { param: 'images' },
          });
        }
        const answer = await api.generateImages(
          jsonBody({ ...shared, moderation: values.moderation }),
          signal,
        );
        return done(answer);
      }
      const load =
        (param: string, maxBytes: number) => (input: { url: string; mediaType?: string | undefined }) =>
          loadInputFile(
            { url: input.url, ...(input.mediaType === undefined ? {} : { mediaType: input.mediaType }) },
            { param, maxBytes, http, signal },
          );
      const images = await Promise.all(values.images.map(load('images', EDIT_IMAGE_MAX_BYTES)));
      const mask = values.mask === undefined ? undefined : await load('mask', MASK_MAX_BYTES)(values.mask);
      const fidelity =
        'inputFidelity' in values && typeof values.inputFidelity === 'string'
          ? values.inputFidelity
          : undefined;
      const answer = await api.editImages({ ...shared, input_fidelity: fidelity }, images, mask, signal);
      return done(answer);
    },
  });
}

/** GPT Image 2, 1.5, 1 and 1 mini: each generates from a prompt and edits given images. */
export function imageModels(api: OpenAiApi, http: HttpClient): TypedModel[] {
  return IMAGE_MODELS.map((entry) => imageModel(entry, api, http));
}
