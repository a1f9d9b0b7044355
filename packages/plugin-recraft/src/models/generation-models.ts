import { defineModel, type JsonObject, jsonBody, type TypedModel } from '@genhub/provider';
import type { z } from 'zod';
import type { RecraftApi } from '../api/recraft-api.js';
import { finished } from '../response/outputs.js';
import {
  GENERATION_MODELS,
  MAX_IMAGES_PER_REQUEST,
  PROMPT_MAX_LENGTH,
  type RecraftGenerationEntry,
} from './catalogue.js';
import { v3RasterParams, v3VectorParams, v4Params } from './generation-params.js';

type V4Params = z.output<typeof v4Params>;
type V3Params = z.output<typeof v3RasterParams>;

/** `[255, 136, 0]` as Recraft's colour object. */
const rgb = (color: readonly number[]) => ({ rgb: [...color] });

/** The body fields every family shares. */
function commonBody(entry: RecraftGenerationEntry, params: V4Params | V3Params) {
  return {
    model: entry.vendorId,
    prompt: params.prompt,
    n: params.quantity,
    size: params.aspectRatio,
    style_id: params.styleId,
    response_format: 'url',
    controls: {
      colors: params.colors?.map(rgb),
      background_color: params.backgroundColor === undefined ? undefined : rgb(params.backgroundColor),
      no_text: params.noText,
      ...('artisticLevel' in params ? { artistic_level: params.artisticLevel } : {}),
    },
  };
}

function generationModel(entry: RecraftGenerationEntry, api: RecraftApi): TypedModel {
  const base = {
    id: `recraft/${entry.vendorId}`,
    name: entry.name,
    tasks: [entry.output === 'vector' ? 'text-to-vector' : 'text-to-image'] as const,
    output: entry.output,
    limits: { promptMaxLength: PROMPT_MAX_LENGTH[entry.family], maxQuantity: MAX_IMAGES_PER_REQUEST },
    estimatePrice: (params: { quantity: number }) => ({ usd: entry.usdPerImage * params.quantity }),
  };
  const generate = async (body: JsonObject, signal: AbortSignal) => {
    const answer = await api.generate(body, signal);
    return finished(answer.data, entry.output, answer.credits);
  };
  if (entry.family === 'v4') {
    return defineModel({
      ...base,
      params: v4Params,
      example: {
        prompt: 'a red fox in a snowy forest, flat design',
        aspectRatio: '16:9',
        colors: [[228, 87, 46]],
      },
      submit: ({ params, signal }) => generate(jsonBody(commonBody(entry, params)), signal),
    });
  }
  const vector = entry.output === 'vector';
  return defineModel({
    ...base,
    params: vector ? v3VectorParams : v3RasterParams,
    example: vector
      ? {
          prompt: 'a paper plane logo',
          style: 'vector_illustration',
          substyle: 'line_art',
          aspectRatio: '1:1',
        }
      : {
          prompt: 'a lighthouse at dusk',
          style: 'digital_illustration',
          substyle: 'hand_drawn',
          aspectRatio: '3:2',
        },
    submit: ({ params, signal }) =>
      generate(
        jsonBody({
          ...commonBody(entry, params),
          style: params.style,
          substyle: params.substyle,
          random_seed: params.seed,
        }),
        signal,
      ),
  });
}

/** Every generation model Recraft lists, each as a GenHub model. */
export function generationModels(api: RecraftApi): TypedModel[] {
  return GENERATION_MODELS.map((entry) => generationModel(entry, api));
}
