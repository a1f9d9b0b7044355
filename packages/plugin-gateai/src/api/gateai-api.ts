import {
  type HttpClient,
  type HttpRequest,
  type JsonValue,
  lenient,
  looseNumber,
  nonBlank,
  type Redactor,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import type { WireModelType } from '../catalogue/wire-model.js';
import { gateAiHttpError } from './errors.js';

/** What `POST /api/generate` and `POST /api/estimate` take. */
export interface GenerateBody {
  model: string;
  type: WireModelType;
  params: Record<string, JsonValue>;
}

/** Money as GateAI writes it: a number of dollars (a numeric string is tolerated). */
const usd = lenient(looseNumber.refine((amount) => amount >= 0));

/** One link or several; objects with a `url` count as their link, anything else is left out. */
const links = z
  .preprocess(
    (value) => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]),
    z.array(lenient(z.union([nonBlank, z.object({ url: nonBlank }).transform((item) => item.url)]))),
  )
  .transform((items) => items.filter((item) => item !== undefined));

export const generateResponse = z
  .object({
    task_id: z.string().min(1),
    url: lenient(z.string()),
    status: lenient(z.string()),
    cost: usd,
    remaining: usd,
    adjustments: z.unknown().optional(),
    result: links.optional(),
    glb_urls: links.optional(),
  })
  .loose();
export type GenerateResponse = z.output<typeof generateResponse>;

export const statusResponse = z
  .object({
    status: z.string(),
    result: links.optional(),
    glb_urls: links.optional(),
    model: lenient(z.string()),
    cost: usd,
    error: z.unknown().optional(),
    progress: lenient(z.number()),
  })
  .loose();
export type StatusResponse = z.output<typeof statusResponse>;

export const estimateResponse = z
  .object({
    cost: looseNumber,
    daily_remaining: usd,
    fits_in_budget: lenient(z.boolean()),
    adjustments: z.unknown().optional(),
  })
  .loose();
export type EstimateResponse = z.output<typeof estimateResponse>;

export const creditsResponse = z
  .object({
    your_budget: lenient(z.object({ daily_limit: usd, used: usd, remaining: usd }).loose()),
    pool: lenient(z.record(z.string(), z.json())),
  })
  .loose();
export type CreditsResponse = z.output<typeof creditsResponse>;

/** One task as `GET /api/me` lists it under `active_tasks` or `recent_tasks`. */
const meTask = z
  .object({
    task_id: z.string().min(1),
    model: lenient(z.string()),
    status: lenient(z.string()),
    cost: usd,
    /** Active tasks only, written like `12s`. */
    elapsed: lenient(
      z.preprocess((v) => (typeof v === 'string' ? Number.parseFloat(v) : v), z.number().nonnegative()),
    ),
  })
  .loose();
export type MeTask = z.output<typeof meTask>;

/** Lists that may hold an unreadable item keep the readable ones. */
const meTasks = lenient(
  z.array(lenient(meTask)).transform((items) => items.filter((item) => item !== undefined)),
);

export const meResponse = z.object({ active_tasks: meTasks, recent_tasks: meTasks }).loose();
export type MeResponse = z.output<typeof meResponse>;

/** The id `POST /api/upload` gives a file; the document does not show the answer, so several spellings go. */
const uploadResponse = z
  .object({
    id: z.string().optional(),
    file_id: z.string().optional(),
    fileId: z.string().optional(),
    file: z.object({ id: z.string() }).loose().optional(),
  })
  .loose()
  .transform((body) => body.id ?? body.file_id ?? body.fileId ?? body.file?.id)
  .pipe(z.string().min(1));

/** Accepts the task id under `task_id` (documented), `taskId` or `id`. */
const withTaskId = z
  .looseObject({
    task_id: z.unknown().optional(),
    taskId: z.unknown().optional(),
    id: z.unknown().optional(),
  })
  .transform((body): unknown => ({ ...body, task_id: body.task_id ?? body.taskId ?? body.id }));

/**
 * GateAI's Core API: one method per documented call. Every call carries `Authorization: Bearer`;
 * non-2xx answers become typed GenHubErrors (`gateAiHttpError`), and a 2xx answer that is not the
 * documented JSON becomes PROVIDER_UNAVAILABLE.
 */
export class GateAiApi {
  readonly #http: HttpClient;
  readonly #redactor: Redactor;

  /** `http` is already set up with GateAI's base URL and the Bearer header. */
  constructor(http: HttpClient, redactor: Redactor) {
    this.#http = http;
    this.#redactor = redactor;
  }

  /** `POST /api/generate`. Not retried: GateAI takes no idempotency key, so a retry could pay twice. */
  generate(body: GenerateBody, signal: AbortSignal): Promise<GenerateResponse> {
    return this.#call(
      { method: 'POST', url: '/api/generate', json: body, signal, idempotent: false },
      withTaskId.pipe(generateResponse),
    );
  }

  /** `POST /api/estimate`: the cost of the same body, without generating. */
  estimate(body: GenerateBody, signal: AbortSignal): Promise<EstimateResponse> {
    return this.#call({ method: 'POST', url: '/api/estimate', json: body, signal }, estimateResponse);
  }

  /** `GET /get/{task_id}`. */
  status(taskId: string, signal: AbortSignal): Promise<StatusResponse> {
    return this.#call({ url: `/get/${encodeURIComponent(taskId)}`, signal }, statusResponse);
  }

  /** `GET /credits`: the key's daily budget and the pool's health. */
  credits(signal: AbortSignal, timeoutMs?: number): Promise<CreditsResponse> {
    return this.#call(
      {
        url: '/credits',
        signal,
        ...(timeoutMs === undefined
          ? {}
          : { timeouts: { headersMs: timeoutMs, bodyMs: timeoutMs }, retry: false }),
      },
      creditsResponse,
    );
  }

  /**
   * `GET /api/me?key=`: the account's overview, with its active tasks (PROCESSING or QUEUED, with
   * their age) and its last 20 finished ones. The key goes in the query, as documented; the client
   * redacts it from logs and errors.
   */
  me(apiKey: string, signal: AbortSignal): Promise<MeResponse> {
    return this.#call({ url: '/api/me', query: { key: apiKey }, signal }, meResponse);
  }

  /** `GET /v1/models/schema`, as raw JSON (see `parseCatalogue`). */
  modelsSchema(signal: AbortSignal, timeoutMs: number): Promise<unknown> {
    return this.#call(
      {
        url: '/v1/models/schema',
        signal,
        timeouts: { connectMs: timeoutMs, headersMs: timeoutMs, bodyMs: timeoutMs },
        // A failed discovery falls back to the bundled catalogue; retrying would only delay the start.
        retry: false,
      },
      z.unknown(),
    );
  }

  /**
   * `POST /api/upload`. The document names the call but not its body, so the file goes as
   * multipart/form-data in a `file` field; the answer's `id` (or `file_id`) is returned.
   */
  upload(file: Blob, filename: string, signal: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('file', file, filename);
    return this.#call({ method: 'POST', url: '/api/upload', body: form, signal }, uploadResponse);
  }

  #call<Schema extends z.ZodType>(request: HttpRequest, schema: Schema): Promise<z.output<Schema>> {
    return requestJson(this.#http, request, schema, {
      provider: 'gateai',
      errors: gateAiHttpError,
      redactor: this.#redactor,
    });
  }
}
