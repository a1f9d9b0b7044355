import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalJpeg,
  solidPng,
  startFakeServer,
  withAuth,
} from '@genhub/testkit';

/*
 * A fake of BFL's FLUX API (docs.bfl.ai, API reference and "Errors"), on 127.0.0.1:
 *
 * - `global` stands in for https://api.bfl.ai: `POST /v1/<model>` submits a task,
 *   `GET /v1/get_result?id=` and `GET /v1/credits` answer as documented.
 * - `regional` stands in for the regional cluster a task runs on (https://api.eu2.bfl.ai): the
 *   `polling_url` of every task points there, and it serves the signed sample URLs too. It is
 *   another port on the same host as the base URL, which the plugin trusts with the key as it
 *   trusts BFL's own regional hosts.
 *
 * Every API route wants the key in `x-key` (403 `{ detail }` otherwise). Bodies are checked against
 * the documented limits and refused with FastAPI's 422 `{ detail: [{ loc, msg, type }] }`.
 */

export const FAKE_BFL_KEY = 'bfl-fake-key-0123456789abcdef';

/** The documented task statuses (`StatusResponse`). */
export type BflStatus =
  | 'Ready'
  | 'Pending'
  | 'Request Moderated'
  | 'Content Moderated'
  | 'Error'
  | 'Task not found';

/** How the fake's next tasks go. */
export interface TaskPlan {
  /** Polls answered Pending before the ending (0: the first poll sees the ending). */
  pendingPolls: number;
  ending: Exclude<BflStatus, 'Pending'>;
  /** With a clock: Pending until this long after the submit (clock time), whatever the poll count. */
  readyAfterMs?: number;
}

/** What each documented endpoint accepts. */
interface EndpointRules {
  maxImages: number;
  maxSafety: number;
  /** FLUX.2: edges of at least 64, multiples of 16. FLUX1.1 [pro]: 256 to 1440, multiples of 32. */
  edges?: { min: number; max?: number; multiple: number };
  aspectRatio?: boolean;
  creditsPerImage: number;
}

const ENDPOINTS: Readonly<Record<string, EndpointRules>> = {
  'flux-2-max': { maxImages: 8, maxSafety: 5, edges: { min: 64, multiple: 16 }, creditsPerImage: 7 },
  'flux-2-pro': { maxImages: 8, maxSafety: 5, edges: { min: 64, multiple: 16 }, creditsPerImage: 3 },
  'flux-2-flex': { maxImages: 8, maxSafety: 5, edges: { min: 64, multiple: 16 }, creditsPerImage: 5 },
  'flux-2-klein-9b': { maxImages: 4, maxSafety: 5, edges: { min: 64, multiple: 16 }, creditsPerImage: 1.5 },
  'flux-2-klein-4b': { maxImages: 4, maxSafety: 5, edges: { min: 64, multiple: 16 }, creditsPerImage: 1.4 },
  'flux-kontext-pro': { maxImages: 4, maxSafety: 6, aspectRatio: true, creditsPerImage: 4 },
  'flux-kontext-max': { maxImages: 4, maxSafety: 6, aspectRatio: true, creditsPerImage: 8 },
  'flux-pro-1.1': {
    maxImages: 0,
    maxSafety: 6,
    edges: { min: 256, max: 1440, multiple: 32 },
    creditsPerImage: 4,
  },
  'flux-pro-1.1-ultra': { maxImages: 0, maxSafety: 6, aspectRatio: true, creditsPerImage: 6 },
};

interface FakeTask {
  id: string;
  endpoint: string;
  plan: TaskPlan;
  polls: number;
  createdAt: number;
  format: string;
  seed: number;
}

export interface FakeBflApi {
  /** The base URL: `GENHUB_BFL_BASE_URL`. */
  readonly url: string;
  readonly global: FakeServer;
  readonly regional: FakeServer;
  /** Requests to both servers, in order. */
  readonly calls: readonly FakeCall[];
  /** Submits the plugin sent, by endpoint. */
  submits(endpoint?: string): FakeCall[];
  /** Status requests on either server. */
  statusCalls(): FakeCall[];
  /** Sets how new tasks go and puts back the documented routes. */
  plan(plan: TaskPlan): void;
  /** The next submit is answered with this (a 429, a 500, ...) instead. */
  refuseSubmit(endpoint: string, response: FakeResponse): void;
  /** Polling URLs point at this origin instead of the regional server (a host the key must not reach). */
  pollOn(origin: string | undefined): void;
  credits: number;
  reset(): void;
  close(): Promise<void>;
}

const forbidden: FakeResponse = { status: 403, json: { detail: 'Not authenticated' } };
const authorized = (reply: Parameters<typeof withAuth>[1]) =>
  withAuth((headers) => headers['x-key'] === FAKE_BFL_KEY, reply, forbidden);

/** FastAPI's 422 for one bad field of the body. */
function unprocessable(field: string, msg: string, type = 'value_error'): FakeResponse {
  return { status: 422, json: { detail: [{ loc: ['body', field], msg, type }] } };
}

/** The first thing BFL's validation would refuse in this body, or undefined. */
function validationError(rules: EndpointRules, body: Record<string, unknown>): FakeResponse | undefined {
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
    return unprocessable('prompt', 'Field required', 'missing');
  }
  for (const key of Object.keys(body)) {
    const image = /^input_image(?:_(\d+))?$/.exec(key);
    if (!image) continue;
    const index = image[1] === undefined ? 1 : Number(image[1]);
    if (index > rules.maxImages)
      return unprocessable(key, 'Extra inputs are not permitted', 'extra_forbidden');
    if (typeof body[key] !== 'string')
      return unprocessable(key, 'Input should be a valid string', 'string_type');
  }
  const safety = body.safety_tolerance;
  if (
    safety !== undefined &&
    !(Number.isInteger(safety) && (safety as number) >= 0 && (safety as number) <= rules.maxSafety)
  ) {
    return unprocessable('safety_tolerance', `Input should be less than or equal to ${rules.maxSafety}`);
  }
  if (body.output_format !== undefined && body.output_format !== 'jpeg' && body.output_format !== 'png') {
    return unprocessable('output_format', "Input should be 'jpeg' or 'png'", 'enum');
  }
  if (body.seed !== undefined && !Number.isInteger(body.seed)) {
    return unprocessable('seed', 'Input should be a valid integer', 'int_type');
  }
  for (const edge of ['width', 'height'] as const) {
    const value = body[edge];
    if (value === undefined) continue;
    if (!rules.edges) return unprocessable(edge, 'Extra inputs are not permitted', 'extra_forbidden');
    const { min, max, multiple } = rules.edges;
    if (
      !Number.isInteger(value) ||
      (value as number) < min ||
      (max !== undefined && (value as number) > max)
    ) {
      return unprocessable(edge, `Input should be between ${min} and ${max ?? 'the 4 megapixel limit'}`);
    }
    if ((value as number) % multiple !== 0) return unprocessable(edge, `Must be a multiple of ${multiple}`);
  }
  if (
    typeof body.width === 'number' &&
    typeof body.height === 'number' &&
    body.width * body.height > 2048 * 2048
  ) {
    return unprocessable('width', 'Image is larger than 4 megapixels');
  }
  const ratio = body.aspect_ratio;
  if (ratio !== undefined) {
    if (!rules.aspectRatio)
      return unprocessable('aspect_ratio', 'Extra inputs are not permitted', 'extra_forbidden');
    const [w, h] = String(ratio).split(':').map(Number);
    if (!(w! > 0 && h! > 0) || w! / h! > 21 / 9 || h! / w! > 21 / 9) {
      return unprocessable('aspect_ratio', 'Aspect ratio must be between 21:9 and 9:21');
    }
  }
  return undefined;
}

const samples: Record<string, Uint8Array> = { jpeg: minimalJpeg(), png: solidPng(16, 16, [40, 90, 200]) };

/** Starts the fake; with `now`, tasks planned with `readyAfterMs` finish by that clock. */
export async function startFakeBflApi(options: { now?: () => number } = {}): Promise<FakeBflApi> {
  const now = options.now ?? Date.now;
  const global = await startFakeServer();
  const regional = await startFakeServer();
  const tasks = new Map<string, FakeTask>();
  let plan: TaskPlan = { pendingPolls: 1, ending: 'Ready' };
  let pollOrigin: string | undefined;
  let refusals = new Map<string, FakeResponse>();
  let count = 0;

  const statusOf = (task: FakeTask): BflStatus => {
    if (task.plan.readyAfterMs !== undefined) {
      return now() - task.createdAt >= task.plan.readyAfterMs ? task.plan.ending : 'Pending';
    }
    return task.polls <= task.plan.pendingPolls ? 'Pending' : task.plan.ending;
  };

  /** GET /v1/get_result?id=: `ResultResponse`. */
  const getResult = authorized(({ query }) => {
    const task = tasks.get(query.id ?? '');
    if (task === undefined) return { json: { id: query.id ?? '', status: 'Task not found', result: null } };
    task.polls += 1;
    const status = statusOf(task);
    const base = { id: task.id, status, details: null, preview: null };
    if (status === 'Pending') {
      const progress = Math.min(0.9, task.polls / (task.plan.pendingPolls + 1));
      return { json: { ...base, result: null, progress } };
    }
    if (status === 'Ready') {
      const sample = `${regional.url}/results/${task.id}/sample.${task.format === 'png' ? 'png' : 'jpg'}?se=signed`;
      return {
        json: { ...base, progress: null, result: { sample, seed: task.seed, start_time: 1, end_time: 2 } },
      };
    }
    if (status === 'Request Moderated' || status === 'Content Moderated') {
      return {
        json: {
          ...base,
          result: null,
          progress: null,
          details: { 'Moderation Reasons': ['Derivative Works'] },
        },
      };
    }
    return { json: { ...base, result: null, progress: null } };
  });

  const submit = authorized((call) => {
    const endpoint = call.params.model ?? '';
    const rules = ENDPOINTS[endpoint];
    if (rules === undefined) return { status: 404, json: { detail: 'Not Found' } };
    const refusal = refusals.get(endpoint);
    if (refusal !== undefined) {
      refusals.delete(endpoint);
      return refusal;
    }
    const body = call.bodyJson;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return unprocessable('body', 'Input should be a valid dictionary', 'model_attributes_type');
    }
    const record = body as Record<string, unknown>;
    const invalid = validationError(rules, record);
    if (invalid) return invalid;
    count += 1;
    const id = `task-${count}-${endpoint}`;
    const format =
      typeof record.output_format === 'string'
        ? record.output_format
        : endpoint.startsWith('flux-kontext')
          ? 'png'
          : 'jpeg';
    tasks.set(id, {
      id,
      endpoint,
      plan,
      polls: 0,
      createdAt: now(),
      format,
      seed: typeof record.seed === 'number' ? record.seed : 42,
    });
    const polling = `${pollOrigin ?? regional.url}/v1/get_result?id=${encodeURIComponent(id)}`;
    return { json: { id, polling_url: polling, cost: rules.creditsPerImage, input_mp: 0, output_mp: 1 } };
  });

  const routes = () => {
    global.route('POST /v1/:model', submit);
    global.route('GET /v1/get_result', getResult);
    global.route(
      'GET /v1/credits',
      authorized(() => ({ json: { credits: fake.credits } })),
    );
    regional.route('GET /v1/get_result', getResult);
    // The signed sample URL needs no key, as BFL's delivery URLs.
    regional.route('GET /results/:id/:file', ({ params }) => {
      const png = params.file?.endsWith('.png') === true;
      return {
        headers: { 'content-type': png ? 'image/png' : 'image/jpeg' },
        body: png ? samples.png! : samples.jpeg!,
      };
    });
  };
  routes();

  const fake: FakeBflApi = {
    url: global.url,
    global,
    regional,
    get calls() {
      return [...global.calls, ...regional.calls];
    },
    submits: (endpoint) =>
      global.calls.filter(
        (call) => call.method === 'POST' && (endpoint === undefined || call.path === `/v1/${endpoint}`),
      ),
    statusCalls: () => [...global.callsTo('GET /v1/get_result'), ...regional.callsTo('GET /v1/get_result')],
    plan(next) {
      plan = next;
      refusals = new Map();
      routes();
    },
    refuseSubmit(endpoint, response) {
      refusals.set(endpoint, response);
    },
    pollOn(origin) {
      pollOrigin = origin;
    },
    credits: 1234.5,
    reset() {
      global.reset();
      regional.reset();
      tasks.clear();
      count = 0;
      refusals = new Map();
      pollOrigin = undefined;
      plan = { pendingPolls: 1, ending: 'Ready' };
      routes();
    },
    async close() {
      await Promise.all([global.close(), regional.close()]);
    },
  };
  return fake;
}
