import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';

/**
 * A fake of Adobe Firefly Services and of Adobe IMS on 127.0.0.1, from the Firefly API reference
 * (developer.adobe.com/firefly-services/docs/firefly-api) and Adobe's OpenAPI document shipped in
 * @adobe/firefly-apis: `POST /ims/token/v3` (client credentials, form-encoded), every Firefly call
 * checked for `x-api-key` and a live Bearer token, `POST /v3/images/generate-async` and
 * `POST /v3/videos/generate` answering 202 `{ jobId, statusUrl, cancelUrl }`, `GET /v3/status/{jobId}`,
 * `PUT /v3/cancel/{jobId}`, `POST /v2/storage/image`. Errors are `{ error_code, message,
 * validation_errors }`; IMS errors are OAuth's `{ error, error_description }`.
 */
export const FAKE_CLIENT_ID = 'fake-firefly-client-id-42';
export const FAKE_CLIENT_SECRET = 'p8e-fake-client-secret-0123456789';

/** How the next jobs go: running for some polls (or until a time of the clock), then the ending. */
export interface JobPlan {
  runningPolls?: number;
  /** Milliseconds of the fake's clock after creation when the job ends; wins over runningPolls. */
  readyAfterMs?: number;
  ending: 'succeeded' | 'timeout' | { error_code: string; message: string };
}

interface Job {
  id: string;
  kind: 'image' | 'video';
  count: number;
  plan: JobPlan;
  createdAt: number;
  polls: number;
  cancelled: boolean;
}

const IMAGE_VERSIONS = new Set(['image3', 'image4_standard', 'image4_ultra']);
const IMAGE_SIZES = new Set([
  '2048x2048',
  '2304x1792',
  '1792x2304',
  '2688x1536',
  '1344x768',
  '1152x896',
  '896x1152',
  '1024x1024',
]);
const VIDEO_SIZES = new Set([
  '1920x1080',
  '1080x1920',
  '1080x1080',
  '1280x720',
  '720x1280',
  '720x720',
  '960x720',
  '720x960',
]);
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

const invalid = (loc: string[], msg: string): FakeResponse => ({
  status: 422,
  json: {
    error_code: 'validation_error',
    message: 'Invalid request parameters',
    validation_errors: [{ loc: ['body', ...loc], msg, type: 'value_error' }],
  },
});
const notFound: FakeResponse = { status: 404, json: { error_code: 'not_found', message: 'Job not found' } };
const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const inRange = (value: unknown, min: number, max: number) =>
  value === undefined ||
  (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max);
const sizeKey = (size: unknown) => {
  const { width, height } = asObject(size);
  return `${String(width)}x${String(height)}`;
};

export interface FakeFireflyApi {
  readonly url: string;
  readonly tokenUrl: string;
  readonly server: FakeServer;
  /** Tokens IMS has issued, in order. */
  readonly issuedTokens: readonly string[];
  /** Sets how new jobs go, the token lifetime, and puts back the API's own routes. */
  plan(plan: JobPlan): void;
  /** Seconds a new token lives (IMS says 86399). */
  tokenLifetimeSeconds: number;
  /** Makes IMS revoke every token issued so far (a 401 for them). */
  revokeTokens(): void;
  /** When a job was created, on the fake's clock. */
  createdAt(jobId: string): number | undefined;
  close(): Promise<void>;
}

export async function startFakeFireflyApi(clock: { now(): number } = Date): Promise<FakeFireflyApi> {
  const server = await startFakeServer();
  const jobs = new Map<string, Job>();
  const uploads = new Set<string>();
  const tokens = new Map<string, number>();
  const issued: string[] = [];
  let plan: JobPlan = { runningPolls: 1, ending: 'succeeded' };

  const fake: FakeFireflyApi = {
    url: server.url,
    tokenUrl: `${server.url}/ims/token/v3`,
    server,
    issuedTokens: issued,
    tokenLifetimeSeconds: 86_399,
    plan(next) {
      plan = next;
      routes();
    },
    revokeTokens() {
      tokens.clear();
    },
    createdAt: (jobId) => jobs.get(jobId)?.createdAt,
    close: () => server.close(),
  };

  /** Answers only calls carrying the client id and a live token, as Adobe's gateway does. */
  const authorized =
    (handler: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
      const expires = token === undefined ? undefined : tokens.get(token);
      if (call.headers['x-api-key'] !== FAKE_CLIENT_ID || expires === undefined || clock.now() >= expires) {
        return { status: 401, json: { error_code: '401013', message: 'Oauth token is not valid' } };
      }
      return handler(call);
    };

  const createJob = (kind: 'image' | 'video', count: number): FakeResponse => {
    const id = `urn:ff:jobs:fake:${jobs.size + 1}`;
    jobs.set(id, { id, kind, count, plan, createdAt: clock.now(), polls: 0, cancelled: false });
    return {
      status: 202,
      json: {
        jobId: id,
        statusUrl: `${server.url}/v3/status/${id}`,
        cancelUrl: `${server.url}/v3/cancel/${id}`,
      },
    };
  };

  const checkUpload = (source: unknown, loc: string[]): FakeResponse | undefined => {
    const { uploadId, url } = asObject(source);
    if (typeof uploadId === 'string')
      return uploads.has(uploadId) ? undefined : invalid(loc, 'Unknown uploadId');
    if (typeof url === 'string') return undefined;
    return invalid(loc, 'Provide url or uploadId');
  };

  const generateImages = (call: FakeCall): FakeResponse => {
    const version = call.headers['x-model-version'] ?? 'image3';
    if (!IMAGE_VERSIONS.has(version))
      return {
        status: 400,
        json: { error_code: 'bad_request', message: `Unknown x-model-version ${version}` },
      };
    const body = asObject(call.bodyJson);
    const prompt = body.prompt;
    if (typeof prompt !== 'string' || prompt.length < 1 || prompt.length > 1024)
      return invalid(['prompt'], 'String should have 1 to 1024 characters');
    if (typeof body.negativePrompt === 'string' && body.negativePrompt.length > 1024)
      return invalid(['negativePrompt'], 'Too long');
    if (!inRange(body.numVariations, 1, 4)) return invalid(['numVariations'], 'Must be between 1 and 4');
    const count =
      (body.numVariations as number | undefined) ?? (Array.isArray(body.seeds) ? body.seeds.length : 1);
    if (Array.isArray(body.seeds) && body.seeds.length !== count)
      return invalid(['seeds'], 'The number of seeds must equal numVariations');
    if (body.size !== undefined && !IMAGE_SIZES.has(sizeKey(body.size)))
      return invalid(['size'], 'Unsupported size');
    if (body.contentClass !== undefined && body.contentClass !== 'photo' && body.contentClass !== 'art')
      return invalid(['contentClass'], 'value is not a valid enumeration member');
    if (!inRange(body.visualIntensity, 2, 10))
      return invalid(['visualIntensity'], 'Must be between 2 and 10');
    const style = asObject(body.style);
    if (!inRange(style.strength, 1, 100)) return invalid(['style', 'strength'], 'Must be between 1 and 100');
    if (style.imageReference !== undefined) {
      const problem = checkUpload(asObject(style.imageReference).source, [
        'style',
        'imageReference',
        'source',
      ]);
      if (problem) return problem;
    }
    const structure = asObject(body.structure);
    if (!inRange(structure.strength, 0, 100))
      return invalid(['structure', 'strength'], 'Must be between 0 and 100');
    if (structure.imageReference !== undefined) {
      const problem = checkUpload(asObject(structure.imageReference).source, [
        'structure',
        'imageReference',
        'source',
      ]);
      if (problem) return problem;
    }
    return createJob('image', count);
  };

  const generateVideo = (call: FakeCall): FakeResponse => {
    if ((call.headers['x-model-version'] ?? 'video1_standard') !== 'video1_standard')
      return invalid(['x-model-version'], "Input should be 'video1_standard'");
    const body = asObject(call.bodyJson);
    if (typeof body.prompt !== 'string' || body.prompt.trim() === '')
      return {
        status: 400,
        json: {
          error_code: 'bad_request',
          message: 'Invalid request parameters',
          validation_errors: [
            { loc: ['body', 'prompt'], msg: 'Field required', type: 'value_error.missing' },
          ],
        },
      };
    if (Array.isArray(body.seeds) && body.seeds.length > 1)
      return invalid(['seeds'], 'Only 1 seed is supported');
    if (Array.isArray(body.sizes) && !body.sizes.every((size) => VIDEO_SIZES.has(sizeKey(size))))
      return invalid(['sizes'], 'Unsupported size');
    if (!inRange(body.bitRateFactor, 0, 63)) return invalid(['bitRateFactor'], 'Must be between 0 and 63');
    const conditions = asObject(body.image).conditions;
    for (const condition of Array.isArray(conditions) ? conditions : []) {
      const { placement, source } = asObject(condition);
      const position = asObject(placement).position;
      if (typeof position !== 'number' || position < 0 || position > 1)
        return invalid(['image', 'conditions', 'placement'], 'position must be between 0 and 1');
      const problem = checkUpload(source, ['image', 'conditions', 'source']);
      if (problem) return problem;
    }
    return createJob('video', 1);
  };

  const status = (job: Job): FakeResponse => {
    const { id } = job;
    if (job.cancelled) return { json: { jobId: id, status: 'canceled' } };
    const running =
      job.plan.readyAfterMs === undefined
        ? job.polls <= (job.plan.runningPolls ?? 0)
        : clock.now() < job.createdAt + job.plan.readyAfterMs;
    if (running) {
      const progress =
        job.plan.readyAfterMs === undefined
          ? 50
          : Math.floor(((clock.now() - job.createdAt) / job.plan.readyAfterMs) * 100);
      return { json: { jobId: id, status: 'running', progress } };
    }
    const { ending } = job.plan;
    if (ending === 'timeout') return { json: { jobId: id, status: 'timeout' } };
    if (ending !== 'succeeded') return { json: { jobId: id, status: 'failed', ...ending } };
    const file = job.kind === 'image' ? 'png' : 'mp4';
    const outputs = Array.from({ length: job.count }, (_, index) => ({
      seed: 1000 + index,
      [job.kind]: { url: `${server.url}/files/${encodeURIComponent(id)}-${index}.${file}` },
    }));
    return {
      json: {
        jobId: id,
        status: 'succeeded',
        result: { size: { width: 2048, height: 2048 }, outputs, contentClass: 'photo' },
      },
    };
  };

  const routes = () => {
    server.route('POST /ims/token/v3', (call) => {
      const form = new URLSearchParams(call.bodyText);
      if (
        !/x-www-form-urlencoded/.test(call.headers['content-type'] ?? '') ||
        form.get('grant_type') !== 'client_credentials'
      )
        return {
          status: 400,
          json: {
            error: 'unsupported_grant_type',
            error_description: 'grant_type must be client_credentials',
          },
        };
      if (form.get('client_id') !== FAKE_CLIENT_ID || form.get('client_secret') !== FAKE_CLIENT_SECRET)
        return {
          status: 400,
          json: { error: 'invalid_client', error_description: 'invalid client_secret parameter' },
        };
      if (!(form.get('scope') ?? '').split(',').includes('firefly_api'))
        return {
          status: 400,
          json: { error: 'invalid_scope', error_description: 'firefly_api scope is required' },
        };
      const token = `eyJfake.${issued.length + 1}.token`;
      issued.push(token);
      tokens.set(token, clock.now() + fake.tokenLifetimeSeconds * 1000);
      return { json: { access_token: token, token_type: 'bearer', expires_in: fake.tokenLifetimeSeconds } };
    });
    server.route('POST /v3/images/generate-async', authorized(generateImages));
    server.route('POST /v3/videos/generate', authorized(generateVideo));
    server.route(
      'POST /v2/storage/image',
      authorized((call) => {
        if (!IMAGE_TYPES.has(call.headers['content-type'] ?? ''))
          return {
            status: 415,
            json: { error_code: 'invalid_content_type', message: 'Unsupported Media Type' },
          };
        const id = `0b1c2d3e-0000-4000-8000-${String(uploads.size + 1).padStart(12, '0')}`;
        uploads.add(id);
        return { json: { images: [{ id }] } };
      }),
    );
    server.route(
      'GET /v3/status/:jobId',
      authorized((call) => {
        const job = jobs.get(call.params.jobId ?? '');
        if (job === undefined) return notFound;
        job.polls += 1;
        return status(job);
      }),
    );
    server.route(
      'PUT /v3/cancel/:jobId',
      authorized((call) => {
        const job = jobs.get(call.params.jobId ?? '');
        if (job === undefined) return notFound;
        job.cancelled = true;
        return { status: 202, json: { jobId: job.id, status: 'cancel_pending' } };
      }),
    );
    server.route('GET /files/:name', (call) =>
      call.params.name?.endsWith('.mp4')
        ? { headers: { 'content-type': 'video/mp4' }, body: minimalMp4() }
        : { headers: { 'content-type': 'image/png' }, body: solidPng(32, 32, [200, 80, 30]) },
    );
  };
  routes();
  return fake;
}
