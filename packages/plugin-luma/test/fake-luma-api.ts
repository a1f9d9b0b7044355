import { randomUUID } from 'node:crypto';
import type { Clock } from '@genhub/provider';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalJpeg,
  minimalMp4,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';
import { z } from 'zod';

/**
 * A fake of Luma's Dream Machine API on 127.0.0.1, written from docs.lumalabs.ai (API, errors) and
 * lumaai-node's `src/resources` and `openapi.yaml` (lumalabs/lumaai-api): paths start at
 * `/dream-machine/v1`; every request needs `Authorization: Bearer <key>` (401 otherwise); errors are
 * `{ detail }`. `POST /generations/video` and `POST /generations/image` validate their bodies as
 * documented and answer 201 with the new generation, `queued`; `GET /generations/{id}` moves it
 * through `dreaming` to `completed` (`assets.video` / `assets.image`) or `failed` (`failure_reason`);
 * `POST /generations/{id}/upscale` and `/audio` make a new generation from a completed video (200);
 * `DELETE /generations/{id}` removes it (204); `GET /credits` gives the balance in cents. Luma fetches
 * keyframe and reference images itself: a link it cannot read fails the generation with "Failed to
 * read user input frames". Outputs are served by the fake itself.
 */

export const FAKE_LUMA_KEY = `luma-${'0123456789abcdef'.repeat(4)}`;
export const API_PATH = '/dream-machine/v1';

/** How new generations go: `queued` then `dreaming` polls (or until `readyAfterMs` of the clock), then the ending. */
export interface LumaGenerationPlan {
  queuedPolls?: number;
  dreamingPolls?: number;
  /** With a clock: the generation is dreaming until this long after it was created. */
  readyAfterMs?: number;
  ending: 'completed' | { failure_reason: string };
}

interface FakeGeneration {
  id: string;
  kind: 'video' | 'image';
  request: Record<string, unknown>;
  plan: LumaGenerationPlan;
  createdAt: number;
  polls: number;
  /** Set when Luma could not read an input image. */
  unreadableInput: boolean;
}

export interface FakeLumaApi {
  /** The origin; the API is under `${url}/dream-machine/v1`. */
  readonly url: string;
  readonly baseUrl: string;
  readonly server: FakeServer;
  /** Sets how new generations go and puts back the documented routes. */
  plan(plan: LumaGenerationPlan): void;
  /** A finished video generation, as a follow-up's keyframe would name it. */
  seedCompletedVideo(): string;
  /** The create calls received, in order. */
  creations(): FakeCall[];
  /** Status calls per generation id. */
  pollsOf(id: string): number;
  readonly generations: ReadonlyMap<string, FakeGeneration>;
  close(): Promise<void>;
}

const detail = (status: number, message: string): FakeResponse => ({ status, json: { detail: message } });

const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const;
const imageFrame = z.object({ type: z.literal('image'), url: z.string().min(1) }).strict();
const generationFrame = z.object({ type: z.literal('generation'), id: z.string().min(1) }).strict();
const frame = z.discriminatedUnion('type', [imageFrame, generationFrame]).nullable().optional();
const weightedRef = z
  .object({ url: z.string().min(1), weight: z.number().min(0).max(1).optional() })
  .strict();

/** `VideoCreateParams` (lumaai-node src/resources/generations/video.ts). */
const videoBody = z
  .object({
    model: z.enum(['ray-2', 'ray-flash-2']),
    generation_type: z.literal('video').optional(),
    prompt: z.string().optional(),
    aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
    resolution: z.enum(['540p', '720p', '1080p', '4k']).optional(),
    duration: z.enum(['5s', '9s']).optional(),
    loop: z.boolean().optional(),
    keyframes: z.object({ frame0: frame, frame1: frame }).strict().optional(),
    concepts: z.array(z.object({ key: z.string().min(1) }).strict()).optional(),
    callback_url: z.string().optional(),
  })
  .strict();

/** `ImageCreateParams` (lumaai-node src/resources/generations/image.ts). */
const imageBody = z
  .object({
    model: z.enum(['photon-1', 'photon-flash-1']),
    generation_type: z.literal('image').optional(),
    prompt: z.string().optional(),
    aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
    format: z.enum(['jpg', 'png']).optional(),
    image_ref: z.array(weightedRef).max(4).optional(),
    style_ref: z.array(weightedRef).max(1).optional(),
    character_ref: z
      .object({ identity0: z.object({ images: z.array(z.string().min(1)).min(1).max(4) }).strict() })
      .strict()
      .optional(),
    modify_image_ref: weightedRef.optional(),
    callback_url: z.string().optional(),
  })
  .strict();

/** `GenerationUpscaleParams` and `GenerationAudioParams` (lumaai-node src/resources/generations/generations.ts). */
const upscaleBody = z
  .object({
    generation_type: z.literal('upscale_video').optional(),
    resolution: z.enum(['540p', '720p', '1080p', '4k']).optional(),
    callback_url: z.string().optional(),
  })
  .strict();
const audioBody = z
  .object({
    generation_type: z.literal('add_audio').optional(),
    prompt: z.string().optional(),
    negative_prompt: z.string().optional(),
    callback_url: z.string().optional(),
  })
  .strict();

/** The checks Luma makes before accepting a generation, in its words (docs.lumalabs.ai/docs/errors). */
function promptAndLoopError(body: z.infer<typeof videoBody>): string | undefined {
  const { frame0, frame1 } = body.keyframes ?? {};
  if (body.keyframes !== undefined && !frame0 && !frame1) return 'No keyframes provided';
  const hasImage = frame0?.type === 'image' || frame1?.type === 'image';
  if (body.prompt === undefined && !hasImage) return 'Prompt is required';
  if (body.prompt !== undefined && body.prompt.length < 3) {
    return 'Prompt is too short, minimum length is 3 characters';
  }
  if (body.prompt !== undefined && body.prompt.length > 5000) {
    return 'Prompt is too long, maximum length is 5000 characters';
  }
  if (!body.loop || !frame1) return undefined;
  if (frame0?.type === 'generation' && frame1.type === 'generation') {
    return 'Loop is not supported for interpolate between two videos';
  }
  if (frame0 && frame1.type === 'image') return 'Loop is not supported for keyframes';
  if (frame1.type === 'generation') return 'Loop is not supported for extend reverse';
  return 'Loop is not supported for end frame';
}

/** Luma fetches input images itself; the fake reads only public HTTPS links on a domain. */
const readable = (url: string) => /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//i.test(url);

export async function startFakeLumaApi(options: { clock?: Clock } = {}): Promise<FakeLumaApi> {
  const now = () => options.clock?.now() ?? Date.now();
  const server = await startFakeServer();
  const generations = new Map<string, FakeGeneration>();
  let plan: LumaGenerationPlan = { dreamingPolls: 1, ending: 'completed' };

  const guarded =
    (handler: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      if (call.headers.authorization !== `Bearer ${FAKE_LUMA_KEY}`) {
        return detail(401, 'Invalid API key is provided');
      }
      return handler(call);
    };

  const state = (generation: FakeGeneration) => {
    const { queuedPolls = 0, dreamingPolls = 0, readyAfterMs, ending } = generation.plan;
    if (generation.polls <= queuedPolls) return 'queued';
    const dreaming =
      readyAfterMs === undefined
        ? generation.polls <= queuedPolls + dreamingPolls
        : now() < generation.createdAt + readyAfterMs;
    if (dreaming) return 'dreaming';
    if (generation.unreadableInput || ending !== 'completed') return 'failed';
    return 'completed';
  };

  const answer = (generation: FakeGeneration) => {
    const current = state(generation);
    const file =
      generation.kind === 'video'
        ? `${generation.id}.mp4`
        : `${generation.id}.${generation.request.format === 'png' ? 'png' : 'jpg'}`;
    const failureReason = generation.unreadableInput
      ? 'Failed to read user input frames'
      : typeof generation.plan.ending === 'object'
        ? generation.plan.ending.failure_reason
        : null;
    return {
      id: generation.id,
      generation_type: generation.kind,
      state: current,
      failure_reason: current === 'failed' ? failureReason : null,
      created_at: new Date(generation.createdAt).toISOString(),
      model: generation.request.model,
      request: generation.request,
      assets:
        current === 'completed'
          ? {
              [generation.kind]: `${server.url}/files/${file}`,
              ...(generation.kind === 'video' ? { progress_video: null } : {}),
            }
          : null,
    };
  };

  const create = (
    kind: 'video' | 'image',
    request: Record<string, unknown>,
    inputs: string[],
    status = 201,
  ) => {
    const id = randomUUID();
    const generation: FakeGeneration = {
      id,
      kind,
      request,
      plan,
      createdAt: now(),
      polls: 0,
      unreadableInput: inputs.some((url) => !readable(url)),
    };
    generations.set(id, generation);
    return { status, json: answer(generation) };
  };

  const invalid = (error: z.ZodError) => {
    const first = error.issues[0];
    return detail(400, `Invalid request: ${first?.path.join('.')}: ${first?.message}`);
  };

  const routes = () => {
    server.route(
      `POST ${API_PATH}/generations/video`,
      guarded((call) => {
        const parsed = videoBody.safeParse(call.bodyJson);
        if (!parsed.success) return invalid(parsed.error);
        const refused = promptAndLoopError(parsed.data);
        if (refused !== undefined) return detail(400, refused);
        const frames = [parsed.data.keyframes?.frame0, parsed.data.keyframes?.frame1];
        for (const keyframe of frames) {
          if (keyframe?.type !== 'generation') continue;
          const source = generations.get(keyframe.id);
          if (source === undefined || source.kind !== 'video' || state(source) !== 'completed') {
            return detail(400, `Generation ${keyframe.id} is not a completed video`);
          }
        }
        const images = frames.flatMap((keyframe) => (keyframe?.type === 'image' ? [keyframe.url] : []));
        return create('video', parsed.data, images);
      }),
    );
    server.route(
      `POST ${API_PATH}/generations/image`,
      guarded((call) => {
        const parsed = imageBody.safeParse(call.bodyJson);
        if (!parsed.success) return invalid(parsed.error);
        const body = parsed.data;
        if (body.prompt === undefined) return detail(400, 'Prompt is required');
        const images = [
          ...(body.image_ref ?? []).map((ref) => ref.url),
          ...(body.style_ref ?? []).map((ref) => ref.url),
          ...(body.character_ref?.identity0.images ?? []),
          ...(body.modify_image_ref ? [body.modify_image_ref.url] : []),
        ];
        return create('image', body, images);
      }),
    );
    // Upscaling and adding audio work on a completed video and answer 200 with the new generation.
    for (const [action, schema] of [
      ['upscale', upscaleBody],
      ['audio', audioBody],
    ] as const) {
      server.route(
        `POST ${API_PATH}/generations/:id/${action}`,
        guarded((call) => {
          const source = generations.get(call.params.id ?? '');
          if (source === undefined) return detail(404, 'Generation not found');
          if (source.kind !== 'video' || state(source) !== 'completed') {
            return detail(400, `Generation ${source.id} is not a completed video`);
          }
          const parsed = schema.safeParse(call.bodyJson);
          if (!parsed.success) return invalid(parsed.error);
          return create('video', parsed.data, [], 200);
        }),
      );
    }
    server.route(
      `GET ${API_PATH}/generations/:id`,
      guarded(({ params }) => {
        const generation = generations.get(params.id ?? '');
        if (generation === undefined) return detail(404, 'Generation not found');
        generation.polls += 1;
        return { json: answer(generation) };
      }),
    );
    server.route(
      `DELETE ${API_PATH}/generations/:id`,
      guarded(({ params }) => {
        if (!generations.delete(params.id ?? '')) return detail(404, 'Generation not found');
        return { status: 204 };
      }),
    );
    server.route(
      `GET ${API_PATH}/credits`,
      guarded(() => ({ json: { credit_balance: 123_456 } })),
    );
    server.route('GET /files/:name', ({ params }) => {
      const name = params.name ?? '';
      if (name.endsWith('.mp4')) return { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() };
      if (name.endsWith('.png')) {
        return { headers: { 'content-type': 'image/png' }, body: solidPng(32, 32, [200, 80, 40]) };
      }
      return { headers: { 'content-type': 'image/jpeg' }, body: minimalJpeg() };
    });
  };
  routes();

  return {
    url: server.url,
    baseUrl: `${server.url}${API_PATH}`,
    server,
    generations,
    plan(next) {
      plan = next;
      routes();
    },
    seedCompletedVideo() {
      const id = randomUUID();
      generations.set(id, {
        id,
        kind: 'video',
        request: { model: 'ray-2', prompt: 'an earlier video' },
        plan: { ending: 'completed' },
        createdAt: now(),
        polls: 1,
        unreadableInput: false,
      });
      return id;
    },
    creations: () => server.calls.filter((call) => call.method === 'POST'),
    pollsOf: (id) => generations.get(id)?.polls ?? 0,
    close: () => server.close(),
  };
}
