import { type HttpClient, type JsonObject, jsonBody } from '@genhub/provider';
import type { VeoModelFacts } from '../models/veo-catalogue.js';
import type { VeoParams } from '../models/veo-params.js';
import { inlineImage } from './inline-image.js';
import type { VeoInputs } from './veo-inputs.js';

/** The parameters only some Veo models take. */
interface ModelSpecificParams {
  extendVideo?: string;
  seed?: number;
  generateAudio?: boolean;
  resolution?: string;
}

/**
 * The body of `:predictLongRunning`, as the Gemini API documents it (and js-genai's
 * generateVideosParametersToMldev writes it; Vertex AI takes the same): one instance with the prompt
 * and the images, and the parameters. Images go inline, base64; the API fetches no links.
 */
export async function predictBody(
  facts: VeoModelFacts,
  params: VeoParams,
  inputs: VeoInputs,
  http: HttpClient,
  signal: AbortSignal,
): Promise<JsonObject> {
  // Only some models have these; the schema has checked their types where they are.
  const { resolution, extendVideo, seed, generateAudio } = params as ModelSpecificParams;
  const { firstFrame, lastFrame, references } = inputs;
  const withImages = firstFrame !== undefined || references !== undefined;
  const instance = {
    prompt: params.prompt,
    // A video to extend: the link the API gave, which it reads with the same key.
    video: extendVideo === undefined ? undefined : { uri: extendVideo },
    image: firstFrame && (await inlineImage(firstFrame, 'firstFrame', http, signal)),
    lastFrame: lastFrame && (await inlineImage(lastFrame, 'lastFrame', http, signal)),
    referenceImages:
      references &&
      (await Promise.all(
        references.map(async (reference, index) => ({
          image: await inlineImage(reference, `images.${index}`, http, signal),
          referenceType: 'asset',
        })),
      )),
  };
  const personGeneration =
    params.personGeneration ?? (withImages ? facts.personWithImages[0] : facts.personTextToVideo[0]);
  return jsonBody({
    instances: [instance],
    parameters: {
      aspectRatio: params.aspectRatio,
      durationSeconds: params.duration,
      resolution,
      personGeneration,
      negativePrompt: params.negativePrompt,
      sampleCount: params.quantity,
      seed,
      generateAudio,
    },
  });
}
