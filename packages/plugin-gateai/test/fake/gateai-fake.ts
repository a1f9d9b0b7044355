import { colorFromSeed, minimalGlb, minimalJpeg, minimalMp4, solidPng } from '@genhub/testkit/fake-media';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  startFakeServer,
  withBearer,
} from '@genhub/testkit/fake-server';
import { GATEAI_FAKE_MODELS, type GateAiFakeModel } from './gateai-fake-models.js';

/**
 * A fake of GateAI's Core API, built from its documentation (docs.txt) alone: the same paths,
 * Bearer auth (and `?key=` on `/api/me`), bodies, statuses, limits (5 in flight, 5 per 30 s, 1500
 * prompt characters, 8 outputs), the daily budget with its downgrades, the 20-minute refund and the
 * 40-minute hard limit. Where the document is silent (error bodies, the upload call, the shape of
 * `adjustments`) the fake makes a plausible choice, written down where it is made.
 */

/** How one generation ends. */
export interface GateAiTaskScript {
  /** PROCESSING answers to `GET /get/:id` before the outcome; `defaultTask.polls` (1) unless given. */
  polls?: number;
  /** `finished` (default), `failed` (with `error`) or `timeout` (FAILED at the 40-minute hard limit). */
  outcome?: 'finished' | 'failed' | 'timeout';
  /** The FAILED task's error; "Generation failed" unless given. */
  error?: string;
  /** What the task costs, instead of the model's price. */
  cost?: number;
  /** Reported by `POST /api/generate` as they are, in place of the fake's own budget adjustments. */
  adjustments?: unknown;
  /** Result URLs instead of files served by the fake. */
  results?: readonly string[];
}

export interface GateAiFakeLimits {
  /** Generations in flight per key; 5 as documented. */
  maxInFlight: number;
  /** Generate requests per sliding window per key; 5 as documented. */
  maxPerWindow: number;
  /** The sliding window; 30 s as documented. */
  windowMs: number;
}

export interface GateAiFakeOptions {
  /** The one valid key; `sk-gateai-fake-key-0001` unless given. */
  apiKey?: string;
  /** The catalogue; a handful of the document's models unless given. */
  models?: readonly GateAiFakeModel[];
  /** The fake's clock, for the 10-, 20- and 40-minute rules; `Date.now` unless given. */
  now?: () => number;
  /** How tasks without a script end. */
  defaultTask?: GateAiTaskScript;
  limits?: Partial<GateAiFakeLimits>;
  /** The key's daily budget in USD: $100, none used, unless given. */
  budget?: { dailyLimit?: number; used?: number };
  /** `GET /v1/models/schema` answers a bare array (default) or `{ models: [...] }`. */
  schemaShape?: 'array' | 'object';
}

/** What `GET /v1/models/schema` does. */
export type GateAiDiscoveryState = 'up' | 'down' | 'garbage' | FakeResponse;

/** A generation the fake holds. */
export interface GateAiFakeTask {
  id: string;
  model: string;
  type: string;
  params: Record<string, unknown>;
  cost: number;
  createdAt: number;
  polls: number;
  status: 'PROCESSING' | 'FINISHED' | 'FAILED';
  script: GateAiTaskScript;
  /** Set when the 20-minute rule gave the money back. */
  refunded: boolean;
  finishedAt?: number;
  error?: string;
  result?: string[];
}

/**
 * Faults after acceptance: GateAI creates (and bills) the task, then its answer is lost. Queue one
 * with `faultNextGenerate`, or put `[fault:<name>]` in a prompt.
 */
export const GATEAI_GENERATE_FAULTS = [
  'reset-after-accept',
  'bad-json-after-accept',
  '500-after-accept',
  'stall-after-accept',
] as const;
export type GateAiGenerateFault = (typeof GATEAI_GENERATE_FAULTS)[number];

/** How long a stalled answer is held back: longer than any client waits. */
const STALL_MS = 10 * 60_000;

function applyFault(fault: GateAiGenerateFault, accepted: FakeResponse): FakeResponse {
  switch (fault) {
    case 'reset-after-accept':
      return { fault: 'reset' };
    case 'bad-json-after-accept':
      return { headers: { 'content-type': 'application/json' }, body: '{"task_id": "' };
    case '500-after-accept':
      return { status: 500, json: { error: 'Internal server error' } };
    case 'stall-after-accept':
      return { ...accepted, delayMs: STALL_MS };
  }
}

function faultInPrompt(params: unknown): GateAiGenerateFault | undefined {
  const prompt = isRecord(params) && typeof params.prompt === 'string' ? params.prompt : '';
  const name = /\[fault:([a-z0-9-]+)\]/.exec(prompt)?.[1];
  return GATEAI_GENERATE_FAULTS.find((fault) => fault === name);
}

/** A file sent to `POST /api/upload`. */
export interface GateAiFakeUpload {
  id: string;
  filename: string;
  type: string;
  bytes: Uint8Array;
}

export interface GateAiFake {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly apiKey: string;
  /** Plugin settings pointing at this fake. */
  readonly config: { apiKey: string; baseUrl: string };
  readonly server: FakeServer;
  /** Every request received, in order. */
  readonly calls: readonly FakeCall[];
  callsTo(key: string): FakeCall[];
  /** Scripts the next generation; scripts queue up, one per accepted `POST /api/generate`. */
  nextTask(script: GateAiTaskScript): void;
  /** Answers the next `POST /api/generate` with this response instead (after the auth check). */
  failNextGenerate(response: FakeResponse): void;
  /** Accepts the next generation (a task is created and billed), then loses the answer this way. */
  faultNextGenerate(fault: GateAiGenerateFault): void;
  /** Makes model discovery work, fail with 503, or answer something that is not JSON. */
  setDiscovery(state: GateAiDiscoveryState): void;
  setBudget(budget: { dailyLimit?: number; used?: number }): void;
  budget(): { dailyLimit: number; used: number; remaining: number };
  /** Fills the key's 30-second window, so the next generate is RATE_LIMITED. */
  fillRateWindow(): void;
  /** Empties the rate window and frees every concurrency slot. */
  resetLimits(): void;
  task(id: string): GateAiFakeTask | undefined;
  readonly tasks: readonly GateAiFakeTask[];
  readonly uploads: readonly GateAiFakeUpload[];
  /** Forgets calls, tasks, uploads and scripts; restores budget, limits and discovery. */
  reset(): void;
  close(): Promise<void>;
}

export const DefaultGateAiFakeOptions = {
  apiKey: 'sk-gateai-fake-key-0001',
  limits: { maxInFlight: 5, maxPerWindow: 5, windowMs: 30_000 },
  budget: { dailyLimit: 100, used: 0 },
  /** Concurrency slots free themselves after this long, even while the task runs. */
  slotReleaseMs: 10 * 60_000,
  /** A task finished later than this after its start is refunded. */
  refundAfterMs: 20 * 60_000,
  /** A task still running this long after its start fails. */
  hardLimitMs: 40 * 60_000,
  maxPromptLength: 1500,
  maxQuantity: 8,
} as const;

/** The document's inline reference fields; each takes an HTTPS URL or a `data:` URI. */
const INLINE_REFERENCE_FIELDS = [
  'image',
  'input_image',
  'first_frame',
  'last_frame',
  'start_image_url',
  'end_image_url',
  'reference_images',
  'image_url',
  'image_urls',
  'video_url',
  'reference_video_url',
  'audio_url',
  'reference_audio_url',
  // The per-model names the document's tables use for the same thing.
  'start_frame',
  'end_frame',
  'reference_image_urls',
  'reference_video_urls',
  'reference_audio_urls',
];

const HARD_LIMIT_ERROR = 'Generation timed out (40 min hard limit)';
const UNAUTHORIZED: FakeResponse = { status: 401, json: { error: 'Invalid or missing API key' } };

/** Starts the GateAI fake on 127.0.0.1 at a free port. */
export async function startGateAiFake(options: GateAiFakeOptions = {}): Promise<GateAiFake> {
  const D = DefaultGateAiFakeOptions;
  const apiKey = options.apiKey ?? D.apiKey;
  const models = options.models ?? GATEAI_FAKE_MODELS;
  const now = options.now ?? Date.now;
  const limits: GateAiFakeLimits = { ...D.limits, ...options.limits };
  const initialBudget = { ...D.budget, ...options.budget };
  const defaultTask: GateAiTaskScript = { polls: 1, outcome: 'finished', ...options.defaultTask };

  let budget = { ...initialBudget };
  let discovery: GateAiDiscoveryState = 'up';
  let window: number[] = [];
  /** Task id -> when its concurrency slot was taken. */
  const slots = new Map<string, number>();
  const scripts: GateAiTaskScript[] = [];
  const generateFailures: FakeResponse[] = [];
  const generateFaults: GateAiGenerateFault[] = [];
  const tasks = new Map<string, GateAiFakeTask>();
  const uploads = new Map<string, GateAiFakeUpload>();
  let sequence = 0;

  const server = await startFakeServer();
  const url = server.url;
  const authed = (handler: (call: FakeCall) => FakeResponse) => withBearer(apiKey, handler, UNAUTHORIZED);

  const findModel = (id: unknown): GateAiFakeModel | undefined =>
    typeof id === 'string' ? models.find((model) => model.id === id) : undefined;
  const notFound = (id: string): FakeResponse => ({
    status: 404,
    json: { error: 'Model not found', suggestions: suggestionsFor(id, models) },
  });

  const remaining = () => round(Math.max(0, budget.dailyLimit - budget.used));

  const freeExpiredSlots = () => {
    for (const [id, takenAt] of slots) if (now() - takenAt >= D.slotReleaseMs) slots.delete(id);
  };
  const slideWindow = () => {
    window = window.filter((at) => now() - at < limits.windowMs);
  };

  /** Checks a generate/estimate body; the error response when it is wrong. */
  const checkBody = (
    call: FakeCall,
  ): { model: GateAiFakeModel; params: Record<string, unknown> } | { error: FakeResponse } => {
    const body = call.bodyJson;
    if (!isRecord(body) || typeof body.model !== 'string' || body.model === '') {
      return { error: badRequest('model is required', 'INVALID_REQUEST') };
    }
    const model = findModel(body.model);
    if (!model) return { error: notFound(body.model) };
    const params = body.params === undefined ? {} : body.params;
    if (!isRecord(params)) return { error: badRequest('params must be an object', 'INVALID_REQUEST') };
    if (typeof params.prompt === 'string' && [...params.prompt].length > D.maxPromptLength) {
      return {
        error: badRequest(`Prompt too long (max ${D.maxPromptLength} characters)`, 'PROMPT_TOO_LONG'),
      };
    }
    if (typeof params.quantity === 'number' && params.quantity > D.maxQuantity) {
      return { error: badRequest(`Quantity too high (max ${D.maxQuantity})`, 'QUANTITY_TOO_HIGH') };
    }
    for (const field of INLINE_REFERENCE_FIELDS) {
      const value = params[field];
      if (value === undefined) continue;
      const refs = Array.isArray(value) ? value : [value];
      if (!refs.every((ref) => typeof ref === 'string' && /^(https:\/\/|data:)/i.test(ref))) {
        return { error: badRequest(`${field} must be an HTTPS URL or a data: URI`, 'INVALID_REFERENCE') };
      }
    }
    for (const field of ['images', 'videos']) {
      const value = params[field];
      if (value === undefined) continue;
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && uploads.has(id))) {
        return { error: badRequest(`${field} holds an unknown file id`, 'INVALID_FILE') };
      }
    }
    return { model, params };
  };

  /**
   * The cost of a request and the budget downgrades that make it fit, or undefined when nothing
   * fits. Shortening the duration is the only downgrade the fake knows; the document also names
   * lower resolutions. The fake reports them as `{ <param>: { from, to } }`.
   */
  const priceWithin = (
    model: GateAiFakeModel,
    params: Record<string, unknown>,
    scriptedCost: number | undefined,
  ): { cost: number; params: Record<string, unknown>; adjustments: Record<string, unknown> } | undefined => {
    const adjustments: Record<string, unknown> = {};
    let cost = scriptedCost ?? priceOf(model, params);
    let adjusted = params;
    if (cost > remaining()) {
      const field = durationField(model);
      const current = field === undefined ? undefined : durationOf(model, params);
      const choices = field === undefined ? [] : durationChoices(model, field);
      for (const seconds of choices.filter((s) => current !== undefined && s < current).reverse()) {
        const candidate = { ...params, [field!]: seconds };
        const candidateCost = scriptedCost ?? priceOf(model, candidate);
        if (candidateCost <= remaining()) {
          adjustments[field!] = { from: current, to: seconds };
          adjusted = candidate;
          cost = candidateCost;
          break;
        }
      }
    }
    return cost <= remaining() ? { cost, params: adjusted, adjustments } : undefined;
  };

  const generate = (call: FakeCall): FakeResponse => {
    const failure = generateFailures.shift();
    if (failure) return failure;
    const fault =
      generateFaults.shift() ?? faultInPrompt(isRecord(call.bodyJson) ? call.bodyJson.params : undefined);
    const answer = accept(call);
    return fault === undefined || (answer.status ?? 200) !== 200 ? answer : applyFault(fault, answer);
  };

  const accept = (call: FakeCall): FakeResponse => {
    slideWindow();
    if (window.length >= limits.maxPerWindow) {
      const oldest = window[0]!;
      const waitSeconds = Math.max(1, Math.ceil((oldest + limits.windowMs - now()) / 1000));
      return {
        status: 429,
        headers: { 'retry-after': String(waitSeconds) },
        json: {
          error: `Rate limit exceeded: max ${limits.maxPerWindow} requests per ${limits.windowMs / 1000}s`,
          code: 'RATE_LIMITED',
        },
      };
    }
    freeExpiredSlots();
    if (slots.size >= limits.maxInFlight) {
      return {
        status: 429,
        json: {
          error: `Too many concurrent requests: max ${limits.maxInFlight} in flight per key`,
          code: 'RATE_LIMITED',
        },
      };
    }
    window.push(now());
    const checked = checkBody(call);
    if ('error' in checked) return checked.error;
    const script: GateAiTaskScript = { ...defaultTask, ...scripts.shift() };
    const priced = priceWithin(checked.model, checked.params, script.cost);
    if (!priced) {
      return {
        status: 402,
        json: { error: 'Daily budget exceeded', code: 'BUDGET_EXCEEDED', remaining: remaining() },
      };
    }
    sequence += 1;
    const id = `${fakeUuid(sequence)}`;
    const task: GateAiFakeTask = {
      id,
      model: checked.model.id,
      type: checked.model.type,
      params: priced.params,
      cost: priced.cost,
      createdAt: now(),
      polls: 0,
      status: 'PROCESSING',
      script,
      refunded: false,
    };
    tasks.set(id, task);
    slots.set(id, now());
    budget.used = round(budget.used + priced.cost);
    const adjustments = script.adjustments ?? priced.adjustments;
    const reported =
      adjustments === undefined || (isRecord(adjustments) && Object.keys(adjustments).length === 0)
        ? {}
        : { adjustments };
    return {
      json: {
        task_id: id,
        url: `/get/${id}`,
        status: 'PROCESSING',
        cost: priced.cost,
        remaining: remaining(),
        ...reported,
      },
    };
  };

  const finish = (task: GateAiFakeTask, status: 'FINISHED' | 'FAILED', error?: string) => {
    task.status = status;
    task.finishedAt = now();
    slots.delete(task.id);
    const late = task.finishedAt - task.createdAt > D.refundAfterMs;
    if (status === 'FAILED' || late) {
      budget.used = round(Math.max(0, budget.used - task.cost));
      task.refunded = late;
    }
    if (status === 'FAILED') task.error = error ?? 'Generation failed';
    else task.result = [...(task.script.results ?? resultUrls(url, task, models))];
  };

  const statusBody = (task: GateAiFakeTask): Record<string, unknown> => {
    if (task.status === 'PROCESSING') return { status: 'PROCESSING', model: task.model };
    if (task.status === 'FAILED') return { status: 'FAILED', error: task.error, model: task.model };
    const result = task.result ?? [];
    return {
      status: 'FINISHED',
      result,
      model: task.model,
      // The task's price; the 20-minute refund goes back to the budget (see `/credits`).
      cost: task.cost,
      ...(task.type === '3d' ? { glb_urls: result.map((link) => link.replace(/\.jpg$/i, '.glb')) } : {}),
    };
  };

  const poll = (call: FakeCall): FakeResponse => {
    const task = tasks.get(call.params.id ?? '');
    if (!task) return { status: 404, json: { error: 'Task not found' } };
    if (task.status === 'PROCESSING') {
      if (now() - task.createdAt >= D.hardLimitMs) {
        finish(task, 'FAILED', HARD_LIMIT_ERROR);
      } else {
        task.polls += 1;
        if (task.polls > (task.script.polls ?? 0)) {
          const outcome = task.script.outcome ?? 'finished';
          if (outcome === 'finished') finish(task, 'FINISHED');
          else finish(task, 'FAILED', outcome === 'timeout' ? HARD_LIMIT_ERROR : task.script.error);
        }
      }
    }
    return { json: statusBody(task) };
  };

  const estimate = (call: FakeCall): FakeResponse => {
    const checked = checkBody(call);
    if ('error' in checked) return checked.error;
    const cost = priceOf(checked.model, checked.params);
    const fits = cost <= remaining();
    const priced = fits ? undefined : priceWithin(checked.model, checked.params, undefined);
    return {
      json: {
        cost,
        daily_remaining: remaining(),
        fits_in_budget: fits,
        ...(priced && Object.keys(priced.adjustments).length > 0
          ? { adjustments: priced.adjustments, adjusted_cost: priced.cost }
          : {}),
      },
    };
  };

  /** The upload call is not documented; the fake takes multipart/form-data with a `file` field. */
  const upload = (call: FakeCall): FakeResponse => {
    const file = call.multipart?.files.file;
    if (!file) return badRequest('Send the file as multipart/form-data in a "file" field', 'INVALID_REQUEST');
    const id = `file_${uploads.size + 1}`;
    uploads.set(id, { id, filename: file.filename, type: file.type, bytes: file.bytes });
    return { json: { id, filename: file.filename, size: file.bytes.byteLength, type: file.type } };
  };

  const credits = (): FakeResponse => ({
    json: {
      your_budget: { daily_limit: budget.dailyLimit, used: round(budget.used), remaining: remaining() },
      pool: { total_accounts: 12, locked: 1 },
    },
  });

  const me = (call: FakeCall): FakeResponse => {
    if (call.query.key !== apiKey) return UNAUTHORIZED;
    freeExpiredSlots();
    const all = [...tasks.values()];
    const active = all.filter((task) => task.status === 'PROCESSING');
    const done = all.filter((task) => task.status !== 'PROCESSING');
    const spending: Record<string, { requests: number; cost: number }> = {};
    for (const task of all) {
      const entry = spending[task.model] ?? { requests: 0, cost: 0 };
      spending[task.model] = entry;
      entry.requests += 1;
      entry.cost = round(entry.cost + (task.refunded || task.status === 'FAILED' ? 0 : task.cost));
    }
    const elapsed = (task: GateAiFakeTask) => Math.round((now() - task.createdAt) / 1000);
    return {
      json: {
        budget: { daily_limit: budget.dailyLimit, used: round(budget.used), remaining: remaining() },
        concurrency: {
          used: slots.size,
          max: limits.maxInFlight,
          available: Math.max(0, limits.maxInFlight - slots.size),
          active_slots: [...slots.keys()].map((id) => {
            const task = tasks.get(id)!;
            return { taskId: id, model: task.model, elapsed: elapsed(task) };
          }),
        },
        active_tasks: active.map((task) => ({
          task_id: task.id,
          model: task.model,
          status: task.status,
          cost: task.cost,
          elapsed: `${elapsed(task)}s`,
        })),
        recent_tasks: done.slice(-20).map((task) => ({
          task_id: task.id,
          model: task.model,
          status: task.status,
          cost: task.cost,
          result_count: task.result?.length ?? 0,
        })),
        today_spending: spending,
      },
    };
  };

  const publicSchema = (model: GateAiFakeModel) => ({
    id: model.id,
    type: model.type,
    cost: model.cost,
    params: model.params,
    example: model.example,
  });

  const schema = (): FakeResponse => {
    if (discovery === 'down') return { status: 503, json: { error: 'Service temporarily unavailable' } };
    if (discovery === 'garbage') return { body: '<html>maintenance</html>' };
    if (discovery !== 'up') return discovery;
    const all = models.map(publicSchema);
    return { json: options.schemaShape === 'object' ? { models: all } : all };
  };

  const file = (call: FakeCall): FakeResponse => {
    const name = call.params.name ?? '';
    const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
    const seed = [...`${call.params.task}/${name}`].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
    switch (extension) {
      case 'jpg':
      case 'jpeg':
        return { body: minimalJpeg(), headers: { 'content-type': 'image/jpeg' } };
      case 'png':
        return { body: solidPng(8, 8, colorFromSeed(seed)), headers: { 'content-type': 'image/png' } };
      case 'mp4':
        return { body: minimalMp4(), headers: { 'content-type': 'video/mp4' } };
      case 'glb':
        return { body: minimalGlb('gateai-fake'), headers: { 'content-type': 'model/gltf-binary' } };
      default:
        return { status: 404, json: { error: 'File not found' } };
    }
  };

  server.route('GET /docs.txt', { body: '# GateAI Core API Documentation (fake)\n' });
  server.route('GET /v1/models', () => ({
    json: models.map((model) => ({
      id: model.id,
      type: model.type,
      cost: model.cost,
      params: Object.keys(model.params),
    })),
  }));
  server.route('GET /v1/models/schema', authed(schema));
  server.route(
    'GET /v1/models/:id',
    authed((call) => {
      const model = findModel(call.params.id);
      return model ? { json: publicSchema(model) } : notFound(call.params.id ?? '');
    }),
  );
  server.route('POST /api/generate', authed(generate));
  server.route('POST /api/estimate', authed(estimate));
  server.route('POST /api/upload', authed(upload));
  server.route('GET /get/:id', authed(poll));
  server.route('GET /credits', authed(credits));
  server.route('GET /api/me', me);
  server.route('GET /files/:task/:name', file);

  return {
    url,
    apiKey,
    config: { apiKey, baseUrl: url },
    server,
    get calls() {
      return server.calls;
    },
    callsTo: (key) => server.callsTo(key),
    nextTask: (script) => {
      scripts.push(script);
    },
    faultNextGenerate: (fault) => {
      generateFaults.push(fault);
    },
    failNextGenerate: (response) => {
      generateFailures.push(response);
    },
    setDiscovery: (state) => {
      discovery = state;
    },
    setBudget: (next) => {
      budget = { ...budget, ...next };
    },
    budget: () => ({ dailyLimit: budget.dailyLimit, used: round(budget.used), remaining: remaining() }),
    fillRateWindow: () => {
      slideWindow();
      while (window.length < limits.maxPerWindow) window.push(now());
    },
    resetLimits: () => {
      window = [];
      slots.clear();
    },
    task: (id) => tasks.get(id),
    get tasks() {
      return [...tasks.values()];
    },
    get uploads() {
      return [...uploads.values()];
    },
    reset: () => {
      server.reset();
      budget = { ...initialBudget };
      discovery = 'up';
      window = [];
      slots.clear();
      scripts.length = 0;
      generateFailures.length = 0;
      generateFaults.length = 0;
      tasks.clear();
      uploads.clear();
    },
    close: () => server.close(),
  };
}

function badRequest(error: string, code: string): FakeResponse {
  return { status: 400, json: { error, code } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** A UUID-shaped id that follows from a counter, like the document's task ids. */
function fakeUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `f578692c-6475-4d85-b4c2-${hex}`;
}

function durationField(model: GateAiFakeModel): string | undefined {
  return ['duration', 'durationSeconds'].find((name) => model.params[name] !== undefined);
}

function durationChoices(model: GateAiFakeModel, field: string): number[] {
  const values = model.params[field]?.enum ?? [];
  return values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
}

function durationOf(model: GateAiFakeModel, params: Record<string, unknown>): number | undefined {
  const field = durationField(model);
  if (field === undefined) return undefined;
  const given = params[field];
  if (typeof given === 'number') return given;
  const fallback = model.params[field]?.default;
  return typeof fallback === 'number' ? fallback : undefined;
}

/** The fake's price: per output, scaled by duration where the model's price is per `priceSeconds`. */
function priceOf(model: GateAiFakeModel, params: Record<string, unknown>): number {
  const quantity = typeof params.quantity === 'number' && params.quantity > 0 ? params.quantity : 1;
  const seconds = durationOf(model, params);
  const scale = model.priceSeconds !== undefined && seconds !== undefined ? seconds / model.priceSeconds : 1;
  return round(model.price * quantity * scale);
}

function resultUrls(base: string, task: GateAiFakeTask, models: readonly GateAiFakeModel[]): string[] {
  const type = models.find((model) => model.id === task.model)?.type ?? task.type;
  const extension = type === 'video' ? 'mp4' : type === '3d' ? 'jpg' : 'png';
  const count = type === 'image' && typeof task.params.quantity === 'number' ? task.params.quantity : 1;
  return Array.from(
    { length: Math.max(1, count) },
    (_, index) => `${base}/files/${task.id}/${task.model}_-${index}.${extension}`,
  );
}

/** Close model ids, as `GET /v1/models/seedance` suggests `seedance-2.0`. */
export function suggestionsFor(id: string, models: readonly GateAiFakeModel[]): string[] {
  const wanted = id.toLowerCase();
  const scored = models
    .map((model) => {
      const candidate = model.id.toLowerCase();
      const contains = candidate.includes(wanted) || wanted.includes(candidate);
      return { id: model.id, score: contains ? 0 : levenshtein(wanted, candidate) };
    })
    .filter((entry) => entry.score <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return scored.slice(0, 5).map((entry) => entry.id);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
