import {
  GenHubError,
  type HttpClient,
  type HttpRequest,
  type JsonValue,
  type Redactor,
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
const usd = z
  .preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(/^\s*\$/, '')) : v),
    z.number().refine(Number.isFinite).nonnegative(),
  )
  .optional()
  .catch(undefined);

/** One link or several; objects with a `url` count as their link. */
const links = z
  .preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]), z.array(z.unknown()))
  .transform((items) =>
    items
      .map((item) =>
        typeof item === 'string'
          ? item
          : typeof item === 'object' && item !== null && typeof (item as { url?: unknown }).url === 'string'
            ? (item as { url: string }).url
            : undefined,
      )
      .filter((item): item is string => item !== undefined && item.trim() !== ''),
  );

export const generateResponse = z
  .object({
    task_id: z.string().min(1),
    url: z.string().optional().catch(undefined),
    status: z.string().optional().catch(undefined),
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
    model: z.string().optional().catch(undefined),
    cost: usd,
    error: z.unknown().optional(),
    progress: z.number().optional().catch(undefined),
  })
  .loose();
export type StatusResponse = z.output<typeof statusResponse>;

export const estimateResponse = z
  .object({
    cost: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().refine(Number.isFinite)),
    daily_remaining: usd,
    fits_in_budget: z.boolean().optional().catch(undefined),
    adjustments: z.unknown().optional(),
  })
  .loose();
export type EstimateResponse = z.output<typeof estimateResponse>;

export const creditsResponse = z
  .object({
    your_budget: z
      .object({ daily_limit: usd, used: usd, remaining: usd })
      .loose()
      .optional()
      .catch(undefined),
    pool: z.record(z.string(), z.json()).optional().catch(undefined),
  })
  .loose();
export type CreditsResponse = z.output<typeof creditsResponse>;

/** One task as `GET /api/me` lists it under `active_tasks` or `recent_tasks`. */
const meTask = z
  .object({
    task_id: z.string().min(1),
    model: z.string().optional().catch(undefined),
    status: z.string().optional().catch(undefined),
    cost: usd,
    /** Active tasks only, written like `12s`. */
    elapsed: z
      .preprocess((v) => (typeof v === 'string' ? Number.parseFloat(v) : v), z.number().nonnegative())
      .optional()
      .catch(undefined),
  })
  .loose();
export type MeTask = z.output<typeof meTask>;

/** Lists that may hold an unreadable item keep the readable ones. */
const meTasks = z
  .array(z.unknown())
  .transform((items) => items.flatMap((item) => (meTask.safeParse(item).data ?? []) as MeTask[]))
  .optional()
  .catch(undefined);

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
function withTaskId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  return record.task_id === undefined ? { ...record, task_id: record.taskId ?? record.id } : record;
}

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
      z.preprocess(withTaskId, generateResponse),
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

  async #call<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T> {
    const method = request.method ?? 'GET';
    const what = `${method} ${request.url.split('?')[0]}`;
    const response = await this.#http.request(request);
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw gateAiHttpError(response.status, response.headers, text, what, this.#redactor);
    }
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new GenHubError('PROVIDER_UNAVAILABLE', `GateAI answered ${what} with a body that is not JSON.`, {
        provider: 'gateai',
        status: response.status,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
      throw new GenHubError(
        'PROVIDER_UNAVAILABLE',
        `GateAI answered ${what} with an unexpected body${where}.`,
        {
          provider: 'gateai',
          status: response.status,
        },
      );
    }
    return parsed.data;
  }
}
