import { MP3_FRAME_MS, minimalMp4, silentMp3, solidPng } from '@genhub/testkit/fake-media';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  startFakeServer,
} from '@genhub/testkit/fake-server';
import {
  AINATIVE_COGVIDEOX_FPS,
  AINATIVE_ENDPOINT_TYPES,
  AINATIVE_GENERATION_ENDPOINTS,
  AINATIVE_I2V_PROVIDERS,
  AINATIVE_RATE_LIMITS,
  type AiNativeEndpointType,
  type AiNativeFakeEndpoint,
  type AiNativeGenerationEndpoint,
  type AiNativeRequestBody,
  creditsFor,
  isPremium,
  parseRequestBody,
} from './ainative-catalogue.js';

/** Where the user guide puts the API: `https://api.ainative.studio/api/v1/multimodal`. */
export const AINATIVE_BASE_PATH = '/api/v1/multimodal';

/** The meaning of each documented error status, used as `detail` unless a script gives one. */
export const AINATIVE_ERROR_DETAILS: Readonly<Record<number, string>> = {
  400: 'Invalid request (bad params, unsupported format)',
  401: 'Not authenticated',
  402: 'Insufficient credits',
  404: 'Not found',
  429: 'Rate limit exceeded',
  500: 'GPU provider error — retry after 30s',
};

export interface AiNativeFakeOptions {
  /** The key `Authorization: Bearer <key>` must carry; 6 or more characters. */
  apiKey?: string;
  /** Path of the API on the fake; `/api/v1/multimodal` as in the user guide. */
  basePath?: string;
  /** Starting credit balance; 100 000 unless given. */
  credits?: number;
  /** Whether the account has the premium tier (sora2, text-to-video); true unless given. */
  premium?: boolean;
  /**
   * How a non-premium account is refused a premium model. The documents name no status for it;
   * by default the fake answers 402, the documented "payment" status, with a detail naming the tier.
   */
  premiumRefusal?: { status?: number; detail?: string };
  /** Refuse requests over the documented per-minute limits with 429; off unless set. */
  enforceRateLimits?: boolean;
}

/** A scripted error answer. */
export interface AiNativeFailure {
  status: number;
  /** The body's `detail`; the documented meaning of the status unless given. */
  detail?: string;
  /** Sent as the `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
  /** A whole JSON body instead of `{ detail }`. */
  json?: unknown;
}

/** How a generation scripted with `processNext` goes on after it is accepted. */
export interface AiNativeProcessing {
  /** `GET /usage/{usage_id}` calls answering `processing` before the record ends. */
  polls: number;
  /** How the record ends; `completed` unless given. */
  outcome?: 'completed' | 'failed';
  /** The `error_message` of a failed record. */
  error?: string;
}

export type AiNativeUsageStatus = 'processing' | 'completed' | 'failed';

/**
 * A usage record as the fake keeps it. The documents say only that records carry a status, the
 * credits used and the results; these field names are the fake's choice.
 */
export interface AiNativeUsageRecord {
  id: string;
  endpoint_type: AiNativeEndpointType;
  status: AiNativeUsageStatus;
  credits_used: number;
  /** The request as the fake understood it, defaults filled in. */
  request: Record<string, unknown>;
  /** The generation's response fields (`video_url`, `audio_base64`, ...) once completed. */
  result: Record<string, unknown> | null;
  error_message: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface AiNativeFake {
  /** The fake's origin, `http://127.0.0.1:<port>`: trust it for downloads. */
  readonly url: string;
  /** The API base URL on the fake: `url` + `/api/v1/multimodal`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Plugin settings pointing at the fake. */
  readonly config: { apiKey: string; baseUrl: string };
  readonly server: FakeServer;
  /** Every request received, in order. */
  readonly calls: readonly FakeCall[];
  /** Calls to one endpoint, such as `callsTo('video/i2v')` or `callsTo('usage/{usage_id}')`. */
  callsTo(endpoint: AiNativeFakeEndpoint): FakeCall[];
  /** Credits left on the account. */
  readonly credits: number;
  setCredits(credits: number): void;
  /** Gives or takes the premium tier. */
  setPremium(premium: boolean): void;
  /** The next `times` authenticated calls to the endpoint answer this error (a status alone uses the documented detail). */
  failNext(endpoint: AiNativeFakeEndpoint, failure: AiNativeFailure | number, times?: number): void;
  /** The next accepted generation at the endpoint answers `processing` and ends after `polls` usage polls. */
  processNext(endpoint: AiNativeGenerationEndpoint, processing: AiNativeProcessing): void;
  /** What `GET /health` answers from now on. */
  setHealth(response: FakeResponse): void;
  /** Usage records, newest first. */
  usageRecords(): AiNativeUsageRecord[];
  /** A URL of a file the fake serves without auth: `.png` (an input image), `.mp4`, `.mp3`. */
  fileUrl(name: string): string;
  /** Forgets calls, scripts and records and restores the starting balance, tier and health. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_API_KEY = 'ainative-fake-key-0123456789';
const DEFAULT_CREDITS = 100_000;

const HEALTHY: FakeResponse = {
  json: {
    status: 'healthy',
    runpod_connected: true,
    gpu_endpoints: Object.fromEntries(
      Object.values(AINATIVE_ENDPOINT_TYPES).map((type) => [type, 'available']),
    ),
  },
};

interface Stored {
  record: AiNativeUsageRecord;
  /** Usage polls still to answer `processing`. */
  pollsLeft: number;
  outcome: 'completed' | 'failed';
  error: string | undefined;
  /** The response fields the generation produces once done. */
  result: Record<string, unknown>;
}

/**
 * Starts a fake of the AINative Studio multimodal API on 127.0.0.1, written from its two documents:
 * the same paths under `/api/v1/multimodal`, `Authorization: Bearer`, request bodies checked against
 * the parameter tables (400 otherwise), 201 responses with the documented fields, credits and
 * usage records, and the documented 400/402/429/500 errors as FastAPI-style `{ detail }` bodies.
 * Generations answer at once, as documented; `processNext` makes one answer `processing` and end
 * after some usage polls. Video URLs point at the fake itself, so downloads work.
 */
export async function startAiNativeFake(options: AiNativeFakeOptions = {}): Promise<AiNativeFake> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const basePath = `/${(options.basePath ?? AINATIVE_BASE_PATH).replace(/^\/+|\/+$/g, '')}`;
  const startCredits = options.credits ?? DEFAULT_CREDITS;
  const startPremium = options.premium ?? true;
  let credits = startCredits;
  let premium = startPremium;
  let health: FakeResponse = HEALTHY;
  let nextId = 1;
  const failures = new Map<AiNativeFakeEndpoint, AiNativeFailure[]>();
  const processing = new Map<AiNativeGenerationEndpoint, AiNativeProcessing[]>();
  const records = new Map<string, Stored>();
  const windows = new Map<AiNativeGenerationEndpoint, number[]>();
  let origin = '';

  const authorized = (call: FakeCall): boolean => call.headers.authorization === `Bearer ${apiKey}`;
  const error = (status: number, detail?: string, headers?: Record<string, string>): FakeResponse => ({
    status,
    json: { detail: detail ?? AINATIVE_ERROR_DETAILS[status] ?? 'Error' },
    ...(headers === undefined ? {} : { headers }),
  });
  const unauthorized = (): FakeResponse => error(401, undefined, { 'www-authenticate': 'Bearer' });
  const scripted = (endpoint: AiNativeFakeEndpoint): FakeResponse | undefined => {
    const failure = failures.get(endpoint)?.shift();
    if (!failure) return undefined;
    const headers =
      failure.retryAfterSeconds === undefined
        ? undefined
        : { 'retry-after': String(failure.retryAfterSeconds) };
    if (failure.json !== undefined)
      return { status: failure.status, json: failure.json, ...(headers ? { headers } : {}) };
    return error(failure.status, failure.detail, headers);
  };
  /** Auth first, then a scripted failure; undefined lets the call through. */
  const gate = (call: FakeCall, endpoint: AiNativeFakeEndpoint): FakeResponse | undefined =>
    authorized(call) ? scripted(endpoint) : unauthorized();

  const rateLimited = (endpoint: AiNativeGenerationEndpoint, now: number): FakeResponse | undefined => {
    if (!options.enforceRateLimits) return undefined;
    const recent = (windows.get(endpoint) ?? []).filter((at) => now - at < 60_000);
    windows.set(endpoint, recent);
    const max = AINATIVE_RATE_LIMITS[endpoint];
    if (recent.length < max) {
      recent.push(now);
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    return error(429, `Rate limit exceeded: ${max} per 1 minute`, { 'retry-after': String(retryAfter) });
  };

  const generate =
    (endpoint: AiNativeGenerationEndpoint) =>
    (call: FakeCall): FakeResponse => {
      const refused = gate(call, endpoint);
      if (refused) return refused;
      const parsed = parseRequestBody(endpoint, call.bodyJson);
      if (!parsed.ok) return error(400, parsed.detail);
      const body = parsed.body;
      if (isPremium(body) && !premium) {
        const what = body.endpoint === 'video/i2v' ? body.provider : 'text-to-video';
        return error(
          options.premiumRefusal?.status ?? 402,
          options.premiumRefusal?.detail ??
            `Premium tier required: ${what} is available on premium plans only`,
        );
      }
      const limited = rateLimited(endpoint, Date.now());
      if (limited) return limited;
      const cost = creditsFor(body);
      if (credits < cost) return error(402, `Insufficient credits: ${cost} required, ${credits} available`);
      credits -= cost;
      const id = `usg_${String(nextId++).padStart(6, '0')}`;
      const result = resultOf(body, id);
      const script = processing.get(endpoint)?.shift();
      const now = new Date().toISOString();
      const { endpoint: _omit, ...request } = body;
      const record: AiNativeUsageRecord = {
        id,
        endpoint_type: AINATIVE_ENDPOINT_TYPES[endpoint],
        status: script ? 'processing' : 'completed',
        credits_used: cost,
        request,
        result: script ? null : result,
        error_message: null,
        created_at: now,
        completed_at: script ? null : now,
      };
      records.set(id, {
        record,
        pollsLeft: script?.polls ?? 0,
        outcome: script?.outcome ?? 'completed',
        error: script?.error,
        result,
      });
      const accounting = { credits_used: cost, credits_remaining: credits };
      if (script) {
        const pending = Object.fromEntries(
          Object.keys(result).map((key) => [key, key === 'format' ? result[key] : null]),
        );
        return { status: 201, json: { ...pending, usage_id: id, status: 'processing', ...accounting } };
      }
      return { status: 201, json: responseOf(body, result, id, accounting) };
    };

  /** The documented response fields, per endpoint (the image response has no usage id or balance). */
  const responseOf = (
    body: AiNativeRequestBody,
    result: Record<string, unknown>,
    id: string,
    accounting: { credits_used: number; credits_remaining: number },
  ): Record<string, unknown> => {
    if (body.endpoint === 'image') return { ...result, credits_used: accounting.credits_used };
    return { ...result, usage_id: id, ...accounting };
  };

  const resultOf = (body: AiNativeRequestBody, id: string): Record<string, unknown> => {
    switch (body.endpoint) {
      case 'tts': {
        const mp3 = silentMp3(Math.min(2000, 40 * body.text.length));
        const frames = mp3.byteLength / 417;
        return {
          audio_base64: Buffer.from(mp3).toString('base64'),
          format: 'mp3',
          duration_ms: Math.round(frames * MP3_FRAME_MS),
        };
      }
      case 'image':
        return {
          image_base64: Buffer.from(solidPng(body.width, body.height, [40, 90, 160])).toString('base64'),
          format: 'png',
          width: body.width,
          height: body.height,
        };
      case 'video/i2v':
        return video(id, AINATIVE_I2V_PROVIDERS[body.provider].durationSeconds);
      case 'video/t2v':
        return video(id, body.duration);
      case 'video/cogvideox':
        return video(id, body.num_frames / AINATIVE_COGVIDEOX_FPS);
    }
  };
  const video = (id: string, seconds: number): Record<string, unknown> => ({
    video_url: `${origin}/files/${id}.mp4`,
    format: 'mp4',
    duration_seconds: seconds,
  });

  /** Advances a processing record by one poll. */
  const advance = (stored: Stored): void => {
    if (stored.record.status !== 'processing') return;
    if (stored.pollsLeft > 0) {
      stored.pollsLeft -= 1;
      return;
    }
    const now = new Date().toISOString();
    if (stored.outcome === 'completed') {
      Object.assign(stored.record, { status: 'completed', result: stored.result, completed_at: now });
    } else {
      credits += stored.record.credits_used;
      Object.assign(stored.record, {
        status: 'failed',
        credits_used: 0,
        error_message: stored.error ?? 'GPU provider error: generation failed',
        completed_at: now,
      });
    }
  };

  const listUsage = (call: FakeCall): FakeResponse => {
    const refused = gate(call, 'usage');
    if (refused) return refused;
    const skip = Number(call.query.skip ?? 0);
    const limit = Number(call.query.limit ?? 50);
    if (!Number.isInteger(skip) || skip < 0) return error(400, 'Invalid request: skip must be 0 or more');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return error(400, 'Invalid request: limit must be between 1 and 100');
    }
    const type = call.query.endpoint_type;
    if (
      type !== undefined &&
      !Object.values(AINATIVE_ENDPOINT_TYPES).includes(type as AiNativeEndpointType)
    ) {
      return error(400, `Invalid request: unknown endpoint_type ${type}`);
    }
    const all = newestFirst().filter((record) => type === undefined || record.endpoint_type === type);
    return { json: { records: all.slice(skip, skip + limit), total: all.length, skip, limit } };
  };

  const getUsage = (call: FakeCall): FakeResponse => {
    const refused = gate(call, 'usage/{usage_id}');
    if (refused) return refused;
    const stored = records.get(call.params.usage_id ?? '');
    if (!stored) return error(404, 'Usage record not found');
    advance(stored);
    return { json: stored.record };
  };

  const newestFirst = (): AiNativeUsageRecord[] =>
    [...records.values()].map((stored) => stored.record).reverse();

  const file = (call: FakeCall): FakeResponse => {
    const failure = scripted('files');
    if (failure) return failure;
    const name = call.params.name ?? '';
    if (name.endsWith('.mp4')) return { body: minimalMp4(), headers: { 'content-type': 'video/mp4' } };
    if (name.endsWith('.png'))
      return { body: solidPng(8, 8, [200, 120, 40]), headers: { 'content-type': 'image/png' } };
    if (name.endsWith('.mp3')) return { body: silentMp3(500), headers: { 'content-type': 'audio/mpeg' } };
    return error(404, 'File not found');
  };

  const routes: Record<string, (call: FakeCall) => FakeResponse> = {
    [`GET ${basePath}/health`]: (call) => gate(call, 'health') ?? health,
    [`GET ${basePath}/usage`]: listUsage,
    [`GET ${basePath}/usage/:usage_id`]: getUsage,
    'GET /files/:name': file,
  };
  for (const endpoint of AINATIVE_GENERATION_ENDPOINTS)
    routes[`POST ${basePath}/${endpoint}`] = generate(endpoint);
  const server = await startFakeServer(routes);
  origin = server.url;
  const baseUrl = `${server.url}${basePath}`;

  const routeKey = (endpoint: AiNativeFakeEndpoint): string => {
    if (endpoint === 'files') return 'GET /files/:name';
    if (endpoint === 'usage/{usage_id}') return `GET ${basePath}/usage/:usage_id`;
    if (endpoint === 'usage' || endpoint === 'health') return `GET ${basePath}/${endpoint}`;
    return `POST ${basePath}/${endpoint}`;
  };

  return {
    url: server.url,
    baseUrl,
    apiKey,
    config: { apiKey, baseUrl },
    server,
    calls: server.calls,
    callsTo: (endpoint) => server.callsTo(routeKey(endpoint)),
    get credits() {
      return credits;
    },
    setCredits(value) {
      credits = value;
    },
    setPremium(value) {
      premium = value;
    },
    failNext(endpoint, failure, times = 1) {
      const queue = failures.get(endpoint) ?? [];
      const item = typeof failure === 'number' ? { status: failure } : failure;
      for (let index = 0; index < times; index += 1) queue.push(item);
      failures.set(endpoint, queue);
    },
    processNext(endpoint, script) {
      const queue = processing.get(endpoint) ?? [];
      queue.push(script);
      processing.set(endpoint, queue);
    },
    setHealth(response) {
      health = response;
    },
    usageRecords: newestFirst,
    fileUrl: (name) => `${server.url}/files/${encodeURIComponent(name)}`,
    reset() {
      server.reset();
      failures.clear();
      processing.clear();
      records.clear();
      windows.clear();
      credits = startCredits;
      premium = startPremium;
      health = HEALTHY;
    },
    close: () => server.close(),
  };
}
