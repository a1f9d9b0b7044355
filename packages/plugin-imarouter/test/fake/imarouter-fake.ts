import { minimalMp4, silentMp3, sineWav, solidPng } from '@genhub/testkit/fake-media';
import {
  type FakeCall,
  type FakeHandler,
  type FakeResponse,
  type FakeRoutes,
  type FakeServer,
  startFakeServer,
} from '@genhub/testkit/fake-server';
import {
  errorExample,
  type FakeTaskKind,
  type FakeTaskState,
  type ImarouterExamples,
  imarouterExamples,
  kindOf,
  pickCreateExample,
  pickFetchExample,
} from './imarouter-fake-examples.js';
import {
  type FakeMidjourneyButton,
  gridButtons,
  midjourneyActionName,
  upscaleButtons,
} from './imarouter-fake-midjourney.js';

/** How a task the fake created ends. */
export type ImarouterFakeOutcome = FakeTaskState | 'hang';

/** One task the fake created. */
export interface ImarouterFakeTask {
  id: string;
  kind: FakeTaskKind;
  /** The document operation the create call followed, such as `POST /v1/videos#veo`. */
  operation: string;
  model: string;
  /** The create call's JSON body. */
  body: Record<string, unknown>;
  outcome: ImarouterFakeOutcome;
  /** Pending answers before the outcome. */
  pendingPolls: number;
  polls: number;
  /** The example names the task was answered with, in order (`GET /v1/videos/{task_id} Processing`). */
  answeredWith: string[];
  /** Midjourney: the buttons of the finished task. */
  buttons?: FakeMidjourneyButton[];
}

export interface ImarouterFakeOptions {
  /** The `sk-...` key the fake accepts; a fixed test key unless given. */
  apiKey?: string;
  /** Pending answers before a task ends; 1 unless given (or `[pending:N]` in the request). */
  pendingPolls?: number;
}

/** A running fake of the imarouter API. */
export interface ImarouterFake {
  /** `http://127.0.0.1:<port>`: the base URL, and the origin of every result file. */
  readonly url: string;
  readonly apiKey: string;
  /** The plugin configuration that points at the fake. */
  readonly config: { apiKey: string; baseUrl: string };
  /** The same as `GENHUB_IMAROUTER_*` variables, for `createGenHub(..., { env })`. */
  readonly env: Readonly<Record<string, string>>;
  /** The underlying fake server: add or replace routes (a 429, say) and read every call. */
  readonly server: FakeServer;
  readonly calls: readonly FakeCall[];
  readonly tasks: ReadonlyMap<string, ImarouterFakeTask>;
  /** The document's examples the fake replays. */
  readonly examples: ImarouterExamples;
  /** Sets how the next created task ends, over any marker in its request. */
  nextOutcome(outcome: ImarouterFakeOutcome, pendingPolls?: number): void;
  /** A URL on the fake serving a small valid file of the kind its extension says (`cat.png`, `clip.mp4`). */
  fileUrl(name: string): string;
  /** Forgets calls and tasks; routes stay. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_API_KEY = 'sk-imarouter-fake-0123456789';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The outcome markers a request's text may carry: `[fail]`, `[cancel]`, `[hang]`, `[pending:N]`. */
function markers(
  text: string,
  defaultPending: number,
): { outcome: ImarouterFakeOutcome; pendingPolls: number } {
  const pending = /\[pending:(\d+)\]/.exec(text);
  const pendingPolls = pending ? Number(pending[1]) : defaultPending;
  if (text.includes('[fail]')) return { outcome: 'failed', pendingPolls };
  if (text.includes('[cancel]')) return { outcome: 'cancelled', pendingPolls };
  if (text.includes('[hang]')) return { outcome: 'hang', pendingPolls };
  return { outcome: 'succeeded', pendingPolls };
}

/** Media for a file name, by extension. */
function fileFor(name: string): FakeResponse {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (['mp4', 'mov', 'webm'].includes(extension)) {
    return { body: minimalMp4(), headers: { 'content-type': 'video/mp4' } };
  }
  if (extension === 'mp3') return { body: silentMp3(200), headers: { 'content-type': 'audio/mpeg' } };
  if (['wav', 'ogg'].includes(extension)) {
    return { body: sineWav({ duration: 0.2 }), headers: { 'content-type': 'audio/wav' } };
  }
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return {
    body: solidPng(8, 8, [hash & 255, (hash >> 8) & 255, (hash >> 16) & 255]),
    headers: { 'content-type': 'image/png' },
  };
}

/** Poll paths and the kinds of task each answers for. */
const POLL_ROUTES: ReadonlyArray<[string, readonly FakeTaskKind[]]> = [
  ['GET /v1/images/generations/:id', ['image']],
  ['GET /v1/music/generations/:id', ['music']],
  ['GET /v1/audio/speech/:id', ['speech']],
  ['GET /v1/videos/:id', ['video', 'contents']],
  ['GET /v1/videos/subtitle-erase/:id', ['video']],
  ['GET /v1/video/generations/:id', ['video']],
  ['GET /kling/v1/videos/text2video/:id', ['video']],
  ['GET /kling/v1/videos/image2video/:id', ['video']],
  ['GET /api/v1/contents/generations/tasks/:id', ['contents']],
];

const CREATE_PATHS = [
  '/v1/images/generations',
  '/v1/music/generations',
  '/v1/audio/speech',
  '/v1/videos',
  '/v1/video/generations',
  '/v1/videos/subtitle-erase',
  '/api/v1/contents/generations/tasks',
  '/kling/v1/videos/text2video',
  '/kling/v1/videos/image2video',
];

/**
 * Starts a fake of the imarouter API on 127.0.0.1 that replays the response examples of its
 * OpenAPI document: every create call gets the family's documented "submitted" answer, and every
 * poll the documented in-progress answer (`pendingPolls` times), then the documented completed or
 * failed one, with the task's id and model and result links rewritten to files on the fake.
 * Midjourney (whose fetch has no examples in the document) is answered from its schemas, with the
 * usual U/V/reroll and vary/zoom/pan/remix buttons, and follow-ups must name a button of their parent.
 *
 * A request steers its task with markers anywhere in its body: `[fail]`, `[cancel]`, `[hang]`,
 * `[pending:N]`; or call `nextOutcome()`. Portrait assets are reviewed on their second read; an asset URL
 * with `fake=reject` fails review and one with `fake=too-long` gets the document's duration error.
 * Requests without `Authorization: Bearer <apiKey>` get the document's 401 answer.
 */
export async function startImarouterFake(options: ImarouterFakeOptions = {}): Promise<ImarouterFake> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const defaultPending = options.pendingPolls ?? 1;
  const tasks = new Map<string, ImarouterFakeTask>();
  const planned: Array<{ outcome: ImarouterFakeOutcome; pendingPolls: number | undefined }> = [];
  const assets = new Map<string, Record<string, unknown>>();
  const groups = new Map<string, Record<string, unknown>>();
  let counter = 0;
  let url = '';

  const unauthorized = (headers: Readonly<Record<string, string>>): FakeResponse | undefined => {
    const auth = headers.authorization;
    if (auth === `Bearer ${apiKey}`) return undefined;
    const name = auth === undefined ? 'No token provided' : 'token is not available';
    return { status: 401, json: errorExample('POST /v1/videos', '401', name) };
  };
  const authed =
    (handler: FakeHandler): FakeHandler =>
    (call) =>
      unauthorized(call.headers) ?? handler(call);

  const invalid = (message: string, code = 'invalid_request'): FakeResponse => ({
    status: 400,
    json: { code, message, data: null },
  });

  const plan = (body: Record<string, unknown>) => {
    const next = planned.shift();
    const fromText = markers(JSON.stringify(body), defaultPending);
    return next
      ? { outcome: next.outcome, pendingPolls: next.pendingPolls ?? fromText.pendingPolls }
      : fromText;
  };

  /** Every http(s) link in a documented answer, pointed at a file on the fake. */
  const rewriteLinks = (value: unknown, taskId: string): unknown => {
    if (typeof value === 'string') {
      if (!/^https?:\/\//.test(value)) return value;
      const name = decodeURIComponent(new URL(value).pathname.split('/').pop() ?? 'file.bin') || 'file.bin';
      return `${url}/files/${encodeURIComponent(taskId)}/${encodeURIComponent(name)}`;
    }
    if (Array.isArray(value)) return value.map((item) => rewriteLinks(item, taskId));
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, rewriteLinks(inner, taskId)]),
      );
    }
    return value;
  };

  /** A documented answer made this task's: its id, its model. */
  const personalise = (example: unknown, task: ImarouterFakeTask): Record<string, unknown> => {
    const answer = clone(isRecord(example) ? example : {});
    const apply = (holder: Record<string, unknown>) => {
      if ('id' in holder) holder.id = task.id;
      if ('task_id' in holder) holder.task_id = task.id;
      if ('model' in holder) holder.model = task.model;
    };
    apply(answer);
    if (isRecord(answer.data)) apply(answer.data);
    return answer;
  };

  // --- OpenAI-style task families ----------------------------------------------------------

  const create =
    (path: string): FakeHandler =>
    (call) => {
      const body = call.bodyJson;
      if (!isRecord(body)) return invalid('request body must be a JSON object');
      if (typeof body.model !== 'string' || body.model === '') {
        return { status: 400, json: errorExample('POST /v1/videos', '400', 'Missing model') };
      }
      const operation = imarouterExamples.createOperations[`POST ${path} ${body.model}`];
      if (operation === undefined) {
        return invalid(`model ${body.model} is not supported on ${path}`, 'invalid_model_endpoint');
      }
      const kind = kindOf(operation) as Exclude<FakeTaskKind, 'midjourney'>;
      counter += 1;
      const id = `task_fake_${String(counter).padStart(4, '0')}`;
      const { outcome, pendingPolls } = plan(body);
      const task: ImarouterFakeTask = {
        id,
        kind,
        operation,
        model: body.model,
        body,
        outcome,
        pendingPolls,
        polls: 0,
        answeredWith: [],
      };
      tasks.set(id, task);
      const example = pickCreateExample(operation, kind, body.model);
      task.answeredWith.push(`${example.operation} ${example.name}`);
      const answer = personalise(example.value, task);
      if ('created_at' in answer) answer.created_at = Math.floor(Date.now() / 1000);
      return { json: answer };
    };

  const stateOf = (task: ImarouterFakeTask): FakeTaskState => {
    task.polls += 1;
    if (task.outcome === 'hang' || task.polls <= task.pendingPolls) return 'pending';
    return task.outcome;
  };

  const poll =
    (kinds: readonly FakeTaskKind[]): FakeHandler =>
    (call) => {
      const task = tasks.get(call.params.id ?? '');
      if (!task || !kinds.includes(task.kind) || task.kind === 'midjourney') {
        return { status: 404, json: errorExample('GET /v1/videos/{task_id}', '404', 'task does not exist') };
      }
      const state = stateOf(task);
      const kind = task.kind;
      if (state === 'cancelled') {
        const pending = pickFetchExample(task.operation, kind, 'pending', task.model);
        const answer = personalise(pending?.value, task);
        const holder = isRecord(answer.data) ? answer.data : answer;
        holder.status = 'cancelled';
        task.answeredWith.push(`${pending?.operation ?? ''} ${pending?.name ?? ''} (status cancelled)`);
        return { json: answer };
      }
      const example = pickFetchExample(task.operation, kind, state, task.model);
      if (!example)
        return { status: 500, json: { code: 'get_task_failed', message: `no ${state} example`, data: null } };
      task.answeredWith.push(`${example.operation} ${example.name}`);
      const answer = personalise(example.value, task);
      return {
        json: state === 'succeeded' ? (rewriteLinks(answer, task.id) as Record<string, unknown>) : answer,
      };
    };

  // --- Midjourney ----------------------------------------------------------------------------

  const mjSubmit =
    (endpoint: 'imagine' | 'blend' | 'change' | 'modal'): FakeHandler =>
    (call) => {
      const body = call.bodyJson;
      if (!isRecord(body)) return { status: 400, json: { error: 'request body must be a JSON object' } };
      const model = endpoint === 'blend' ? 'mj_blend' : typeof body.model === 'string' ? body.model : '';
      if (endpoint === 'imagine' && model === 'mj_imagine' && typeof body.prompt !== 'string') {
        return { status: 400, json: { error: 'prompt is required for mj_imagine' } };
      }
      if ((endpoint === 'blend' || model === 'mj_blend') && !Array.isArray(body.base64Array)) {
        return { status: 400, json: { error: 'base64Array is required for a blend' } };
      }
      if (endpoint === 'change' || endpoint === 'modal') {
        const parent = tasks.get(String(body.taskId));
        if (!parent?.buttons?.some((button) => button.customId === body.customId)) {
          return {
            status: 400,
            json: {
              error: `customId ${String(body.customId)} is not a button of task ${String(body.taskId)}`,
            },
          };
        }
      }
      counter += 1;
      const id = String(1_751_234_567_890 + counter);
      const { outcome, pendingPolls } = plan(body);
      tasks.set(id, {
        id,
        kind: 'midjourney',
        operation: `POST /mj/submit/${endpoint}`,
        model,
        body,
        outcome,
        pendingPolls,
        polls: 0,
        answeredWith: [],
      });
      return endpoint === 'blend'
        ? {
            json: { ...clone(errorExample('POST /mj/submit/blend', '200', 'success') as object), result: id },
          }
        : { json: { code: 1, description: 'Submit success', result: id, properties: {} } };
    };

  const mjFetch: FakeHandler = (call) => {
    const task = tasks.get(call.params.id ?? '');
    if (task?.kind !== 'midjourney') return { status: 404, json: { error: 'task not found' } };
    const state = stateOf(task);
    const prompt = typeof task.body.prompt === 'string' ? task.body.prompt : '';
    const base = {
      id: task.id,
      action: midjourneyActionName(task.model),
      prompt,
      promptEn: prompt,
      properties: { botType: task.body.botType ?? 'MID_JOURNEY' },
    };
    task.answeredWith.push(`GET /mj/task/{task_id}/fetch ${state}`);
    switch (state) {
      case 'pending':
        return {
          json: {
            ...base,
            status: task.polls <= 1 ? 'SUBMITTED' : 'IN_PROGRESS',
            progress: '42%',
            buttons: [],
          },
        };
      case 'failed':
        return {
          json: {
            ...base,
            status: 'FAILURE',
            progress: '0%',
            failReason: 'Banned prompt detected',
            buttons: [],
          },
        };
      case 'cancelled':
        return { json: { ...base, status: 'CANCEL', progress: '0%', buttons: [] } };
      case 'succeeded': {
        const hash = `fake${task.id.slice(-6)}`;
        task.buttons ??= task.model === 'mj_upscale' ? upscaleButtons(hash) : gridButtons(hash);
        return {
          json: {
            ...base,
            status: 'SUCCESS',
            progress: '100%',
            imageUrl: `${url}/files/${task.id}/${hash}.png`,
            buttons: task.buttons,
          },
        };
      }
    }
  };

  const mjImage: FakeHandler = (call) => {
    const task = tasks.get(call.params.id ?? '');
    if (task?.kind !== 'midjourney') return { status: 404, json: { error: 'task not found' } };
    return fileFor(`${task.id}.png`);
  };

  // --- Portrait assets -----------------------------------------------------------------------

  const now = () => new Date().toISOString();
  const ok = (data: unknown): FakeResponse => ({ json: { success: true, message: '', data } });
  const notFound = (id: unknown): FakeResponse => ({
    status: 400,
    json: { success: false, message: `${String(id)} not found` },
  });
  const page = (items: unknown[], body: Record<string, unknown>): FakeResponse =>
    ok({
      Items: items,
      TotalCount: items.length,
      PageNumber: typeof body.page_number === 'number' ? body.page_number : 1,
      PageSize: typeof body.page_size === 'number' ? body.page_size : 20,
    });
  const bodyOf = (call: FakeCall): Record<string, unknown> => (isRecord(call.bodyJson) ? call.bodyJson : {});

  const assetRoutes: FakeRoutes = {
    'POST /v1/assets/group/create': (call) => {
      const body = bodyOf(call);
      if (typeof body.name !== 'string')
        return { status: 400, json: { success: false, message: 'name is required' } };
      counter += 1;
      const group = {
        Id: `group-20260403210537-${String(counter).padStart(5, '0')}`,
        Name: body.name,
        Title: body.name,
        Description: body.description ?? '',
        GroupType: body.group_type ?? 'AIGC',
        ProjectName: body.project_name ?? 'default',
        CreateTime: now(),
        UpdateTime: now(),
      };
      groups.set(group.Id, group);
      return ok(group);
    },
    'POST /v1/assets/group/list': (call) => page([...groups.values()], bodyOf(call)),
    'POST /v1/assets/group/get': (call) => {
      const group = groups.get(String(bodyOf(call).id));
      return group ? ok(group) : notFound(bodyOf(call).id);
    },
    'POST /v1/assets/group/update': (call) => {
      const body = bodyOf(call);
      const group = groups.get(String(body.id));
      if (!group) return notFound(body.id);
      if (typeof body.name === 'string') group.Name = body.name;
      if (typeof body.description === 'string') group.Description = body.description;
      group.UpdateTime = now();
      return ok({ Id: group.Id });
    },
    'POST /v1/assets/create': (call) => {
      const body = bodyOf(call);
      if (typeof body.url === 'string' && body.url.includes('fake=too-long')) {
        return { status: 400, json: errorExample('POST /v1/assets/create', '400', 'invalid_audio_duration') };
      }
      if (!groups.has(String(body.group_id))) return notFound(body.group_id);
      counter += 1;
      const id = `asset-20260409110407-${String(counter).padStart(5, '0')}`;
      assets.set(id, {
        Id: id,
        Name: body.name ?? '',
        URL: body.url,
        GroupId: body.group_id,
        AssetType: body.asset_type ?? 'Image',
        Status: 'Processing',
        ProjectName: body.project_name ?? 'default',
        CreateTime: now(),
        UpdateTime: now(),
        reads: 0,
        rejected: typeof body.url === 'string' && body.url.includes('fake=reject'),
      });
      const documented = clone(errorExample('POST /v1/assets/create', '200', 'create_success')) as {
        data: { Id: string };
      };
      documented.data.Id = id;
      return { json: documented };
    },
    'POST /v1/assets/list': (call) => page([...assets.values()].map(publicAsset), bodyOf(call)),
    'POST /v1/assets/get': (call) => {
      const asset = assets.get(String(bodyOf(call).id));
      if (!asset) return notFound(bodyOf(call).id);
      asset.reads = Number(asset.reads) + 1;
      if (Number(asset.reads) > 1) asset.Status = asset.rejected ? 'Failed' : 'Active';
      return ok(publicAsset(asset));
    },
    'POST /v1/assets/update': (call) => {
      const body = bodyOf(call);
      const asset = assets.get(String(body.id));
      if (!asset) return notFound(body.id);
      asset.Name = body.name;
      asset.UpdateTime = now();
      return ok({ Id: asset.Id });
    },
    'POST /v1/assets/quota': () => ok({ enabled: true, max_count_per_user: 100, current_count: assets.size }),
  };

  // --- Routes --------------------------------------------------------------------------------

  const routes: Record<string, FakeHandler> = {};
  for (const path of CREATE_PATHS) routes[`POST ${path}`] = authed(create(path));
  for (const [key, kinds] of POLL_ROUTES) routes[key] = authed(poll(kinds));
  routes['POST /mj/submit/imagine'] = authed(mjSubmit('imagine'));
  routes['POST /mj/submit/blend'] = authed(mjSubmit('blend'));
  routes['POST /mj/submit/change'] = authed(mjSubmit('change'));
  routes['POST /mj/submit/modal'] = authed(mjSubmit('modal'));
  routes['GET /mj/task/:id/fetch'] = authed(mjFetch);
  routes['GET /mj/image/:id'] = authed(mjImage);
  routes['GET /api/usage/token/user-balance'] = authed(() => ({
    json: errorExample('GET /api/usage/token/user-balance', '200', 'success'),
  }));
  for (const [key, reply] of Object.entries(assetRoutes)) routes[key] = authed(reply as FakeHandler);
  // Result files are public, as the platform's links are.
  routes['GET /files/:task/:name'] = (call) => fileFor(call.params.name ?? 'file.png');
  routes['GET /files/:name'] = (call) => fileFor(call.params.name ?? 'file.png');

  const server = await startFakeServer(routes);
  url = server.url;

  return {
    url,
    apiKey,
    config: { apiKey, baseUrl: url },
    env: { GENHUB_IMAROUTER_API_KEY: apiKey, GENHUB_IMAROUTER_BASE_URL: url },
    server,
    get calls() {
      return server.calls;
    },
    tasks,
    examples: imarouterExamples,
    nextOutcome(outcome, pendingPolls) {
      planned.push({ outcome, pendingPolls });
    },
    fileUrl(name) {
      return `${url}/files/${encodeURIComponent(name)}`;
    },
    reset() {
      server.reset();
      tasks.clear();
      planned.length = 0;
      assets.clear();
      groups.clear();
    },
    close: () => server.close(),
  };
}

function publicAsset(asset: Record<string, unknown>): Record<string, unknown> {
  const { reads: _reads, rejected: _rejected, ...rest } = asset;
  return rest;
}
