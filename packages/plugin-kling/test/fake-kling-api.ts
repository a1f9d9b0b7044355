import type { Clock } from '@genhub/provider';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  startFakeServer,
} from '@genhub/testkit';
import { errors as joseErrors, jwtVerify } from 'jose';

/** The key pair the fake accepts; tokens signed otherwise get Kling's 401. */
export const FAKE_ACCESS_KEY = 'ak-kling-fake-0123456789';
export const FAKE_SECRET_KEY = 'sk-kling-fake-secret-9876543210';
/** A video the fake knows from an earlier task, for extension requests. */
export const FAKE_EXISTING_VIDEO_ID = 'kling-video-0001';

/** The models of Kling's API reference, by create route. */
const VIDEO_MODELS = [
  'kling-v1',
  'kling-v1-5',
  'kling-v1-6',
  'kling-v2-master',
  'kling-v2-1',
  'kling-v2-1-master',
  'kling-v2-5-turbo',
  'kling-v2-6',
];
const TEXT_ONLY_MISSING = new Set(['kling-v1-5', 'kling-v2-1']);

/** How the fake's next tasks go. */
export interface KlingTaskPlan {
  /** Queries answered `submitted`, then `processing`, before the ending (when `readyAt` is not set). */
  runningPolls: number;
  /** Finish at this time of the fake's clock instead of after a number of queries. */
  readyAfterMs?: number;
  /** `succeed` with a video, or `failed` with this `task_status_msg`. */
  ending: 'succeed' | { failed: string };
  /** Units Kling deducts for the task. */
  units?: number;
}

interface FakeTask {
  id: string;
  endpoint: string;
  plan: KlingTaskPlan;
  polls: number;
  createdAt: number;
}

export interface FakeKlingApi {
  readonly url: string;
  readonly server: FakeServer;
  /** Every token the fake accepted, in order. */
  readonly tokens: readonly string[];
  plan(plan: KlingTaskPlan): void;
  /** Answers every create request with this Kling error body, until the next `plan`. */
  refuseCreates(status: number, code: number, message: string): void;
  queries(): FakeCall[];
  close(): Promise<void>;
}

const envelope = (data: unknown) => ({ code: 0, message: 'SUCCEED', request_id: 'req-fake', data });
const klingError = (status: number, code: number, message: string): FakeResponse => ({
  status,
  json: { code, message, request_id: 'req-fake' },
});
const invalid = (message: string) => klingError(400, 1201, message);

/**
 * A fake of Kling's video API on 127.0.0.1, as its API reference documents it: JWT auth (HS256,
 * `iss` the access key, `nbf`/`exp` checked against the fake's clock; 401 with codes 1001 to 1004),
 * `POST /v1/videos/{text2video,image2video,video-extend}` validating the documented fields (400 1201),
 * `GET /v1/videos/<endpoint>/{task_id}` answering submitted, processing, succeed or failed, and
 * the finished video served by the fake itself.
 */
export async function startFakeKlingApi(
  clock: Clock = { now: Date.now, sleep: async () => {} },
): Promise<FakeKlingApi> {
  const server = await startFakeServer();
  const tasks = new Map<string, FakeTask>();
  const tokens: string[] = [];
  const secret = new TextEncoder().encode(FAKE_SECRET_KEY);
  let plan: KlingTaskPlan = { runningPolls: 1, ending: 'succeed', units: 1 };
  let refusal: FakeResponse | undefined;

  async function authFailure(call: FakeCall): Promise<FakeResponse | undefined> {
    const header = call.headers.authorization;
    if (header === undefined || header === '') return klingError(401, 1001, 'Authorization is empty');
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (token === undefined) return klingError(401, 1002, 'Authorization is invalid');
    try {
      await jwtVerify(token, secret, {
        algorithms: ['HS256'],
        issuer: FAKE_ACCESS_KEY,
        requiredClaims: ['exp', 'nbf'],
        currentDate: new Date(clock.now()),
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return klingError(401, 1004, 'Authorization has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') {
        return klingError(401, 1003, 'Authorization is not yet valid');
      }
      return klingError(401, 1002, 'Authorization is invalid');
    }
    tokens.push(token);
    return undefined;
  }

  function validate(endpoint: string, body: Record<string, unknown>): FakeResponse | undefined {
    const text = (name: string, max = 2500) => {
      const value = body[name];
      return value === undefined || (typeof value === 'string' && value.length <= max);
    };
    if (!text('prompt') || !text('negative_prompt'))
      return invalid('prompt and negative_prompt cannot exceed 2500 characters');
    if (
      body.cfg_scale !== undefined &&
      !(typeof body.cfg_scale === 'number' && body.cfg_scale >= 0 && body.cfg_scale <= 1)
    ) {
      return invalid('cfg_scale must be in [0, 1]');
    }
    if (endpoint === 'video-extend') {
      if (typeof body.video_id !== 'string' || body.video_id === '') return invalid('video_id is required');
      if (
        ![...tasks.values()].some((task) => `video-${task.id}` === body.video_id) &&
        body.video_id !== FAKE_EXISTING_VIDEO_ID
      ) {
        return klingError(400, 1201, 'video_id does not exist');
      }
      return undefined;
    }
    const model = body.model_name ?? 'kling-v1';
    if (typeof model !== 'string' || !VIDEO_MODELS.includes(model)) return invalid('model_name is invalid');
    if (endpoint === 'text2video' && TEXT_ONLY_MISSING.has(model))
      return invalid('model_name does not support text2video');
    if (endpoint === 'text2video' && (typeof body.prompt !== 'string' || body.prompt.trim() === ''))
      return invalid('prompt is required');
    if (body.mode !== undefined && body.mode !== 'std' && body.mode !== 'pro')
      return invalid('mode is invalid');
    if (body.duration !== undefined && body.duration !== '5' && body.duration !== '10')
      return invalid('duration is invalid');
    if (body.aspect_ratio !== undefined && !['16:9', '9:16', '1:1'].includes(String(body.aspect_ratio)))
      return invalid('aspect_ratio is invalid');
    if (body.sound !== undefined && body.sound !== 'on' && body.sound !== 'off')
      return invalid('sound is invalid');
    if (endpoint === 'image2video' && body.image === undefined && body.image_tail === undefined)
      return invalid('image or image_tail is required');
    const camera = body.camera_control as { type?: unknown; config?: Record<string, unknown> } | undefined;
    if (camera !== undefined) {
      const types = ['simple', 'down_back', 'forward_up', 'right_turn_forward', 'left_turn_forward'];
      if (!types.includes(String(camera.type))) return invalid('camera_control.type is invalid');
      const moves = Object.values(camera.config ?? {}).filter((value) => value !== 0);
      if (
        camera.type === 'simple' &&
        (moves.length !== 1 || !moves.every((v) => typeof v === 'number' && v >= -10 && v <= 10))
      ) {
        return invalid('camera_control.config needs exactly one non-zero value in [-10, 10]');
      }
    }
    return undefined;
  }

  function status(task: FakeTask): string {
    if (task.plan.readyAfterMs !== undefined) {
      return clock.now() >= task.createdAt + task.plan.readyAfterMs ? 'done' : 'processing';
    }
    if (task.polls <= task.plan.runningPolls) return task.polls <= 1 ? 'submitted' : 'processing';
    return 'done';
  }

  function taskData(task: FakeTask) {
    const base = { task_id: task.id, task_info: {}, created_at: task.createdAt, updated_at: clock.now() };
    const state = status(task);
    if (state !== 'done') return { ...base, task_status: state, task_status_msg: '' };
    if (task.plan.ending === 'succeed') {
      return {
        ...base,
        task_status: 'succeed',
        task_status_msg: '',
        final_unit_deduction: String(task.plan.units ?? 1),
        task_result: {
          videos: [{ id: `video-${task.id}`, url: `${server.url}/files/${task.id}.mp4`, duration: '5.1' }],
        },
      };
    }
    return { ...base, task_status: 'failed', task_status_msg: task.plan.ending.failed };
  }

  for (const endpoint of ['text2video', 'image2video', 'video-extend']) {
    server.route(`POST /v1/videos/${endpoint}`, async (call) => {
      const denied = await authFailure(call);
      if (denied) return denied;
      if (refusal !== undefined) return refusal;
      const body = call.bodyJson;
      if (typeof body !== 'object' || body === null) return invalid('request body must be JSON');
      const wrong = validate(endpoint, body as Record<string, unknown>);
      if (wrong) return wrong;
      const id = String(860000000000000000n + BigInt(tasks.size + 1));
      const task = { id, endpoint, plan, polls: 0, createdAt: clock.now() };
      tasks.set(id, task);
      return {
        json: envelope({
          task_id: id,
          task_status: 'submitted',
          task_info: {},
          created_at: task.createdAt,
          updated_at: task.createdAt,
        }),
      };
    });
  }
  server.route('GET /v1/videos/:endpoint/:id', async (call) => {
    const denied = await authFailure(call);
    if (denied) return denied;
    const task = tasks.get(call.params.id ?? '');
    if (task === undefined || task.endpoint !== call.params.endpoint)
      return klingError(404, 1203, 'task not found');
    task.polls += 1;
    return { json: envelope(taskData(task)) };
  });
  server.route('GET /files/:name', { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() });

  return {
    url: server.url,
    server,
    tokens,
    plan(next) {
      plan = next;
      refusal = undefined;
    },
    refuseCreates(statusCode, code, message) {
      refusal = klingError(statusCode, code, message);
    },
    queries: () =>
      server.calls.filter((call) => call.method === 'GET' && call.path.startsWith('/v1/videos/')),
    close: () => server.close(),
  };
}
