import type { Clock } from '@genhub/core';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  startFakeServer,
} from '@genhub/testkit';

/*
 * A fake of the Gemini API's Veo routes on 127.0.0.1, written from ai.google.dev/gemini-api/docs/video
 * and the API reference (models.predictLongRunning, models.operations.get, files download):
 *   POST /v1beta/models/{model}:predictLongRunning  { instances: [...], parameters: {...} } -> { name }
 *   GET  /v1beta/models/{model}/operations/{id}     -> { name, done?, error? | response? }
 *   GET  /v1beta/files/{id}:download?alt=media      -> 302 to the video's storage link
 * Every route wants the key in `x-goog-api-key` (or, as every Google API takes it, `?key=`); a wrong
 * key is answered 400 INVALID_ARGUMENT "API key not valid", as the API does. Errors are
 * `{ error: { code, message, status, details? } }`.
 */

export const FAKE_GOOGLE_KEY = 'AIzaSyFake-veo-key-0123456789abcdef';

/** What the fake knows of each model: the durations, resolutions and samples the docs allow. */
const MODELS: Readonly<
  Record<
    string,
    {
      durations: number[];
      resolutions: string[];
      maxSamples: number;
      lastFrame: boolean;
      references: boolean;
      extension?: boolean;
    }
  >
> = {
  'veo-3.1-generate-preview': {
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    lastFrame: true,
    references: true,
    extension: true,
  },
  'veo-3.1-fast-generate-preview': {
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    lastFrame: true,
    references: true,
    extension: true,
  },
  'veo-3.1-lite-generate-preview': {
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    maxSamples: 1,
    lastFrame: true,
    references: false,
  },
  'veo-3.0-generate-001': {
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    maxSamples: 1,
    lastFrame: false,
    references: false,
  },
  'veo-3.0-fast-generate-001': {
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    maxSamples: 1,
    lastFrame: false,
    references: false,
  },
  'veo-2.0-generate-001': {
    durations: [5, 6, 8],
    resolutions: [],
    maxSamples: 2,
    lastFrame: false,
    references: false,
  },
};

/** How the fake's next operations end. */
export type FakeEnding =
  | 'succeeded'
  /** Every video removed by the safety filters: done, with `raiMediaFilteredCount` and reasons. */
  | 'filtered'
  /** Done with `error` (a google.rpc.Status). */
  | { code: number; message: string };

export interface FakeOperationPlan {
  /** Polls answered not-done before the ending (ignored when `readyAfterMs` is given). */
  runningPolls: number;
  /** Done once the fake's clock has moved this far past the submit. */
  readyAfterMs?: number;
  ending: FakeEnding;
}

interface FakeOperation {
  name: string;
  model: string;
  samples: number;
  startedAt: number;
  polls: number;
  plan: FakeOperationPlan;
}

export interface FakeGoogleApi {
  readonly url: string;
  readonly server: FakeServer;
  readonly apiKey: string;
  /** Sets how new operations go and puts back the API's own routes. */
  plan(plan: FakeOperationPlan): void;
  /** When each operation's ending was first reachable, by its name (clock ms). */
  readyAt(name: string): number | undefined;
  /** When a poll first saw it done (clock ms). */
  seenDoneAt(name: string): number | undefined;
  close(): Promise<void>;
}

const googleError = (code: number, status: string, message: string, details?: unknown[]): FakeResponse => ({
  status: code,
  json: { error: { code, message, status, ...(details === undefined ? {} : { details }) } },
});
const invalid = (message: string) => googleError(400, 'INVALID_ARGUMENT', message);
const badKey = googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'API_KEY_INVALID',
    domain: 'googleapis.com',
  },
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented image shape: `{ bytesBase64Encoded, mimeType }` with PNG, JPEG or WebP. */
function imageProblem(image: unknown, where: string): string | undefined {
  if (!isObject(image)) return `${where} must be an object.`;
  if (typeof image.bytesBase64Encoded !== 'string' || image.bytesBase64Encoded === '') {
    return `${where}.bytesBase64Encoded is required.`;
  }
  if (!['image/png', 'image/jpeg', 'image/webp'].includes(String(image.mimeType))) {
    return `${where}.mimeType must be image/png, image/jpeg or image/webp.`;
  }
  return undefined;
}

/** What the real API refuses in a predictLongRunning body, per the docs' parameter table. */
function bodyProblem(model: string, body: unknown, ownFile: (uri: string) => boolean): string | undefined {
  const facts = MODELS[model];
  if (facts === undefined) return undefined;
  if (!isObject(body) || !Array.isArray(body.instances) || body.instances.length !== 1) {
    return 'instances must hold exactly one instance.';
  }
  const instance = body.instances[0];
  if (!isObject(instance) || typeof instance.prompt !== 'string' || instance.prompt.trim() === '') {
    return 'instances[0].prompt is required.';
  }
  for (const key of Object.keys(instance)) {
    if (!['prompt', 'image', 'lastFrame', 'referenceImages', 'video'].includes(key)) {
      return `Invalid JSON payload received. Unknown name "${key}" at 'instances[0]'.`;
    }
  }
  if (instance.image !== undefined) {
    const problem = imageProblem(instance.image, 'instances[0].image');
    if (problem) return problem;
  }
  if (instance.lastFrame !== undefined) {
    if (!facts.lastFrame) return `lastFrame isn't supported by this model.`;
    if (instance.image === undefined) return 'lastFrame needs image.';
    const problem = imageProblem(instance.lastFrame, 'instances[0].lastFrame');
    if (problem) return problem;
  }
  if (instance.referenceImages !== undefined) {
    if (!facts.references) return `referenceImages isn't supported by this model.`;
    const list = instance.referenceImages;
    if (!Array.isArray(list) || list.length < 1 || list.length > 3) return 'Use 1 to 3 reference images.';
    for (const [index, reference] of list.entries()) {
      if (!isObject(reference) || String(reference.referenceType).toLowerCase() !== 'asset') {
        return `referenceImages[${index}].referenceType must be asset.`;
      }
      const problem = imageProblem(reference.image, `referenceImages[${index}].image`);
      if (problem) return problem;
    }
  }
  const parameters = body.parameters ?? {};
  if (!isObject(parameters)) return 'parameters must be an object.';
  if (instance.video !== undefined) {
    // Extension: a 720p video Veo made, given by the link the API returned; nothing else as input.
    if (!facts.extension) return `video isn't supported by this model.`;
    if (!isObject(instance.video) || typeof instance.video.uri !== 'string' || !ownFile(instance.video.uri)) {
      return 'instances[0].video.uri must be a video generated by Veo.';
    }
    if (
      instance.image !== undefined ||
      instance.lastFrame !== undefined ||
      instance.referenceImages !== undefined
    ) {
      return 'video cannot be combined with image, lastFrame or referenceImages.';
    }
    if (parameters.resolution !== undefined && parameters.resolution !== '720p')
      return 'Extension supports 720p only.';
    if (parameters.durationSeconds !== undefined && Number(parameters.durationSeconds) !== 8) {
      return 'Extension needs durationSeconds 8.';
    }
  }
  const { aspectRatio, durationSeconds, resolution, sampleCount, personGeneration } = parameters;
  if (aspectRatio !== undefined && !['16:9', '9:16'].includes(String(aspectRatio))) {
    return 'aspectRatio must be 16:9 or 9:16.';
  }
  if (durationSeconds !== undefined && !facts.durations.includes(Number(durationSeconds))) {
    return `durationSeconds must be one of ${facts.durations.join(', ')}.`;
  }
  if (resolution !== undefined) {
    if (!facts.resolutions.includes(String(resolution)))
      return `resolution ${String(resolution)} isn't supported.`;
    if (resolution !== '720p' && Number(durationSeconds ?? 8) !== 8)
      return `${resolution} needs durationSeconds 8.`;
  }
  if (sampleCount !== undefined && (Number(sampleCount) < 1 || Number(sampleCount) > facts.maxSamples)) {
    return `sampleCount must be between 1 and ${facts.maxSamples}.`;
  }
  const withImages = instance.image !== undefined || instance.referenceImages !== undefined;
  if (personGeneration !== undefined) {
    const allowed = withImages ? ['allow_adult', 'dont_allow'] : ['allow_all', 'allow_adult', 'dont_allow'];
    if (!allowed.includes(String(personGeneration))) {
      return `personGeneration ${String(personGeneration)} isn't allowed here.`;
    }
  }
  return undefined;
}

/** Starts the fake. With a `clock`, operations planned with `readyAfterMs` finish at that clock's time. */
export async function startFakeGoogleApi(options: { clock?: Clock } = {}): Promise<FakeGoogleApi> {
  const server = await startFakeServer();
  const now = () => (options.clock ?? { now: () => Date.now() }).now();
  const operations = new Map<string, FakeOperation>();
  const readyTimes = new Map<string, number>();
  const seenTimes = new Map<string, number>();
  let plan: FakeOperationPlan = { runningPolls: 1, ending: 'succeeded' };

  const authorized = (call: FakeCall) =>
    call.headers['x-goog-api-key'] === FAKE_GOOGLE_KEY || call.query.key === FAKE_GOOGLE_KEY;

  const isDone = (operation: FakeOperation) => {
    const { plan: p } = operation;
    if (p.readyAfterMs !== undefined) return now() - operation.startedAt >= p.readyAfterMs;
    return operation.polls > p.runningPolls;
  };

  const operationAnswer = (operation: FakeOperation) => {
    const { name } = operation;
    if (!isDone(operation))
      return {
        name,
        metadata: {
          '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningMetadata',
        },
      };
    if (!seenTimes.has(name)) seenTimes.set(name, now());
    if (!readyTimes.has(name)) {
      readyTimes.set(
        name,
        operation.plan.readyAfterMs === undefined ? now() : operation.startedAt + operation.plan.readyAfterMs,
      );
    }
    const ending = operation.plan.ending;
    if (typeof ending === 'object') return { name, done: true, error: ending };
    const id = name.split('/').pop();
    const filtered = ending === 'filtered';
    return {
      name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
        generateVideoResponse: filtered
          ? {
              raiMediaFilteredCount: operation.samples,
              raiMediaFilteredReasons: [
                'We encountered an issue with the prompt: it may violate our usage guidelines. You will not be charged for blocked videos.',
              ],
            }
          : {
              generatedSamples: Array.from({ length: operation.samples }, (_, index) => ({
                video: { uri: `${server.url}/v1beta/files/${id}-${index}:download?alt=media` },
              })),
            },
      },
    };
  };

  const routes = () => {
    server.route('POST /v1beta/models/:modelAction', (call) => {
      if (!authorized(call)) return badKey;
      const [model = '', action] = (call.params.modelAction ?? '').split(':');
      if (action !== 'predictLongRunning') return googleError(404, 'NOT_FOUND', 'Method not found.');
      if (MODELS[model] === undefined) {
        return googleError(
          404,
          'NOT_FOUND',
          `models/${model} is not found for API version v1beta, or is not supported for predictLongRunning.`,
        );
      }
      const problem = bodyProblem(model, call.bodyJson, (uri) =>
        uri.startsWith(`${server.url}/v1beta/files/`),
      );
      if (problem) return invalid(problem);
      const body = call.bodyJson as { parameters?: { sampleCount?: number } };
      const name = `models/${model}/operations/op${operations.size + 1}x${Math.random().toString(36).slice(2, 8)}`;
      operations.set(name, {
        name,
        model,
        samples: body.parameters?.sampleCount ?? 1,
        startedAt: now(),
        polls: 0,
        plan,
      });
      return { json: { name } };
    });
    server.route('GET /v1beta/models/:model/operations/:id', (call) => {
      if (!authorized(call)) return badKey;
      const operation = operations.get(`models/${call.params.model}/operations/${call.params.id}`);
      if (operation === undefined) return googleError(404, 'NOT_FOUND', 'Operation not found.');
      operation.polls += 1;
      return { json: operationAnswer(operation) };
    });
    // The Files API answers a download with a redirect to the video's storage; only the first hop needs the key.
    server.route('GET /v1beta/files/:fileAction', (call) => {
      if (!authorized(call))
        return googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission.');
      const [id = '', action] = (call.params.fileAction ?? '').split(':');
      if (action !== 'download' || call.query.alt !== 'media')
        return googleError(404, 'NOT_FOUND', 'Not found.');
      return { status: 302, headers: { location: `/storage/${id}.mp4?signature=fake` } };
    });
    server.route('GET /storage/:file', { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() });
  };
  routes();

  return {
    url: server.url,
    server,
    apiKey: FAKE_GOOGLE_KEY,
    plan(next) {
      plan = next;
      routes();
    },
    readyAt: (name) => readyTimes.get(name),
    seenDoneAt: (name) => seenTimes.get(name),
    close: () => server.close(),
  };
}
