import {
  GenHubError,
  type JsonValue,
  jsonBody,
  lenient,
  mediaTypeForExtension,
  nonBlank,
  type Output,
  type PollResult,
} from '@genhub/provider';
import { z } from 'zod';
import type { PollRoute } from './ima-request.js';
import { failedTask, midjourneyRefusal, refusalInBody } from './imarouter-errors.js';
import {
  type MidjourneyButton,
  midjourneyAction,
  midjourneyFollowUp,
  supportedButtons,
} from './midjourney-actions.js';

/** Statuses that mean the task is still going, across the document's task families. */
const PENDING = new Set([
  '',
  'submitted',
  'queued',
  'queueing',
  'pending',
  'processing',
  'in_progress',
  'running',
  'not_start',
  'modal',
]);
const SUCCEEDED = new Set(['succeeded', 'success', 'completed', 'complete', 'done']);
const FAILED = new Set(['failed', 'failure', 'error', 'expired']);
const CANCELLED = new Set(['cancel', 'cancelled', 'canceled']);

/** How often each kind of task is worth polling, as a hint to the job runner. */
export const POLL_AFTER_MS: Readonly<Record<PollRoute, number>> = {
  image: 3000,
  music: 5000,
  speech: 2000,
  video: 10_000,
  contents: 10_000,
  'subtitle-erase': 10_000,
  'video-generations': 10_000,
  'kling-text2video': 10_000,
  'kling-image2video': 10_000,
  midjourney: 5000,
};

export type TaskState = 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

/** Where a status string puts a task. */
export function taskState(status: unknown): TaskState {
  if (status === undefined || status === null) return 'pending';
  if (typeof status !== 'string') return 'unknown';
  const key = status.trim().toLowerCase();
  if (PENDING.has(key)) return 'pending';
  if (SUCCEEDED.has(key)) return 'succeeded';
  if (FAILED.has(key)) return 'failed';
  if (CANCELLED.has(key)) return 'cancelled';
  return 'unknown';
}

const text = lenient(nonBlank);
const finite = lenient(z.number().refine(Number.isFinite));
/** A provider's raw value, read later by what it means (a status, a failure). */
const raw = z.unknown().optional();
/** An http(s) link, trimmed; anything else is left out. */
const httpUrl = lenient(
  nonBlank.transform((link) => link.trim()).refine((link) => /^https?:\/\/\S+$/i.test(link)),
);
/** A list read item by item, keeping the items that fit. */
const listOf = <Item extends z.ZodType>(item: Item) =>
  lenient(z.array(lenient(item))).transform((items) =>
    (items ?? []).filter((one): one is NonNullable<z.output<Item>> => one !== undefined && one !== null),
  );
/** A JSON object's fields, or undefined when it is not one. */
const object = lenient(z.looseObject({}));

/** A 2xx answer's refusal: the document's TaskErrorResponse, `{ success: false }` or a bare `error`. */
const answerRefusal = z.looseObject({
  success: raw,
  code: lenient(z.union([z.string(), z.number()])),
  data: raw,
  id: raw,
  task_id: raw,
  message: text,
  error: lenient(z.union([nonBlank, z.looseObject({ message: text })])),
});

/**
 * A 2xx body that is an error after all: the document's TaskErrorResponse (`code` other than
 * `success` with a `message`), `{ success: false, message }` or `{ error: ... }` without data.
 */
export function errorInBody(body: unknown): GenHubError | undefined {
  const answer = lenient(answerRefusal).parse(body);
  if (answer === undefined) return undefined;
  const { code, error } = answer;
  const hasTask = answer.data !== undefined && answer.data !== null;
  const message = answer.message ?? (typeof error === 'string' ? error : error?.message);
  const failed =
    answer.success === false ||
    (!hasTask && message !== undefined && code !== undefined && code !== 'success' && code !== 0) ||
    (!hasTask && answer.id === undefined && answer.task_id === undefined && typeof error === 'object');
  if (!failed) return undefined;
  return refusalInBody({
    summary: 'imarouter answered',
    words: message ?? 'request failed',
    ...(code === undefined ? {} : { providerCode: String(code) }),
  });
}

/** The task a create answer names: `task_id` or `id`, at the top or under `data`. */
const createdTask = z.looseObject({
  task_id: text,
  id: text,
  data: lenient(z.looseObject({ task_id: text, id: text })),
  progress: finite,
});

/** Midjourney's submit answer, `{ code, description, result }`. */
const midjourneySubmit = z.looseObject({
  code: finite,
  description: text,
  result: lenient(z.union([nonBlank, z.number().transform(String)])),
});

/** The task id in a create response. Throws when there is none. */
export function readCreated(body: unknown, kind: 'task' | 'midjourney'): { id: string; percent?: number } {
  const error = errorInBody(body);
  if (error) throw error;
  if (object.parse(body) === undefined) throw unexpected('the task it created');
  if (kind === 'midjourney') return readMidjourneySubmit(body);
  const { task_id, id, data, progress } = createdTask.parse(body);
  const taskId = task_id ?? id ?? data?.task_id ?? data?.id;
  if (taskId === undefined) throw unexpected('a task id');
  return { id: taskId, ...(progress === undefined ? {} : { percent: progress }) };
}

/**
 * Midjourney's submit answer: 1 is accepted; 21 (already exists) and 22 (queued) still carry a task
 * id, as in midjourney-proxy; other codes are refusals.
 */
function readMidjourneySubmit(body: unknown): { id: string } {
  const { code, description, result } = midjourneySubmit.parse(body);
  if ((code === 1 || code === 21 || code === 22) && result !== undefined) return { id: result };
  throw midjourneyRefusal({
    summary: 'Midjourney at imarouter answered',
    words: description ?? 'Midjourney refused the task',
    ...(code === undefined ? {} : { providerCode: String(code) }),
  });
}

function unexpected(what: string): GenHubError {
  return new GenHubError('PROVIDER_UNAVAILABLE', `imarouter answered without ${what}.`, {
    provider: 'imarouter',
    retryable: false,
  });
}

/** A failed task's own words and code: a sentence, or `{ message | msg | reason, code }`. */
const taskError = lenient(
  z.union([
    nonBlank.transform((words) => ({ words, code: undefined })),
    z
      .looseObject({
        message: text,
        msg: text,
        reason: text,
        code: lenient(z.union([nonBlank, z.number().refine(Number.isFinite).transform(String)])),
      })
      .transform((error) => ({ words: error.message ?? error.msg ?? error.reason, code: error.code })),
  ]),
);

/** The error a failed task reports, with its own words and code. */
function taskFailure(error: unknown, fallback: string, taskId: string): PollResult {
  const failure = taskError.parse(error);
  return {
    status: 'failed',
    error: failedTask({
      summary: 'The imarouter task failed',
      words: failure?.words ?? fallback,
      ...(failure?.code === undefined ? {} : { providerCode: failure.code }),
      details: { taskId },
    }),
  };
}

function cost(usd: number | undefined): { cost?: { usd: number } } {
  return usd === undefined || usd < 0 ? {} : { cost: { usd } };
}

function pending(route: PollRoute, percent: number | undefined): PollResult {
  return {
    status: 'pending',
    pollAfterMs: POLL_AFTER_MS[route],
    ...(percent === undefined ? {} : { percent: Math.max(0, Math.min(100, percent)) }),
  };
}

function noResults(taskId: string): PollResult {
  return {
    status: 'failed',
    error: new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `The imarouter task ${taskId} finished without a result.`,
      {
        provider: 'imarouter',
        details: { taskId },
      },
    ),
  };
}

/** The media type a result's `format` names (`png`, `mp3`, `ogg_opus`), when it names one. */
function mediaTypeOf(format: string | undefined): { mediaType?: string } {
  const type = format === undefined ? undefined : mediaTypeForExtension(format);
  return type === undefined ? {} : { mediaType: type };
}

/** The task under `data` when the answer wraps it (`{ code, data: { status, ... } }`), else the answer. */
const unwrapped = z.looseObject({}).transform((body): unknown => object.parse(body.data) ?? body);

/** A poll answer, read according to the endpoint that gave it. */
export function readPollResult(route: PollRoute, body: unknown, taskId: string): PollResult {
  const error = errorInBody(body);
  if (error) return { status: 'failed', error };
  if (object.parse(body) === undefined) return pending(route, undefined);
  switch (route) {
    case 'image':
      return readImageTask(body, taskId);
    case 'music':
      return readMusicTask(body, taskId);
    case 'speech':
      return readSpeechTask(body, taskId);
    case 'midjourney':
      return readMidjourneyTask(body, taskId);
    default:
      return readVideoTask(route, body, taskId);
  }
}

/** Outcomes shared by every family: pending, failed, cancelled; undefined for succeeded. */
function settle(
  route: PollRoute,
  status: unknown,
  percent: number | undefined,
  error: unknown,
  taskId: string,
): PollResult | undefined {
  const state = taskState(status);
  if (state === 'pending' || state === 'unknown') return pending(route, percent);
  if (state === 'failed') return taskFailure(error, `the task ended ${String(status)}`, taskId);
  if (state === 'cancelled') return { status: 'cancelled' };
  return undefined;
}

/** What every task family's answer says of its progress. */
const taskFields = { status: raw, progress: finite, error: raw, amount_usd: finite };

/** `GET /v1/images/generations/{id}`: `{ code, data: { status, url, format, amount_usd, error } }`. */
const imageTask = unwrapped.pipe(
  z.looseObject({
    ...taskFields,
    url: httpUrl,
    format: text,
    metadata: lenient(z.looseObject({ urls: listOf(httpUrl) })),
  }),
);

function readImageTask(body: unknown, taskId: string): PollResult {
  const task = imageTask.parse(body);
  const settled = settle('image', task.status, task.progress, task.error, taskId);
  if (settled) return settled;
  const urls = [...new Set([...(task.url === undefined ? [] : [task.url]), ...(task.metadata?.urls ?? [])])];
  if (urls.length === 0) return noResults(taskId);
  return {
    status: 'succeeded',
    outputs: urls.map((link) => ({ kind: 'url', url: link, ...mediaTypeOf(task.format) })),
    ...cost(task.amount_usd),
  };
}

const song = z.looseObject({
  url: httpUrl,
  audio_url: httpUrl,
  title: text,
  lyrics: text,
  duration: finite,
  metadata: lenient(z.json()),
});

/** `GET /v1/music/generations/{id}`: several songs in `data.data`, each with title and lyrics. */
const musicTask = unwrapped.pipe(z.looseObject({ ...taskFields, data: listOf(song) }));

function readMusicTask(body: unknown, taskId: string): PollResult {
  const task = musicTask.parse(body);
  const settled = settle('music', task.status, task.progress, task.error, taskId);
  if (settled) return settled;
  const outputs = task.data.flatMap((one, index): Output[] => {
    const url = one.url ?? one.audio_url;
    if (url === undefined) return [];
    const metadata = jsonBody({
      index: index + 1,
      title: one.title,
      lyrics: one.lyrics,
      duration: one.duration,
      details: one.metadata ?? undefined,
    });
    return [{ kind: 'url', url, ...(one.title === undefined ? {} : { name: one.title }), metadata }];
  });
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs, ...cost(task.amount_usd) };
}

/** `GET /v1/audio/speech/{id}`: `{ code, data: { status, url, format, usage: { count } } }`. */
const speechTask = unwrapped.pipe(
  z.looseObject({
    ...taskFields,
    url: httpUrl,
    format: text,
    usage: lenient(z.looseObject({ count: finite })),
  }),
);

function readSpeechTask(body: unknown, taskId: string): PollResult {
  const task = speechTask.parse(body);
  const settled = settle('speech', task.status, task.progress, task.error, taskId);
  if (settled) return settled;
  if (task.url === undefined) return noResults(taskId);
  const characters = task.usage?.count;
  return {
    status: 'succeeded',
    outputs: [
      {
        kind: 'url',
        url: task.url,
        ...mediaTypeOf(task.format),
        ...(characters === undefined ? {} : { metadata: { characters } }),
      },
    ],
    ...cost(task.amount_usd),
  };
}

const videoResult = z.looseObject({
  url: httpUrl,
  content_type: text,
  width: finite,
  height: finite,
  duration: finite,
});

/**
 * The OpenAI-style video object of `/v1/videos/{id}`, `/v1/video/generations/{id}`, the contents
 * and Kling endpoints: `results[].url`, else `metadata.url` (which holds the error text when failed).
 */
const videoTask = z.looseObject({
  ...taskFields,
  results: listOf(videoResult),
  metadata: lenient(z.looseObject({ url: text })),
});

function readVideoTask(route: PollRoute, body: unknown, taskId: string): PollResult {
  const task = videoTask.parse(body);
  const said = task.metadata?.url;
  const link = said === undefined ? undefined : httpUrl.parse(said);
  // A failed video task may explain itself only in `metadata.url`.
  const settled = settle(route, task.status, task.progress, task.error ?? (link ? undefined : said), taskId);
  if (settled) return settled;
  const outputs: Output[] = [];
  const seen = new Set<string>();
  for (const result of task.results) {
    if (result.url === undefined || seen.has(result.url)) continue;
    seen.add(result.url);
    const type = result.content_type;
    const metadata = jsonBody({ width: result.width, height: result.height, duration: result.duration });
    outputs.push({
      kind: 'url',
      url: result.url,
      ...(type?.includes('/') ? { mediaType: type } : {}),
      ...(type === 'image' || type?.startsWith('image/') ? { role: 'preview' as const } : {}),
      ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
    });
  }
  if (link !== undefined && !seen.has(link) && outputs.every((output) => output.role === 'preview')) {
    outputs.unshift({ kind: 'url', url: link });
  }
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs, ...cost(task.amount_usd) };
}

/** `"42%"` or 42. */
const percent = lenient(
  z.union([
    z.number(),
    z
      .string()
      .regex(/^\s*\d+(?:\.\d+)?\s*%?\s*$/)
      .transform((value) => Number.parseFloat(value)),
  ]),
);

const button = z.object({ customId: nonBlank, label: text, emoji: text, style: finite });

/** The buttons of a finished Midjourney task, as `GET /mj/task/{id}/fetch` lists them. */
export const midjourneyButtons = listOf(button);

/**
 * `GET /mj/task/{id}/fetch`: NOT_START, SUBMITTED, MODAL and IN_PROGRESS are pending ("42%");
 * SUCCESS gives the images (`urls`, else `imageUrl`) and the buttons for follow-ups; FAILURE and
 * CANCEL end it. The older shape (`mj_id`, status "") is read too.
 */
const midjourneyTask = z.looseObject({
  status: raw,
  progress: percent,
  failReason: raw,
  fail_reason: raw,
  error: raw,
  description: raw,
  urls: listOf(httpUrl),
  imageUrl: httpUrl,
  id: text,
  mj_id: text,
  buttons: midjourneyButtons,
  action: text,
  promptEn: text,
});

function readMidjourneyTask(body: unknown, taskId: string): PollResult {
  const task = midjourneyTask.parse(body);
  const failure = task.failReason ?? task.fail_reason ?? task.error ?? task.description;
  const settled = settle('midjourney', task.status, task.progress, failure, taskId);
  if (settled) return settled;
  const images = task.urls.length > 0 ? task.urls : task.imageUrl === undefined ? [] : [task.imageUrl];
  const id = task.id ?? task.mj_id ?? taskId;
  const outputs: Output[] = images.map((url, index) => ({
    kind: 'url',
    url,
    metadata: {
      midjourney: jsonBody({ taskId: id, index: index + 1, action: task.action, buttons: task.buttons }),
      followUps: followUps(id, task.buttons),
      ...(task.promptEn === undefined ? {} : { prompt: task.promptEn }),
    },
  }));
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs };
}

/** The buttons GenHub can press, as core's follow-ups (the custom zoom needs a prompt: left out). */
function followUps(taskId: string, buttons: readonly MidjourneyButton[]): JsonValue[] {
  return supportedButtons(buttons).flatMap((one) => {
    const label = one.label || one.emoji;
    if (!label || midjourneyAction(one.customId)?.needsPrompt) return [];
    const request = midjourneyFollowUp({ taskId, customId: one.customId });
    return [{ label, task: request.task, model: request.model, params: request.params }];
  });
}
