import {
  defineModel,
  GenHubError,
  type HttpClient,
  type HttpRequest,
  type TypedModel,
} from '@genhub/provider';
import { DefaultGoogleOptions } from '../config.js';
import { predictBody } from '../request/predict-body.js';
import type { VeoModelFacts } from './veo-catalogue.js';
import { veoParams } from './veo-params.js';
import { veoPrice } from './veo-price.js';

/** The id of a Veo model in GenHub: `google/<the vendor's model id>`. */
export const modelId = (facts: VeoModelFacts) => `google/${facts.vendorId}`;

/** What a task ref keeps for its poll: the videos asked for and their estimated price. */
export interface VeoTaskData {
  requested: number;
  usd: number;
}

export interface VeoModelDependencies {
  /** Sends a request to the Gemini API and returns the operation it answers with. */
  startOperation(request: HttpRequest): Promise<{ name: string }>;
  /** A client without the API key, for fetching input images. */
  plainHttp: HttpClient;
}

/** One Veo model: its parameters from the catalogue, its price, and its submit. */
export function veoModel(facts: VeoModelFacts, deps: VeoModelDependencies): TypedModel {
  const params = veoParams(facts);
  return defineModel({
    id: modelId(facts),
    name: facts.name,
    description: `Google ${facts.name} through the Gemini API`,
    tasks: ['text-to-video', 'image-to-video'],
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
      if (task === 'image-to-video' && values.firstFrame === undefined) {
        throw new GenHubError(
          'INVALID_INPUT',
          `${facts.name} needs a first frame (firstFrame) for image-to-video.`,
          {
            retryable: false,
            details: { param: 'firstFrame' },
          },
        );
      }
      const body = await predictBody(facts, values, deps.plainHttp, signal);
      const operation = await deps.startOperation({
        method: 'POST',
        url: `/${DefaultGoogleOptions.apiVersion}/models/${facts.vendorId}:predictLongRunning`,
        json: body,
        signal,
      });
      const data: VeoTaskData = { requested: values.quantity, usd: veoPrice(facts, values).usd };
      return { status: 'pending', ref: { id: operation.name, data: { ...data } } };
    },
  });
}
