import { randomUUID } from 'node:crypto';
import type { Clock } from '@genhub/provider';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  simpleSvg,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';
import { z } from 'zod';

/**
 * The reference worker: the GenHub worker protocol (README "Worker protocol") on 127.0.0.1, written
 * from that document, plus the OpenAI-compatible `/v1/images/generations` of the second mode. Wrap a
 * model by answering the same routes. It serves every task unless `models` limits it, validates job
 * bodies per task (400 `invalid_request`), honours `Idempotency-Key`, reports progress, queue
 * position and ETA, and serves its results under `/v1/files/`.
 */

/** How new jobs go: queued polls, running polls (or until `readyAfterMs` of the clock), the ending. */
export interface WorkerJobPlan {
  queuedPolls?: number;
  runningPolls?: number;
  /** With a clock: the job runs until this long after it was created. */
  readyAfterMs?: number;
  ending: 'succeeded' | 'cancelled' | { code: string; message: string };
  /** Submits answered 429 `busy` (a full queue) before one is accepted. */
  busySubmits?: number;
  /** Results as links to the worker's files (the default) or inline in base64. */
  outputs?: 'url' | 'b64';
}

export interface FakeWorkerJob {
  id: string;
  body: WorkerJobBody;
  plan: WorkerJobPlan;
  createdAt: number;
  polls: number;
  cancelled: boolean;
}

export interface FakeLocalWorker {
  readonly url: string;
  readonly server: FakeServer;
  /** Sets how new jobs go and puts back the documented routes. */
  plan(plan: WorkerJobPlan): void;
  /** The job bodies received at POST /v1/jobs, in order. */
  submissions(): FakeCall[];
  /** Status calls per job id. */
  pollsOf(id: string): number;
  readonly jobs: ReadonlyMap<string, FakeWorkerJob>;
  close(): Promise<void>;
}

export interface FakeLocalWorkerOptions {
  clock?: Clock;
  /** When given, every route but /health needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The model names it serves; all of them unless given. */
  models?: readonly string[];
}

const refusal = (status: number, code: string, message: string): FakeResponse => ({
  status,
  json: { error: { code, message } },
});

/** An input image as the protocol takes it: an http(s) link or a base64 `data:` URI. */
const image = z.string().refine((value) => /^(https?:\/\/|data:[a-z]+\/[\w.+-]+;base64,)/i.test(value), {
  message: 'image must be an http(s) link or a data: URI',
});
const prompt = z.string().trim().min(1).max(4000);
const common = {
  model: z.string().min(1),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
};
const size = { width: z.number().int().min(64).max(4096), height: z.number().int().min(64).max(4096) };
const diffusion = {
  negative_prompt: z.string().max(4000).optional(),
  steps: z.number().int().min(1).max(100).optional(),
};
const video = {
  ...size,
  ...diffusion,
  duration: z.number().int().min(1).max(5),
  fps: z.number().int().min(1).max(60),
};
const fraction = z.number().min(0).max(1);

/** The job bodies the protocol documents, by task. */
const jobBody = z.discriminatedUnion('task', [
  z.object({ task: z.literal('text-to-image'), prompt, ...common, ...size, ...diffusion }).strict(),
  z
    .object({
      task: z.literal('image-to-mask'),
      image,
      ...common,
      points: z
        .array(z.object({ x: fraction, y: fraction, label: z.union([z.literal(0), z.literal(1)]) }))
        .optional(),
      box: z.tuple([fraction, fraction, fraction, fraction]).optional(),
    })
    .strict(),
  z.object({ task: z.literal('text-to-video'), prompt, ...common, ...video }).strict(),
  z.object({ task: z.literal('image-to-video'), prompt, image, ...common, ...video }).strict(),
  z.object({ task: z.literal('text-to-vector'), prompt, ...common }).strict(),
]);
type WorkerJobBody = z.infer<typeof jobBody>;

/** OpenAI's `POST /v1/images/generations` body, the fields this worker reads. */
const openAiBody = z.object({
  model: z.string().optional(),
  prompt: z.string().min(1).max(4000),
  n: z.number().int().min(1).max(1).optional(),
  size: z
    .string()
    .regex(/^\d+x\d+$/)
    .optional(),
  response_format: z.enum(['url', 'b64_json']).optional(),
});

const FILE_TYPES = { png: 'image/png', mp4: 'video/mp4', svg: 'image/svg+xml' } as const;

/** The file type of a task's result. */
function extensionOf(task: WorkerJobBody['task']): keyof typeof FILE_TYPES {
  if (task === 'text-to-video' || task === 'image-to-video') return 'mp4';
  if (task === 'text-to-vector') return 'svg';
  return 'png';
}

function fileBytes(extension: keyof typeof FILE_TYPES): Uint8Array {
  if (extension === 'mp4') return minimalMp4();
  if (extension === 'svg') return simpleSvg([20, 120, 220], 'a paper plane');
  return solidPng(32, 32, [200, 80, 40]);
}

export async function startFakeLocalWorker(options: FakeLocalWorkerOptions = {}): Promise<FakeLocalWorker> {
  const now = () => options.clock?.now() ?? Date.now();
  const server = await startFakeServer();
  const jobs = new Map<string, FakeWorkerJob>();
  const byKey = new Map<string, string>();
  let plan: WorkerJobPlan = { runningPolls: 1, ending: 'succeeded' };
  let busyLeft = 0;

  const guarded =
    (handler: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      if (options.token !== undefined && call.headers.authorization !== `Bearer ${options.token}`) {
        return refusal(401, 'unauthorized', 'A valid bearer token is required.');
      }
      return handler(call);
    };

  const answer = (job: FakeWorkerJob) => {
    const { queuedPolls = 0, runningPolls = 0, readyAfterMs, ending, outputs = 'url' } = job.plan;
    const base = { id: job.id };
    if (job.cancelled) return { ...base, status: 'cancelled' };
    if (job.polls < queuedPolls) {
      return { ...base, status: 'queued', queue_position: queuedPolls - job.polls, progress: 0 };
    }
    const running =
      readyAfterMs === undefined
        ? job.polls < queuedPolls + runningPolls
        : now() < job.createdAt + readyAfterMs;
    if (running) {
      const fraction =
        readyAfterMs === undefined ? 0.5 : Math.min(0.99, (now() - job.createdAt) / readyAfterMs);
      const eta = readyAfterMs === undefined ? 30 : Math.ceil((job.createdAt + readyAfterMs - now()) / 1000);
      return { ...base, status: 'running', progress: Math.round(fraction * 100), eta_seconds: eta };
    }
    if (ending === 'cancelled') return { ...base, status: 'cancelled' };
    if (ending !== 'succeeded') return { ...base, status: 'failed', error: ending };
    const extension = extensionOf(job.body.task);
    const mediaType = FILE_TYPES[extension];
    const file =
      outputs === 'b64'
        ? { b64: Buffer.from(fileBytes(extension)).toString('base64'), media_type: mediaType }
        : { url: `/v1/files/${job.id}.${extension}`, media_type: mediaType };
    return { ...base, status: 'succeeded', progress: 100, outputs: [file] };
  };

  const ended = (job: FakeWorkerJob) => ['succeeded', 'failed', 'cancelled'].includes(answer(job).status);

  const routes = () => {
    server.route('GET /health', { json: { status: 'ok', model: 'reference', message: 'GPU 0 ready' } });
    server.route(
      'POST /v1/jobs',
      guarded((call) => {
        if (busyLeft > 0) {
          busyLeft -= 1;
          return {
            ...refusal(429, 'busy', 'The job queue is full; try again shortly.'),
            headers: { 'retry-after': '1' },
          };
        }
        const parsed = jobBody.safeParse(call.bodyJson);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return refusal(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
        }
        if (options.models !== undefined && !options.models.includes(parsed.data.model)) {
          return refusal(400, 'invalid_request', `This worker does not serve ${parsed.data.model}.`);
        }
        const key = call.headers['idempotency-key'];
        const known = key === undefined ? undefined : jobs.get(byKey.get(key) ?? '');
        if (known !== undefined) return { status: 202, json: answer(known) };
        const id = `job_${randomUUID()}`;
        const job: FakeWorkerJob = {
          id,
          body: parsed.data,
          plan,
          createdAt: now(),
          polls: 0,
          cancelled: false,
        };
        jobs.set(id, job);
        if (key !== undefined) byKey.set(key, id);
        return { status: 202, json: { id, status: 'queued', queue_position: plan.queuedPolls ?? 0 } };
      }),
    );
    server.route(
      'GET /v1/jobs/:id',
      guarded(({ params }) => {
        const job = jobs.get(params.id ?? '');
        if (job === undefined) return refusal(404, 'not_found', 'No such job.');
        const reply = answer(job);
        job.polls += 1;
        return { json: reply };
      }),
    );
    server.route(
      'DELETE /v1/jobs/:id',
      guarded(({ params }) => {
        const job = jobs.get(params.id ?? '');
        if (job === undefined) return refusal(404, 'not_found', 'No such job.');
        if (ended(job)) return refusal(409, 'job_ended', 'The job has already ended.');
        job.cancelled = true;
        return { json: answer(job) };
      }),
    );
    server.route('GET /v1/files/:name', ({ params }) => {
      const extension = (params.name ?? '').split('.').pop() as keyof typeof FILE_TYPES;
      if (!(extension in FILE_TYPES)) return refusal(404, 'not_found', 'No such file.');
      return { headers: { 'content-type': FILE_TYPES[extension] }, body: fileBytes(extension) };
    });
    server.route(
      'GET /v1/models',
      guarded(() => ({ json: { object: 'list', data: [{ id: 'reference', object: 'model' }] } })),
    );
    server.route(
      'POST /v1/images/generations',
      guarded((call) => {
        const parsed = openAiBody.safeParse(call.bodyJson);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            status: 400,
            json: {
              error: {
                message: `${issue?.path.join('.')}: ${issue?.message}`,
                type: 'invalid_request_error',
                code: null,
              },
            },
          };
        }
        const png = Buffer.from(solidPng(32, 32, [40, 160, 90]));
        const data =
          parsed.data.response_format === 'url'
            ? { url: `${server.url}/v1/files/generated.png` }
            : { b64_json: png.toString('base64') };
        return { json: { created: Math.floor(now() / 1000), data: [data] } };
      }),
    );
  };
  routes();

  return {
    url: server.url,
    server,
    jobs,
    plan(next) {
      plan = next;
      busyLeft = next.busySubmits ?? 0;
      routes();
    },
    submissions: () => server.callsTo('POST /v1/jobs'),
    pollsOf: (id) => jobs.get(id)?.polls ?? 0,
    close: () => server.close(),
  };
}
