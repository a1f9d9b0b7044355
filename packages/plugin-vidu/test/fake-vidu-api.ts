import type { Clock } from '@genhub/provider';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalJpeg,
  minimalMp4,
  startFakeServer,
} from '@genhub/testkit';

/** The only key the fake accepts; anything else gets Vidu's 401. */
export const FAKE_VIDU_API_KEY = 'vda-fake-key-0123456789abcdef';

/** The models each create route of Vidu's API reference accepts. */
const MODELS_BY_ROUTE: Record<string, readonly string[]> = {
  text2video: ['viduq3-pro', 'viduq3-turbo', 'viduq2', 'viduq1', 'vidu1.5'],
  img2video: [
    'viduq3-pro',
    'viduq3-turbo',
    'viduq2-pro',
    'viduq2-turbo',
    'viduq1',
    'viduq1-classic',
    'vidu2.0',
    'vidu1.5',
  ],
  'start-end2video': [
    'viduq3-pro',
    'viduq3-turbo',
    'viduq2-pro',
    'viduq2-turbo',
    'viduq1',
    'viduq1-classic',
    'vidu2.0',
    'vidu1.5',
  ],
  reference2video: ['viduq2', 'viduq1', 'vidu2.0', 'vidu1.5'],
};
/** How many images each route takes. */
const IMAGE_COUNTS: Record<string, [number, number]> = {
  text2video: [0, 0],
  img2video: [1, 1],
  'start-end2video': [2, 2],
  reference2video: [1, 7],
};
/** Durations and resolutions by model, as the reference lists them. */
function durationsOf(model: string): number[] {
  if (model.startsWith('viduq3')) return Array.from({ length: 16 }, (_, i) => i + 1);
  if (model.startsWith('viduq2')) return Array.from({ length: 10 }, (_, i) => i + 1);
  if (model.startsWith('viduq1')) return [5];
  return [4, 8];
}
function resolutionsOf(model: string, duration: number): string[] {
  if (model.startsWith('viduq3') || model.startsWith('viduq2')) return ['540p', '720p', '1080p'];
  if (model.startsWith('viduq1')) return ['1080p'];
  return duration === 8 ? ['720p'] : ['360p', '720p', '1080p'];
}

/** How the fake's next tasks go. */
export interface ViduTaskPlan {
  /** Queries answered `queueing`, then `processing`, before the ending (unless `readyAfterMs`). */
  queueingPolls: number;
  processingPolls: number;
  /** Finish at this time of the fake's clock instead. */
  readyAfterMs?: number;
  /** `success` with a video, or `failed` with this `err_code`. */
  ending: 'success' | { errCode: string };
  credits?: number;
}

interface FakeTask {
  id: string;
  plan: ViduTaskPlan;
  polls: number;
  createdAt: number;
  cancelled: boolean;
}

export interface FakeViduApi {
  readonly url: string;
  readonly server: FakeServer;
  plan(plan: ViduTaskPlan): void;
  /** Answers every create request with this Vidu error, until the next `plan`. */
  refuseCreates(status: number, reason: string, message: string): void;
  queries(): FakeCall[];
  close(): Promise<void>;
}

const viduError = (status: number, reason: string, message: string): FakeResponse => ({
  status,
  json: { code: status, reason, message, metadata: { trace_id: 'trace-fake' } },
});
const lacking = (field: string) => viduError(400, 'FieldLacking', `field is missing or empty: ${field}`);
const invalid = (field: string) => viduError(400, 'FieldInvalid', `invalid field: ${field}`);

/**
 * A fake of Vidu's platform API on 127.0.0.1, as its reference documents it: `Authorization: Token
 * <key>`, the four create routes validating model, images, prompt, duration, resolution and the
 * other fields (400 FieldLacking / FieldInvalid in `{ code, reason, message, metadata }`), task
 * states created → queueing → processing → success or failed with an `err_code`, credits, cancel
 * while a task has not started, and the video and cover served by the fake itself.
 */
export async function startFakeViduApi(clock: Pick<Clock, 'now'> = { now: Date.now }): Promise<FakeViduApi> {
  const server = await startFakeServer();
  const tasks = new Map<string, FakeTask>();
  let plan: ViduTaskPlan = { queueingPolls: 0, processingPolls: 1, ending: 'success', credits: 4 };
  let refusal: FakeResponse | undefined;
  const authorized = (call: FakeCall) => call.headers.authorization === `Token ${FAKE_VIDU_API_KEY}`;
  const unauthorized = viduError(401, 'Unauthorized', 'unauthorized');

  function validate(route: string, body: Record<string, unknown>): FakeResponse | undefined {
    const model = body.model;
    if (typeof model !== 'string' || model === '') return lacking('model');
    if (!MODELS_BY_ROUTE[route]?.includes(model))
      return viduError(400, 'ModelUnavailable', 'model unavailable');
    const [fewest, most] = IMAGE_COUNTS[route] ?? [0, 0];
    const images = body.images;
    if (most > 0) {
      if (!Array.isArray(images) || images.length === 0) return lacking('images');
      if (images.length < fewest || images.length > most) {
        return viduError(400, 'FieldItemCountOutOfRange', 'field item count out of range: images');
      }
      if (
        !images.every(
          (image) => typeof image === 'string' && /^(https?:\/\/|data:image\/\w+;base64,)/.test(image),
        )
      ) {
        return viduError(400, 'ImageFormatInvalid', 'invalid image format');
      }
    } else if (images !== undefined) {
      return viduError(400, 'FieldUnwanted', 'unwanted field: images');
    }
    const prompt = body.prompt;
    if (
      (route === 'text2video' || route === 'reference2video') &&
      (typeof prompt !== 'string' || prompt.trim() === '')
    ) {
      return lacking('prompt');
    }
    const promptMax = route === 'text2video' ? 5000 : 1500;
    if (prompt !== undefined && (typeof prompt !== 'string' || prompt.length > promptMax))
      return invalid('prompt');
    const duration = body.duration ?? durationsOf(model)[0];
    if (typeof duration !== 'number' || !durationsOf(model).includes(duration)) return invalid('duration');
    if (body.resolution !== undefined && !resolutionsOf(model, duration).includes(String(body.resolution)))
      return invalid('resolution');
    if (
      body.movement_amplitude !== undefined &&
      !['auto', 'small', 'medium', 'large'].includes(String(body.movement_amplitude))
    ) {
      return invalid('movement_amplitude');
    }
    if (
      body.aspect_ratio !== undefined &&
      !['16:9', '9:16', '3:4', '4:3', '1:1'].includes(String(body.aspect_ratio))
    ) {
      return invalid('aspect_ratio');
    }
    if (body.style !== undefined && !['general', 'anime'].includes(String(body.style)))
      return invalid('style');
    if (body.bgm !== undefined && typeof body.bgm !== 'boolean') return invalid('bgm');
    if (body.seed !== undefined && !Number.isInteger(body.seed)) return invalid('seed');
    return undefined;
  }

  function stateOf(task: FakeTask): string {
    if (task.cancelled) return 'cancelled';
    if (task.plan.readyAfterMs !== undefined) {
      return clock.now() >= task.createdAt + task.plan.readyAfterMs ? 'done' : 'processing';
    }
    if (task.polls <= task.plan.queueingPolls) return 'queueing';
    if (task.polls <= task.plan.queueingPolls + task.plan.processingPolls) return 'processing';
    return 'done';
  }

  function creationsOf(task: FakeTask) {
    const state = stateOf(task);
    const base = { id: task.id, payload: '', bgm: false, off_peak: false };
    if (state === 'cancelled')
      return { ...base, state: 'failed', err_code: 'UserCancelled', credits: 0, creations: [] };
    if (state !== 'done')
      return { ...base, state, err_code: '', credits: task.plan.credits ?? 4, creations: [] };
    if (task.plan.ending !== 'success') {
      return { ...base, state: 'failed', err_code: task.plan.ending.errCode, credits: 0, creations: [] };
    }
    return {
      ...base,
      state: 'success',
      err_code: '',
      credits: task.plan.credits ?? 4,
      creations: [
        {
          id: `creation-${task.id}`,
          url: `${server.url}/files/${task.id}.mp4`,
          cover_url: `${server.url}/files/${task.id}.jpeg`,
        },
      ],
    };
  }

  for (const route of Object.keys(MODELS_BY_ROUTE)) {
    server.route(`POST /ent/v2/${route}`, (call) => {
      if (!authorized(call)) return unauthorized;
      if (refusal !== undefined) return refusal;
      const body = call.bodyJson;
      if (typeof body !== 'object' || body === null) return viduError(400, 'BadRequest', 'bad request');
      const wrong = validate(route, body as Record<string, unknown>);
      if (wrong) return wrong;
      const id = String(900000000000000000n + BigInt(tasks.size + 1));
      tasks.set(id, { id, plan, polls: 0, createdAt: clock.now(), cancelled: false });
      return {
        json: {
          task_id: id,
          state: 'created',
          ...(body as object),
          credits: plan.credits ?? 4,
          created_at: new Date(clock.now()).toISOString(),
        },
      };
    });
  }
  server.route('GET /ent/v2/tasks/:id/creations', (call) => {
    if (!authorized(call)) return unauthorized;
    const task = tasks.get(call.params.id ?? '');
    if (task === undefined) return viduError(404, 'TaskNotFound', 'task not found');
    task.polls += 1;
    return { json: creationsOf(task) };
  });
  server.route('POST /ent/v2/tasks/:id/cancel', (call) => {
    if (!authorized(call)) return unauthorized;
    const task = tasks.get(call.params.id ?? '');
    if (task === undefined) return viduError(404, 'TaskNotFound', 'task not found');
    const state = stateOf(task);
    if (state !== 'queueing' && !(state === 'processing' && task.polls === 0)) {
      return viduError(
        400,
        'BadRequest',
        `task state is ${state === 'done' ? 'finished' : 'scheduled'}, can not cancel`,
      );
    }
    task.cancelled = true;
    return { json: {} };
  });
  server.route('GET /files/:name', (call) =>
    call.params.name?.endsWith('.jpeg')
      ? { headers: { 'content-type': 'image/jpeg' }, body: minimalJpeg() }
      : { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() },
  );

  return {
    url: server.url,
    server,
    plan(next) {
      plan = next;
      refusal = undefined;
    },
    refuseCreates(status, reason, message) {
      refusal = viduError(status, reason, message);
    },
    queries: () => server.callsTo('GET /ent/v2/tasks/:id/creations'),
    close: () => server.close(),
  };
}
