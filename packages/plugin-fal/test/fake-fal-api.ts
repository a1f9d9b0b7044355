import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Clock, WebhookRequest } from '@genhub/provider';
import { type FakeCall, type FakeServer, minimalMp4, solidPng, startFakeServer } from '@genhub/testkit';
import { z } from 'zod';
import type { AppSchema } from '../src/models/openapi.js';
import { BUNDLED_SCHEMAS } from '../src/schemas/index.js';

/** The only key the fake accepts (`Authorization: Key <key>`); any other gets fal's 401. */
export const FAKE_FAL_KEY = 'fal-fake-key-0123456789abcdef';

/** How the fake's next requests go: `IN_QUEUE`, then `IN_PROGRESS` polls, then the ending. */
export interface FakeFalPlan {
  queuedPolls?: number;
  runningPolls: number;
  /**
   * A file; `flagged`, an image app's answer whose every image its safety checker flagged
   * (`has_nsfw_concepts: [true]`); or the error a COMPLETED request carries (with fal's `error_type`).
   */
  ending: 'succeeded' | 'flagged' | { error: string; errorType?: string };
  /** With a clock: the request is COMPLETED from this many ms after submit, whatever the polls. */
  readyAfterMs?: number;
}

export interface FakeFalApi {
  /** `http://127.0.0.1:<port>`: the plugin's `baseUrl` (fal's queue origin). */
  readonly url: string;
  readonly server: FakeServer;
  plan(plan: FakeFalPlan): void;
  /** The submits received, in order. */
  submits(): FakeCall[];
  /** Status calls received. */
  statusCalls(): FakeCall[];
  /** What the fake knows of request `id`: when it was submitted (on the fake's clock), polls, cancel. */
  request(id: string): Readonly<FakeRequest> | undefined;
  /** Makes request `id` finish successfully at its next status call. */
  finishNow(id: string): void;
  /** Files uploaded to the fake's storage, by the `file_url` it gave them. */
  readonly uploads: ReadonlyMap<string, { contentType: string; bytes: Uint8Array }>;
  /** fal's JWKS as the fake serves it, at `${url}/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /**
   * The call fal makes to a webhook when request `id` ends, signed as fal signs it (with the fake's
   * key unless another is given, now unless another time is given).
   */
  webhookCall(id: string, options?: { privateKey?: KeyObject; timestampSeconds?: number }): WebhookRequest;
  /** Adds an app to those the fake serves, as an operator-listed one. */
  serveApp(schema: AppSchema, openApiDocument: unknown): void;
  close(): Promise<void>;
}

export interface FakeRequest {
  id: string;
  app: string;
  plan: FakeFalPlan;
  submittedAt: number;
  polls: number;
  cancelled: boolean;
  completedAt?: number;
}

const unauthorized = { status: 401, json: { detail: 'Authentication is required to perform this action' } };
const notFound = { status: 404, json: { detail: 'Request not found' } };
const video = minimalMp4();
const image = solidPng(8, 8, [240, 120, 30]);

/** fal's 422 for a body its schema refuses: `{ detail: [{ loc, msg, type }] }`. */
function validationError(issues: readonly z.core.$ZodIssue[]) {
  return {
    status: 422,
    json: {
      detail: issues.map((issue) => ({
        loc: ['body', ...issue.path.map(String)],
        msg: issue.message,
        type: issue.code === 'invalid_value' ? 'enum' : 'value_error',
      })),
    },
  };
}

/** The user id fal names in its webhook calls. */
export const FAKE_FAL_USER_ID = 'fake-user-7';

/**
 * Signs a webhook call as docs.fal.ai ("Verifying your webhook") describes: ED25519 over the lines
 * request id, user id, timestamp (epoch seconds) and the hex SHA-256 of the body; hex in a header.
 */
export function signedWebhook(
  privateKey: KeyObject,
  call: { requestId: string; userId: string; timestampSeconds: number; body: Uint8Array },
): WebhookRequest {
  const timestamp = String(Math.floor(call.timestampSeconds));
  const bodyHash = createHash('sha256').update(call.body).digest('hex');
  const message = Buffer.from([call.requestId, call.userId, timestamp, bodyHash].join('\n'));
  return {
    headers: {
      'content-type': 'application/json',
      'x-fal-webhook-request-id': call.requestId,
      'x-fal-webhook-user-id': call.userId,
      'x-fal-webhook-timestamp': timestamp,
      'x-fal-webhook-signature': sign(null, message, privateKey).toString('hex'),
    },
    body: call.body,
  };
}

/** fal accepts a file input as a URL or a data URI. */
const isFileReference = (value: unknown) => typeof value === 'string' && /^(https?:\/\/|data:)/.test(value);

/**
 * A fake of fal's queue API (docs.fal.ai, "Queue"; fal-js libs/client/src/queue.ts) on 127.0.0.1:
 * `POST /{app id}` (validated against the app's published input schema, `?fal_webhook=` accepted)
 * answers `{ request_id, response_url, status_url, cancel_url, queue_position }`; status, result and
 * cancel live under `/{owner}/{alias}/requests/{id}` (the app id without its sub-path), answering
 * 404 elsewhere. Results are `{ video: File }` with the file served by the fake.
 */
export async function startFakeFalApi(options: { clock?: Clock } = {}): Promise<FakeFalApi> {
  const server = await startFakeServer();
  const now = () => options.clock?.now() ?? Date.now();
  const requests = new Map<string, FakeRequest>();
  const apps = new Map<string, AppSchema>(BUNDLED_SCHEMAS);
  const documents = new Map<string, unknown>();
  let plan: FakeFalPlan = { runningPolls: 1, ending: 'succeeded' };
  const signingKey = generateKeyPairSync('ed25519');
  const uploads = new Map<string, { contentType: string; bytes: Uint8Array }>();
  const pendingUploads = new Map<string, string>();

  const authorized = (call: FakeCall) => call.headers.authorization === `Key ${FAKE_FAL_KEY}`;
  const followUp = (app: string) => app.split('/').slice(0, 2).join('/');
  const urlsOf = (request: FakeRequest) => {
    const base = `${server.url}/${followUp(request.app)}/requests/${request.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };

  const completed = (request: FakeRequest) => {
    if (request.completedAt !== undefined) return true;
    const { plan: own, polls } = request;
    const done =
      request.cancelled ||
      (own.readyAfterMs !== undefined
        ? now() - request.submittedAt >= own.readyAfterMs
        : polls > (own.queuedPolls ?? 0) + own.runningPolls);
    if (done) request.completedAt = now();
    return done;
  };

  const statusOf = (request: FakeRequest) => {
    const common = { request_id: request.id, ...urlsOf(request) };
    if (completed(request)) {
      const failure = request.cancelled
        ? { error: 'Request was cancelled.', error_type: 'request_cancelled' }
        : typeof request.plan.ending === 'string'
          ? {}
          : { error: request.plan.ending.error, error_type: request.plan.ending.errorType ?? null };
      return { status: 'COMPLETED', ...common, logs: [], metrics: { inference_time: 12.5 }, ...failure };
    }
    if (request.polls <= (request.plan.queuedPolls ?? 0)) {
      return { status: 'IN_QUEUE', ...common, queue_position: 2 };
    }
    return {
      status: 'IN_PROGRESS',
      ...common,
      logs: [
        {
          message: 'Generating: 40%',
          level: 'INFO',
          source: 'USER',
          timestamp: new Date(now()).toISOString(),
        },
      ],
    };
  };

  const submit = (call: FakeCall) => {
    if (!authorized(call)) return unauthorized;
    const app = call.path.slice(1);
    const schema = apps.get(app);
    if (schema === undefined) return { status: 404, json: { detail: `Application '${app}' not found` } };
    const parsed = z.fromJSONSchema(schema.input as never).safeParse(call.bodyJson);
    if (!parsed.success) return validationError(parsed.error.issues);
    const body = call.bodyJson as Record<string, unknown>;
    for (const key of ['image_url', 'image_urls']) {
      const files = body[key] === undefined ? [] : [body[key]].flat();
      if (!files.every(isFileReference)) {
        return validationError([
          { code: 'custom', path: [key], message: 'Invalid file URL', input: body[key] },
        ]);
      }
    }
    const id = crypto.randomUUID();
    const request: FakeRequest = { id, app, plan, submittedAt: now(), polls: 0, cancelled: false };
    requests.set(id, request);
    return {
      json: {
        request_id: id,
        gateway_request_id: id,
        status: 'IN_QUEUE',
        queue_position: 0,
        ...urlsOf(request),
      },
    };
  };

  /** A finished request's output, as its app answers it. */
  const resultOf = (request: FakeRequest) => {
    if (apps.get(request.app)?.category?.endsWith('-to-image')) {
      const url = `${server.url}/files/${request.id}.png`;
      const flagged = request.plan.ending === 'flagged';
      return {
        images: [{ url, content_type: 'image/png', width: 8, height: 8 }],
        seed: 42,
        has_nsfw_concepts: [flagged],
      };
    }
    const url = `${server.url}/files/${request.id}.mp4`;
    return {
      video: { url, content_type: 'video/mp4', file_name: 'output.mp4', file_size: video.byteLength },
      seed: 42,
    };
  };

  /** The request a follow-up URL names, when it is under its app's `owner/alias`. */
  const find = (call: FakeCall) => {
    const request = requests.get(call.params.id ?? '');
    const app = `${call.params.owner}/${call.params.alias}`;
    return request !== undefined && followUp(request.app) === app ? request : undefined;
  };

  const routes = () => {
    for (const app of apps.keys()) server.route(`POST /${app}`, submit);
    server.route('GET /:owner/:alias/requests/:id/status', (call) => {
      if (!authorized(call)) return unauthorized;
      const request = find(call);
      if (request === undefined) return notFound;
      request.polls += 1;
      return { json: statusOf(request) };
    });
    server.route('GET /:owner/:alias/requests/:id', (call) => {
      if (!authorized(call)) return unauthorized;
      const request = find(call);
      if (request === undefined) return notFound;
      if (!completed(request)) return { status: 400, json: { detail: 'Request is still in progress' } };
      if (request.cancelled) return { status: 400, json: { detail: 'Request was cancelled.' } };
      const { ending } = request.plan;
      if (typeof ending !== 'string') return { status: 422, json: { detail: ending.error } };
      return { json: resultOf(request) };
    });
    server.route('GET /.well-known/jwks.json', {
      json: {
        keys: [
          { ...signingKey.publicKey.export({ format: 'jwk' }), kid: 'fake-1', use: 'sig', alg: 'EdDSA' },
        ],
      },
    });
    server.route('PUT /:owner/:alias/requests/:id/cancel', (call) => {
      if (!authorized(call)) return unauthorized;
      const request = find(call);
      if (request === undefined) return { status: 404, json: { status: 'NOT_FOUND' } };
      if (completed(request)) return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
      const queued = request.polls <= (request.plan.queuedPolls ?? 0);
      request.cancelled = true;
      return queued
        ? { json: { status: 'OK' } }
        : { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
    });
    server.route('GET /files/:name', (call) => {
      const uploaded = uploads.get(`${server.url}${call.path}`);
      if (uploaded !== undefined)
        return { headers: { 'content-type': uploaded.contentType }, body: uploaded.bytes };
      return call.params.name?.endsWith('.png')
        ? { headers: { 'content-type': 'image/png' }, body: image }
        : { headers: { 'content-type': 'video/mp4' }, body: video };
    });
    // fal's storage (fal-js libs/client/src/storage.ts): initiate with the key, then PUT to a signed link.
    server.route('POST /storage/upload/initiate', (call) => {
      if (!authorized(call)) return unauthorized;
      const body = call.bodyJson as { content_type?: unknown; file_name?: unknown } | undefined;
      if (typeof body?.content_type !== 'string' || typeof body.file_name !== 'string') {
        return validationError([
          { code: 'custom', path: ['file_name'], message: 'Field required', input: body },
        ]);
      }
      const id = crypto.randomUUID();
      const fileUrl = `${server.url}/files/${id}-${body.file_name}`;
      pendingUploads.set(id, fileUrl);
      return { json: { upload_url: `${server.url}/uploads/${id}?signature=fake`, file_url: fileUrl } };
    });
    server.route('PUT /uploads/:id', (call) => {
      const fileUrl = pendingUploads.get(call.params.id ?? '');
      if (fileUrl === undefined || call.query.signature !== 'fake') return { status: 403, body: 'Forbidden' };
      uploads.set(fileUrl, {
        contentType: call.headers['content-type'] ?? 'application/octet-stream',
        bytes: call.bodyBytes,
      });
      return { status: 200, body: '' };
    });
    server.route('GET /openapi', (call) => {
      const document = documents.get(call.query.endpoint_id ?? '');
      return document === undefined ? { status: 404, json: { detail: 'Not found' } } : { json: document };
    });
  };
  routes();

  return {
    url: server.url,
    server,
    plan(next) {
      plan = next;
      routes();
    },
    submits: () => server.calls.filter((call) => call.method === 'POST' && apps.has(call.path.slice(1))),
    statusCalls: () => server.callsTo('GET /:owner/:alias/requests/:id/status'),
    request: (id) => requests.get(id),
    finishNow(id) {
      const request = requests.get(id);
      if (request !== undefined) request.plan = { runningPolls: 0, ending: 'succeeded' };
    },
    uploads,
    jwksUrl: `${server.url}/.well-known/jwks.json`,
    webhookCall(id, options = {}) {
      const request = requests.get(id);
      if (request === undefined) throw new Error(`The fake has no request ${id}.`);
      const ok = typeof request.plan.ending === 'string' && !request.cancelled;
      const body = Buffer.from(
        JSON.stringify({
          request_id: id,
          gateway_request_id: id,
          status: ok ? 'OK' : 'ERROR',
          ...(ok ? { payload: resultOf(request) } : { error: 'Request failed', payload: null }),
        }),
      );
      return signedWebhook(options.privateKey ?? signingKey.privateKey, {
        requestId: id,
        userId: FAKE_FAL_USER_ID,
        timestampSeconds: options.timestampSeconds ?? now() / 1000,
        body,
      });
    },
    serveApp(schema, document) {
      apps.set(schema.appId, schema);
      documents.set(schema.appId, document);
      routes();
    },
    close: () => server.close(),
  };
}
