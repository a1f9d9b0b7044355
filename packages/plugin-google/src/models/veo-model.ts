import { defineModel, GenHubError, type HttpClient, type TypedModel } from '@genhub/provider';
import type { VeoTransport } from '../api/veo-transport.js';
import { DefaultGoogleOptions } from '../config.js';
import { predictBody } from '../request/predict-body.js';
import { veoInputs } from '../request/veo-inputs.js';
import type { VeoModelFacts } from './veo-catalogue.js';
import { veoParams } from './veo-params.js';
import { veoPrice } from './veo-price.js';

/** The id of a Veo model in GenHub: `google/<the vendor's model id>`. */
export const modelId = (facts: VeoModelFacts) => `google/${facts.vendorId}`;

/** What a task ref keeps for its poll: the videos asked for, their estimated price, and how to extend them. */
export type VeoTaskData = {
  requested: number;
  usd: number;
  /** Present when the videos can be extended: the request an Extend button repeats. */
  extend?: ExtendRequest;
};

/** An extension's request but for the video: the same model, prompt and aspect ratio. */
export type ExtendRequest = {
  model: string;
  prompt: string;
  aspectRatio: string;
};

export interface VeoModelDependencies {
  /** Starts the operation (the Gemini API's or Vertex AI's). */
  transport: VeoTransport;
  /** A client without the API key, for fetching input images. */
  plainHttp: HttpClient;
  /** The configured API origin: a video to extend must be one of its files. */
  apiOrigin: string;
}

/** One Veo model: its parameters from the catalogue, its price, and its submit. */
export function veoModel(facts: VeoModelFacts, deps: VeoModelDependencies): TypedModel {
  const params = veoParams(facts);
  return defineModel({
    id: modelId(facts),
    name: facts.name,
    description: `Google ${facts.name} through ${facts.vertex ? 'Vertex AI' : 'the Gemini API'}`,
    tasks: facts.extension
      ? ['text-to-video', 'image-to-video', 'video-to-video']
      : ['text-to-video', 'image-to-video'],
    output: 'video',
    params,
    limits: {
      promptMaxLength: facts.promptMaxLength,
      maxQuantity: facts.maxSamples,
      maxInputImages: facts.referenceImages ? 3 : facts.lastFrame ? 2 : 1,
    },
    timeouts: { deadlineMs: DefaultGoogleOptions.deadlineMs },
    estimatePrice: (values) => veoPrice(facts, values),
    example: { prompt: 'a paper boat drifting down a rainy street, cinematic' },
    async submit({ params: values, task, signal }) {
      const { extendVideo, resolution } = values as { extendVideo?: string; resolution?: string };
      if (task === 'video-to-video' && extendVideo === undefined) {
        throw new GenHubError(
          'INVALID_INPUT',
          `${facts.name} extends a video it made: give its link (extendVideo).`,
          {
            retryable: false,
            details: { param: 'extendVideo' },
          },
        );
      }
      if (extendVideo !== undefined && new URL(extendVideo).origin !== deps.apiOrigin) {
        throw new GenHubError(
          'INVALID_INPUT',
          'Only a video Veo made through this Gemini API can be extended (extendVideo).',
          {
            retryable: false,
            details: { param: 'extendVideo' },
          },
        );
      }
      const inputs = veoInputs(values, task);
      const body = await predictBody(facts, values, inputs, deps.plainHttp, signal);
      const operation = await deps.transport.start(facts.vendorId, body, signal);
      const extendable = facts.extension && (resolution === undefined || resolution === '720p');
      const data: VeoTaskData = {
        requested: values.quantity,
        usd: veoPrice(facts, values).usd,
        ...(extendable
          ? { extend: { model: modelId(facts), prompt: values.prompt, aspectRatio: values.aspectRatio } }
          : {}),
      };
      return { status: 'pending', ref: { id: operation.name, data } };
    },
  });
}
