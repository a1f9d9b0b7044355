import {
  type Clock,
  definePlugin,
  type GenerationRequest,
  GenHubError,
  type JsonObject,
  type Logger,
  type ModelSpec,
  type Output,
  type PollResult,
  type Provider,
  type TaskRef,
  vocabulary,
} from '@genhub/core';
import { z } from 'zod';
import {
  colorFromSeed,
  entitySvg,
  hostileSvg,
  minimalGlb,
  minimalMp4,
  simpleSvg,
  sineWav,
  solidPng,
} from './fake-media.js';

/** The fake provider's configuration. */
export const fakeConfig = z.object({
  /** Not checked; present so secret redaction has something to redact. */
  apiKey: z.string().optional(),
  /** Delay of every submit and poll, in milliseconds. */
  latencyMs: z.coerce.number().int().nonnegative().default(0),
  /** Pending polls before a task without a directive succeeds. */
  pollsBeforeDone: z.coerce.number().int().nonnegative().default(0),
});

export type FakeConfig = z.output<typeof fakeConfig>;

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

function num(params: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function str(params: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : fallback;
}

const prompt = vocabulary.prompt.max(1000);

/** The fake catalogue: one model per output kind. */
export const fakeModels: readonly ModelSpec[] = [
  {
    id: 'fake/image',
    name: 'Fake Image',
    description: 'Solid-colour PNGs whose colour follows from the seed.',
    tasks: ['text-to-image', 'image-to-image'],
    output: 'image',
    params: z.object({
      prompt,
      negativePrompt: vocabulary.negativePrompt.optional(),
      width: vocabulary.width.min(256).max(2048).default(1024),
      height: vocabulary.height.min(256).max(2048).default(1024),
      seed: vocabulary.seed.optional(),
      quantity: vocabulary.quantity.max(4).default(1),
      images: vocabulary.images.max(4).optional(),
    }),
    sizes: {
      range: { minWidth: 256, maxWidth: 2048, minHeight: 256, maxHeight: 2048, step: 64 },
      presets: [
        { label: '1:1', width: 1024, height: 1024 },
        { label: '16:9', width: 1344, height: 768 },
        { label: '9:16', width: 768, height: 1344 },
      ],
    },
    limits: { promptMaxLength: 1000, maxQuantity: 4, maxInputImages: 4 },
    estimatePrice: (params) => ({ usd: round(0.01 * num(params, 'quantity', 1)) }),
    example: { prompt: 'a red apple on a wooden table', width: 1024, height: 1024 },
  },
  {
    id: 'fake/video',
    name: 'Fake Video',
    description: 'A placeholder MP4 header.',
    tasks: ['text-to-video', 'image-to-video'],
    output: 'video',
    params: z.object({
      prompt,
      firstFrame: vocabulary.firstFrame.optional(),
      duration: vocabulary.duration.min(1).max(10).default(5),
      aspectRatio: z.enum(['16:9', '9:16', '1:1']).default('16:9'),
      seed: vocabulary.seed.optional(),
    }),
    limits: { promptMaxLength: 1000, maxInputImages: 1 },
    estimatePrice: (params) => ({ usd: round(0.1 * num(params, 'duration', 5)) }),
    example: { prompt: 'waves rolling onto a beach', duration: 3 },
  },
  {
    id: 'fake/speech',
    name: 'Fake Speech',
    description: 'A short sine tone; each voice has its own pitch.',
    tasks: ['text-to-speech'],
    output: 'audio',
    params: z.object({ prompt, voice: z.enum(['alloy', 'echo', 'nova']).default('alloy') }),
    limits: { promptMaxLength: 1000 },
    estimatePrice: () => ({ usd: 0.001 }),
    example: { prompt: 'Hello from GenHub.', voice: 'nova' },
  },
  {
    id: 'fake/music',
    name: 'Fake Music',
    description: 'A short sine tone with a title.',
    tasks: ['text-to-music'],
    output: 'audio',
    params: z.object({
      prompt,
      duration: vocabulary.duration.min(5).max(60).default(30),
      seed: vocabulary.seed.optional(),
    }),
    limits: { promptMaxLength: 1000 },
    estimatePrice: () => ({ usd: 0.05 }),
    example: { prompt: 'a calm piano piece' },
  },
  {
    id: 'fake/sound',
    name: 'Fake Sound',
    description: 'A short rising tone as a sound effect.',
    tasks: ['text-to-sound'],
    output: 'audio',
    params: z.object({ prompt, duration: vocabulary.duration.min(1).max(22).default(5) }),
    limits: { promptMaxLength: 1000 },
    estimatePrice: () => ({ usd: 0.002 }),
    example: { prompt: 'a door creaking open' },
  },
  {
    id: 'fake/vector',
    name: 'Fake Vector',
    description:
      'A one-colour SVG square titled with the prompt; "[hostile-svg]" returns a hostile SVG, "[entity-svg]" one with entities.',
    tasks: ['text-to-vector', 'image-to-vector'],
    output: 'vector',
    params: z.object({
      prompt,
      images: vocabulary.images.max(1).optional(),
      seed: vocabulary.seed.optional(),
    }),
    limits: { promptMaxLength: 1000, maxInputImages: 1 },
    estimatePrice: () => ({ usd: 0.04 }),
    example: { prompt: 'a fox logo, flat' },
  },
  {
    id: 'fake/3d',
    name: 'Fake 3D',
    description: 'An empty glTF scene with a PNG preview.',
    tasks: ['text-to-3d', 'image-to-3d'],
    output: 'model3d',
    params: z.object({
      prompt,
      images: vocabulary.images.max(1).optional(),
      seed: vocabulary.seed.optional(),
    }),
    limits: { promptMaxLength: 1000, maxInputImages: 1 },
    estimatePrice: () => ({ usd: 0.2 }),
    example: { prompt: 'a low-poly fox' },
  },
];

/** What a prompt's directives script. */
interface Script {
  outcome: 'succeed' | 'fail' | 'hang';
  /** Pending polls before the outcome; undefined means the configured `pollsBeforeDone`. */
  slow: number | undefined;
  sync: boolean;
  submitError: GenHubError | undefined;
}

function readScript(text: string): Script {
  const slow = /\[slow:(\d+)\]/i.exec(text);
  const has = (directive: string) => text.toLowerCase().includes(`[${directive}]`);
  let submitError: GenHubError | undefined;
  if (has('rate-limit')) {
    submitError = new GenHubError('RATE_LIMITED', 'The fake provider is rate limiting this request.', {
      provider: 'fake',
      status: 429,
      retryAfterSeconds: 7,
    });
  } else if (has('unavailable')) {
    submitError = new GenHubError('PROVIDER_UNAVAILABLE', 'The fake provider is unavailable.', {
      provider: 'fake',
      status: 503,
    });
  } else if (has('auth')) {
    submitError = new GenHubError('AUTH', 'The fake provider rejected the API key.', {
      provider: 'fake',
      status: 401,
    });
  } else if (has('no-funds')) {
    submitError = new GenHubError('INSUFFICIENT_FUNDS', 'The fake account has no funds left.', {
      provider: 'fake',
      status: 402,
    });
  }
  return {
    outcome: has('hang') ? 'hang' : has('fail') ? 'fail' : 'succeed',
    slow: slow ? Number(slow[1]) : undefined,
    sync: has('sync'),
    submitError,
  };
}

/** Everything needed to finish a task, carried in its ref so another process can poll it. */
const taskData = z.object({
  model: z.string(),
  task: z.string(),
  prompt: z.string(),
  seed: z.number().int(),
  pendingPolls: z.number().int().nonnegative(),
  outcome: z.enum(['succeed', 'fail', 'hang']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  quantity: z.number().int().positive(),
  duration: z.number().positive(),
  aspectRatio: z.string(),
  voice: z.string(),
  costUsd: z.number().nonnegative(),
});

type TaskData = z.output<typeof taskData>;

/** A stable 31-bit hash (FNV-1a), so a prompt without a seed still gives the same result every time. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}

const VOICE_PITCH: Readonly<Record<string, number>> = { alloy: 440, echo: 330, nova: 554 };

function outputsFor(data: TaskData): Output[] {
  const [kind] = data.model.split('/').slice(1);
  switch (kind) {
    case 'image':
      return Array.from({ length: data.quantity }, (_, index): Output => {
        const seed = data.seed + index;
        return {
          kind: 'bytes',
          data: solidPng(
            Math.max(1, Math.round(data.width / 64)),
            Math.max(1, Math.round(data.height / 64)),
            colorFromSeed(seed),
          ),
          mediaType: 'image/png',
          name: `fake-image-${index + 1}.png`,
          metadata: { seed, width: data.width, height: data.height },
        };
      });
    case 'video':
      return [
        {
          kind: 'bytes',
          data: minimalMp4(),
          mediaType: 'video/mp4',
          name: 'fake-video.mp4',
          metadata: { seed: data.seed, duration: data.duration, aspectRatio: data.aspectRatio },
        },
      ];
    case 'speech':
      return [
        {
          kind: 'bytes',
          data: sineWav({ frequency: VOICE_PITCH[data.voice] ?? 440 }),
          mediaType: 'audio/wav',
          name: 'fake-speech.wav',
          metadata: { voice: data.voice },
        },
      ];
    case 'music':
      return [
        {
          kind: 'bytes',
          data: sineWav({ frequency: 220 + (data.seed % 440), duration: 0.5 }),
          mediaType: 'audio/wav',
          name: 'fake-music.wav',
          metadata: { title: `Fake song #${data.seed}`, lyrics: data.prompt, duration: data.duration },
        },
      ];
    case 'sound':
      return [
        {
          kind: 'bytes',
          data: sineWav({ frequency: 880, duration: 0.25 }),
          mediaType: 'audio/wav',
          name: 'fake-sound.wav',
          metadata: { duration: data.duration },
        },
      ];
    case 'vector':
      return [{ kind: 'bytes', data: vectorFor(data), mediaType: 'image/svg+xml', name: 'fake-vector.svg' }];
    default:
      return [
        { kind: 'bytes', data: minimalGlb(), mediaType: 'model/gltf-binary', name: 'fake-model.glb' },
        {
          kind: 'bytes',
          data: solidPng(8, 8, colorFromSeed(data.seed)),
          mediaType: 'image/png',
          role: 'preview',
          name: 'fake-model-preview.png',
        },
      ];
  }
}

/** The vector model's SVG: a clean one, or a hostile or entity-laden one when the prompt asks. */
function vectorFor(data: TaskData): Uint8Array {
  const prompt = data.prompt.toLowerCase();
  if (prompt.includes('[hostile-svg]')) return hostileSvg();
  if (prompt.includes('[entity-svg]')) return entitySvg();
  return simpleSvg(colorFromSeed(data.seed), data.prompt);
}

const NEEDS_INPUT: Readonly<Partial<Record<string, string>>> = {
  'image-to-vector': 'images',
  'image-to-image': 'images',
  'image-to-video': 'firstFrame',
  'image-to-3d': 'images',
};

interface FakeProviderDeps {
  logger: Logger;
  clock: Clock;
}

function createFakeProvider({ logger, clock }: FakeProviderDeps, config: FakeConfig): Provider {
  /** Polls seen per task in this process; a task this process never saw starts from its ref. */
  const polls = new Map<string, number>();
  const cancelled = new Set<string>();
  let spentUsd = 0;

  const wait = async (signal: AbortSignal): Promise<void> => {
    try {
      if (config.latencyMs > 0) await clock.sleep(config.latencyMs, signal);
      signal.throwIfAborted();
    } catch (error) {
      throw new GenHubError('CANCELLED', 'The fake request was cancelled.', {
        provider: 'fake',
        cause: error,
      });
    }
  };

  const findModel = (id: string): ModelSpec => {
    const model = fakeModels.find((candidate) => candidate.id === id);
    if (!model) {
      throw new GenHubError('MODEL_NOT_FOUND', `The fake provider has no model "${id}".`, {
        provider: 'fake',
        suggestions: fakeModels.map((candidate) => candidate.id),
      });
    }
    return model;
  };

  const succeed = (data: TaskData): Extract<PollResult, { status: 'succeeded' }> => {
    spentUsd = round(spentUsd + data.costUsd);
    return { status: 'succeeded', outputs: outputsFor(data), cost: { usd: data.costUsd } };
  };

  const readRef = (ref: TaskRef): TaskData => {
    const parsed = taskData.safeParse(ref.data);
    if (!parsed.success) {
      throw new GenHubError('INTERNAL', `Task ref "${ref.id}" was not made by the fake provider.`, {
        provider: 'fake',
      });
    }
    return parsed.data;
  };

  return {
    models: () => fakeModels,

    async submit(request: GenerationRequest, { signal }) {
      const model = findModel(request.model);
      if (!model.tasks.includes(request.task)) {
        throw new GenHubError('INVALID_INPUT', `${model.id} cannot do ${request.task}.`, {
          provider: 'fake',
        });
      }
      const input = NEEDS_INPUT[request.task];
      if (input !== undefined && request.params[input] === undefined) {
        throw new GenHubError('INVALID_INPUT', `${request.task} needs "${input}".`, {
          provider: 'fake',
          details: { param: input },
        });
      }
      await wait(signal);
      const { params } = request;
      const text = str(params, 'prompt', '');
      const script = readScript(text);
      if (script.submitError) throw script.submitError;
      const data: TaskData = {
        model: model.id,
        task: request.task,
        prompt: text,
        seed: num(params, 'seed', hashText(text)),
        pendingPolls: script.slow ?? config.pollsBeforeDone,
        outcome: script.outcome,
        width: num(params, 'width', 1024),
        height: num(params, 'height', 1024),
        quantity: num(params, 'quantity', 1),
        duration: num(params, 'duration', 5),
        aspectRatio: str(params, 'aspectRatio', '1:1'),
        voice: str(params, 'voice', 'alloy'),
        costUsd: model.estimatePrice(params).usd,
      };
      if (script.sync && script.outcome === 'succeed') return succeed(data);
      const ref: TaskRef = { id: `fake-${crypto.randomUUID()}`, data: data satisfies JsonObject };
      logger.debug('fake task submitted', { taskId: ref.id, model: model.id });
      return { status: 'pending', ref, progress: { percent: 0, queuePosition: 1 } };
    },

    async poll(ref, { signal }) {
      const data = readRef(ref);
      await wait(signal);
      if (cancelled.has(ref.id)) return { status: 'cancelled' };
      const seen = (polls.get(ref.id) ?? 0) + 1;
      polls.set(ref.id, seen);
      if (data.outcome === 'hang')
        return { status: 'pending', pollAfterMs: 10, percent: 0, queuePosition: 1 };
      if (seen <= data.pendingPolls) {
        const percent = Math.round((100 * seen) / (data.pendingPolls + 1));
        return { status: 'pending', pollAfterMs: 10, percent, etaSeconds: data.pendingPolls - seen + 1 };
      }
      polls.delete(ref.id);
      if (data.outcome === 'fail') {
        return {
          status: 'failed',
          error: new GenHubError('CONTENT_REJECTED', 'The fake provider rejected the prompt.', {
            provider: 'fake',
          }),
        };
      }
      logger.debug('fake task succeeded', { taskId: ref.id, model: data.model });
      return succeed(data);
    },

    async cancel(ref, { signal }) {
      readRef(ref);
      await wait(signal);
      cancelled.add(ref.id);
      polls.delete(ref.id);
    },

    async balance({ signal }) {
      await wait(signal);
      return { usd: round(100 - spentUsd), details: { spentUsd } };
    },

    async health({ signal }) {
      await wait(signal);
      return { ok: true, message: 'The fake provider is always up.' };
    },
  };
}

/**
 * A provider plugin that needs no network, scripted by directives in the prompt so pipeline and
 * chat tests can drive every path:
 *
 * - `[fail]`: the task fails with CONTENT_REJECTED when it would have succeeded.
 * - `[rate-limit]`, `[unavailable]`, `[auth]`, `[no-funds]`: submit throws RATE_LIMITED
 *   (retry after 7 s), PROVIDER_UNAVAILABLE, AUTH or INSUFFICIENT_FUNDS.
 * - `[slow:N]`: N pending polls with progress, then the outcome.
 * - `[hang]`: pending forever (until cancelled).
 * - `[sync]`: submit returns the outputs at once.
 * - otherwise: `pollsBeforeDone` pending polls, then success, costing the estimate.
 */
export const fakePlugin = definePlugin({
  id: 'fake',
  name: 'Fake',
  description: 'A scripted provider for tests: real output bytes, no network.',
  contract: 1,
  config: fakeConfig,
  setup: (context, config) => createFakeProvider(context, config),
});
