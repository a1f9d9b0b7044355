import { randomUUID } from 'node:crypto';
import type { Clock } from '@genhub/provider';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';
import { z } from 'zod';

/**
 * A fake of Runway's developer API on 127.0.0.1, written from docs.dev.runwayml.com and sdk-node's
 * src/resources: every request needs `Authorization: Bearer <key>` (401 otherwise) and an
 * `X-Runway-Version` header (400 otherwise); generation bodies are validated per model as documented
 * (400 `{ error, issues }`), assets must be HTTPS links on a domain or `data:` URIs; tasks are read at
 * `GET /v1/tasks/{id}` and cancelled or deleted at `DELETE /v1/tasks/{id}` (204); the organisation's
 * credits at `GET /v1/organization`. Outputs are served by the fake itself.
 */

export const FAKE_RUNWAY_KEY = `key_${'0123456789abcdef'.repeat(8)}`;
export const RUNWAY_VERSION = '2024-11-06';

/** How new tasks go: `running` polls (or until `readyAfterMs` of the clock), then the ending. */
export interface RunwayTaskPlan {
  /** Polls answered PENDING before RUNNING ones. */
  pendingPolls?: number;
  runningPolls?: number;
  /** With a clock: the task is RUNNING until this long after it was created. */
  readyAfterMs?: number;
  ending: 'succeeded' | 'cancelled' | { failureCode: string; failure: string };
}

interface FakeTask {
  id: string;
  plan: RunwayTaskPlan;
  createdAt: number;
  polls: number;
  cancelled: boolean;
  output: 'video' | 'image';
}

export interface FakeRunwayApi {
  readonly url: string;
  readonly server: FakeServer;
  /** Sets how new tasks go and puts back the documented routes. */
  plan(plan: RunwayTaskPlan): void;
  /** The generation bodies received, in order. */
  generations(): FakeCall[];
  /** Status calls per task id. */
  pollsOf(id: string): number;
  readonly tasks: ReadonlyMap<string, FakeTask>;
  close(): Promise<void>;
}

const error = (status: number, message: string, issues?: unknown[]): FakeResponse => ({
  status,
  json: issues === undefined ? { error: message } : { error: message, issues },
});

/** An asset as Runway takes it: an HTTPS URL on a domain (not an IP), or a `data:` URI with its type. */
const asset = z.string().refine((value) => {
  if (/^data:[a-z]+\/[\w.+-]+;base64,/i.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !/^[\d.]+$|^\[/.test(url.hostname);
  } catch {
    return false;
  }
}, 'Only HTTPS URLs on a domain or data URIs are allowed.');

const seed = z.number().int().min(0).max(4_294_967_295).optional();
const promptText = z.string().min(1).max(1000);
const contentModeration = z
  .object({ publicFigureThreshold: z.enum(['auto', 'low']).optional() })
  .strict()
  .optional();
const videoRatio = z.enum(['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672']);
const imageRatio = z.enum([
  '1024:1024',
  '1080:1080',
  '1168:880',
  '1360:768',
  '1440:1080',
  '1080:1440',
  '1808:768',
  '1920:1080',
  '1080:1920',
  '2112:912',
  '1280:720',
  '720:1280',
  '720:720',
  '960:720',
  '720:960',
  '1680:720',
]);
const references = z.array(z.object({ uri: asset, tag: z.string().min(3).max(16).optional() }).strict());

/** The documented request bodies, per endpoint and model. */
const bodies: Readonly<Record<string, z.ZodType>> = {
  '/v1/image_to_video': z.discriminatedUnion('model', [
    z
      .object({
        model: z.literal('gen4_turbo'),
        promptImage: asset,
        ratio: videoRatio,
        promptText: promptText.optional(),
        duration: z.number().int().min(2).max(10).optional(),
        seed,
        contentModeration,
      })
      .strict(),
    z
      .object({
        model: z.literal('gen4.5'),
        promptImage: asset,
        ratio: videoRatio,
        promptText,
        duration: z.number().int().min(2).max(10),
        seed,
        contentModeration,
      })
      .strict(),
  ]),
  '/v1/text_to_video': z
    .object({
      model: z.literal('gen4.5'),
      promptText,
      ratio: z.enum(['1280:720', '720:1280']),
      duration: z.number().int().min(2).max(10),
      seed,
      contentModeration,
    })
    .strict(),
  '/v1/text_to_image': z.discriminatedUnion('model', [
    z
      .object({
        model: z.literal('gen4_image'),
        promptText,
        ratio: imageRatio,
        referenceImages: references.max(3).optional(),
        seed,
        contentModeration,
      })
      .strict(),
    z
      .object({
        model: z.literal('gen4_image_turbo'),
        promptText,
        ratio: imageRatio,
        referenceImages: references.min(1).max(3),
        seed,
        contentModeration,
      })
      .strict(),
  ]),
  '/v1/video_to_video': z
    .object({
      model: z.literal('aleph2'),
      videoUri: asset,
      promptText: z.string().min(1).optional(),
      targetAspectRatio: z.enum(['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9']).optional(),
      seed,
      contentModeration,
    })
    .strict(),
  '/v1/video_upscale': z
    .object({
      model: z.literal('magnific_video_upscaler_creative'),
      videoUri: asset,
      resolution: z.enum(['720p', '1k', '2k', '4k']).optional(),
      creativity: z.number().int().min(0).max(100).optional(),
      flavor: z.enum(['vivid', 'natural']).optional(),
      sharpen: z.number().int().min(0).max(100).optional(),
      smartGrain: z.number().int().min(0).max(100).optional(),
      fpsBoost: z.boolean().optional(),
    })
    .strict(),
};

export async function startFakeRunwayApi(options: { clock?: Clock } = {}): Promise<FakeRunwayApi> {
  const now = () => options.clock?.now() ?? Date.now();
  const server = await startFakeServer();
  const tasks = new Map<string, FakeTask>();
  let plan: RunwayTaskPlan = { runningPolls: 1, ending: 'succeeded' };

  /** Runway's checks on every request: the key, then the version header. */
  const guarded =
    (handler: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      if (call.headers.authorization !== `Bearer ${FAKE_RUNWAY_KEY}`) return error(401, 'Invalid API key.');
      if (call.headers['x-runway-version'] === undefined) {
        return error(400, 'The X-Runway-Version header is required.');
      }
      if (call.headers['x-runway-version'] !== RUNWAY_VERSION) return error(400, 'Unsupported API version.');
      return handler(call);
    };

  const taskAnswer = (task: FakeTask) => {
    const base = { id: task.id, createdAt: new Date(task.createdAt).toISOString() };
    const { pendingPolls = 0, runningPolls = 0, readyAfterMs, ending } = task.plan;
    if (task.cancelled) return { ...base, status: 'CANCELLED' };
    if (task.polls <= pendingPolls) return { ...base, status: task.polls % 2 ? 'THROTTLED' : 'PENDING' };
    const running =
      readyAfterMs === undefined
        ? task.polls <= pendingPolls + runningPolls
        : now() < task.createdAt + readyAfterMs;
    if (running) {
      const progress =
        readyAfterMs === undefined ? 0.5 : Math.min(0.99, (now() - task.createdAt) / readyAfterMs);
      return { ...base, status: 'RUNNING', progress: Math.round(progress * 100) / 100 };
    }
    if (ending === 'succeeded') {
      const file = task.output === 'video' ? `${task.id}.mp4` : `${task.id}.png`;
      return { ...base, status: 'SUCCEEDED', output: [`${server.url}/files/${file}`] };
    }
    if (ending === 'cancelled') return { ...base, status: 'CANCELLED' };
    return { ...base, status: 'FAILED', ...ending };
  };

  const routes = () => {
    for (const [path, schema] of Object.entries(bodies)) {
      server.route(
        `POST ${path}`,
        guarded((call) => {
          const parsed = schema.safeParse(call.bodyJson);
          if (!parsed.success) {
            const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
            const first = parsed.error.issues[0];
            return error(
              400,
              `Validation of body failed: ${first?.path.join('.')}: ${first?.message}`,
              issues,
            );
          }
          const id = randomUUID();
          const output = path === '/v1/text_to_image' ? 'image' : 'video';
          tasks.set(id, { id, plan, createdAt: now(), polls: 0, cancelled: false, output });
          return { json: { id } };
        }),
      );
    }
    server.route(
      'GET /v1/tasks/:id',
      guarded(({ params }) => {
        const task = tasks.get(params.id ?? '');
        if (task === undefined) return error(404, 'Task not found.');
        task.polls += 1;
        return { json: taskAnswer(task) };
      }),
    );
    server.route(
      'DELETE /v1/tasks/:id',
      guarded(({ params }) => {
        const task = tasks.get(params.id ?? '');
        if (task === undefined) return error(404, 'Task not found.');
        const status = taskAnswer(task).status;
        // Running, pending or throttled tasks are cancelled; any other is deleted.
        if (['PENDING', 'THROTTLED', 'RUNNING'].includes(status)) task.cancelled = true;
        else tasks.delete(task.id);
        return { status: 204 };
      }),
    );
    server.route(
      'GET /v1/organization',
      guarded(() => ({
        json: {
          creditBalance: 1234,
          tier: { maxMonthlyCreditSpend: 10000, models: {} },
          usage: { models: {} },
        },
      })),
    );
    server.route('GET /files/:name', ({ params }) =>
      params.name?.endsWith('.png')
        ? { headers: { 'content-type': 'image/png' }, body: solidPng(32, 32, [200, 80, 40]) }
        : { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() },
    );
  };
  routes();

  return {
    url: server.url,
    server,
    tasks,
    plan(next) {
      plan = next;
      routes();
    },
    generations: () => server.calls.filter((call) => call.method === 'POST'),
    pollsOf: (id) => tasks.get(id)?.polls ?? 0,
    close: () => server.close(),
  };
}
