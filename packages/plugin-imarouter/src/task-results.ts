import {
  type ErrorCode,
  GenHubError,
  type JsonObject,
  type JsonValue,
  type Output,
  type PollResult,
} from '@genhub/provider';
import type { PollRoute } from './ima-request.js';
import {
  type MidjourneyButton,
  midjourneyAction,
  midjourneyFollowUp,
  supportedButtons,
} from './midjourney-actions.js';

const PROVIDER = 'imarouter';

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function httpUrl(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && /^https?:\/\/\S+$/i.test(text.trim()) ? text.trim() : undefined;
}

/** JSON-safe copy of a value (drops undefined and functions). */
function json(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * A 2xx body that is an error after all: the document's TaskErrorResponse (`code` other than
 * `success` with a `message`), `{ success: false, message }` or `{ error: ... }` without data.
 */
export function errorInBody(body: unknown, status = 200): GenHubError | undefined {
  if (!isRecord(body)) return undefined;
  const hasTask = body.data !== undefined && body.data !== null;
  const code = body.code;
  const message = str(body.message) ?? (isRecord(body.error) ? str(body.error.message) : str(body.error));
  const failed =
    body.success === false ||
    (!hasTask &&
      message !== undefined &&
      ((typeof code === 'string' && code !== 'success') || (typeof code === 'number' && code !== 0))) ||
    (!hasTask && body.id === undefined && body.task_id === undefined && isRecord(body.error));
  if (!failed) return undefined;
  return new GenHubError(errorCodeFor(message ?? ''), `imarouter answered: ${message ?? 'request failed'}`, {
    provider: PROVIDER,
    status,
    retryable: false,
    ...(code === undefined || code === null ? {} : { details: { providerCode: String(code) } }),
  });
}

/** The task id in a create response. Throws when there is none. */
export function readCreated(body: unknown, kind: 'task' | 'midjourney'): { id: string; percent?: number } {
  const error = errorInBody(body);
  if (error) throw error;
  if (!isRecord(body)) throw unexpected('the task it created');
  if (kind === 'midjourney') return readMidjourneySubmit(body);
  const data = isRecord(body.data) ? body.data : {};
  const id = str(body.task_id) ?? str(body.id) ?? str(data.task_id) ?? str(data.id);
  if (id === undefined) throw unexpected('a task id');
  const progress = num(body.progress);
  return { id, ...(progress === undefined ? {} : { percent: progress }) };
}

/**
 * Midjourney's submit answer, `{ code, description, result }`: 1 is accepted; 21 (already exists)
 * and 22 (queued) still carry a task id, as in midjourney-proxy; other codes are refusals.
 */
function readMidjourneySubmit(body: Record<string, unknown>): { id: string } {
  const code = num(body.code);
  const id = str(body.result) ?? (typeof body.result === 'number' ? String(body.result) : undefined);
  if ((code === 1 || code === 21 || code === 22) && id !== undefined) return { id };
  const description = str(body.description) ?? 'Midjourney refused the task';
  const errorCode: ErrorCode =
    code === 24 || /banned|sensitive|moderat/i.test(description)
      ? 'CONTENT_REJECTED'
      : code === 23
        ? 'RATE_LIMITED'
        : code === 9
          ? 'PROVIDER_UNAVAILABLE'
          : 'INVALID_INPUT';
  throw new GenHubError(errorCode, `Midjourney at imarouter answered: ${description}`, {
    provider: PROVIDER,
    ...(code === undefined ? {} : { details: { providerCode: String(code) } }),
  });
}

function unexpected(what: string): GenHubError {
  return new GenHubError('PROVIDER_UNAVAILABLE', `imarouter answered without ${what}.`, {
    provider: PROVIDER,
    retryable: false,
  });
}

/** The error code a failed task's message stands for. */
export function errorCodeFor(message: string): ErrorCode {
  if (/moderat|sensitive|policy|safety|nsfw|prohibit|banned|violat|copyright|审核|敏感|违规/i.test(message)) {
    return 'CONTENT_REJECTED';
  }
  if (
    /invalid|must be|parameter|not support|pixel|too (long|short|large|small)|exceed|required/i.test(message)
  ) {
    return 'INVALID_INPUT';
  }
  if (/insufficient|balance|quota|余额/i.test(message)) return 'INSUFFICIENT_FUNDS';
  return 'PROVIDER_UNAVAILABLE';
}

/** The error a failed task reports, with its own words and code. */
function taskFailure(error: unknown, fallback: string, taskId: string): PollResult {
  const message =
    (isRecord(error) ? (str(error.message) ?? str(error.msg) ?? str(error.reason)) : str(error)) ?? fallback;
  const providerCode = isRecord(error) ? (str(error.code) ?? num(error.code)?.toString()) : undefined;
  return {
    status: 'failed',
    error: new GenHubError(errorCodeFor(message), `The imarouter task failed: ${message}`, {
      provider: PROVIDER,
      details: { taskId, ...(providerCode === undefined ? {} : { providerCode }) },
    }),
  };
}

function cost(amount: unknown): { cost?: { usd: number } } {
  const usd = num(amount);
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
        provider: PROVIDER,
        details: { taskId },
      },
    ),
  };
}

const FORMAT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg_opus: 'audio/ogg',
  mp4: 'video/mp4',
};

function mediaTypeOf(format: unknown): { mediaType?: string } {
  const type = typeof format === 'string' ? FORMAT_TYPES[format.toLowerCase()] : undefined;
  return type === undefined ? {} : { mediaType: type };
}

/** A poll answer, read according to the endpoint that gave it. */
export function readPollResult(route: PollRoute, body: unknown, taskId: string): PollResult {
  const error = errorInBody(body);
  if (error) return { status: 'failed', error };
  if (!isRecord(body)) return pending(route, undefined);
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
  progress: unknown,
  error: unknown,
  taskId: string,
): PollResult | undefined {
  const state = taskState(status);
  if (state === 'pending' || state === 'unknown') return pending(route, num(progress));
  if (state === 'failed') return taskFailure(error, `the task ended ${String(status)}`, taskId);
  if (state === 'cancelled') return { status: 'cancelled' };
  return undefined;
}

/** `GET /v1/images/generations/{id}`: `{ code, data: { status, url, format, amount_usd, error } }`. */
function readImageTask(body: Record<string, unknown>, taskId: string): PollResult {
  const data = isRecord(body.data) ? body.data : body;
  const settled = settle('image', data.status, data.progress, data.error, taskId);
  if (settled) return settled;
  const url = httpUrl(data.url);
  const extra = isRecord(data.metadata) ? data.metadata : {};
  const urls = [url, ...(Array.isArray(extra.urls) ? extra.urls.map(httpUrl) : [])].filter(
    (value): value is string => value !== undefined,
  );
  if (urls.length === 0) return noResults(taskId);
  return {
    status: 'succeeded',
    outputs: [...new Set(urls)].map((link) => ({ kind: 'url', url: link, ...mediaTypeOf(data.format) })),
    ...cost(data.amount_usd),
  };
}

/** `GET /v1/music/generations/{id}`: several songs in `data.data`, each with title and lyrics. */
function readMusicTask(body: Record<string, unknown>, taskId: string): PollResult {
  const data = isRecord(body.data) ? body.data : body;
  const settled = settle('music', data.status, data.progress, data.error, taskId);
  if (settled) return settled;
  const songs = Array.isArray(data.data) ? data.data.filter(isRecord) : [];
  const outputs: Output[] = [];
  for (const [index, song] of songs.entries()) {
    const url = httpUrl(song.url) ?? httpUrl(song.audio_url);
    if (url === undefined) continue;
    const metadata: JsonObject = { index: index + 1 };
    const title = str(song.title);
    const lyrics = str(song.lyrics);
    const duration = num(song.duration);
    if (title !== undefined) metadata.title = title;
    if (lyrics !== undefined) metadata.lyrics = lyrics;
    if (duration !== undefined) metadata.duration = duration;
    const details = json(song.metadata);
    if (details !== undefined && details !== null) metadata.details = details;
    outputs.push({ kind: 'url', url, ...(title === undefined ? {} : { name: title }), metadata });
  }
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs, ...cost(data.amount_usd) };
}

/** `GET /v1/audio/speech/{id}`: `{ code, data: { status, url, format, usage: { count } } }`. */
function readSpeechTask(body: Record<string, unknown>, taskId: string): PollResult {
  const data = isRecord(body.data) ? body.data : body;
  const settled = settle('speech', data.status, data.progress, data.error, taskId);
  if (settled) return settled;
  const url = httpUrl(data.url);
  if (url === undefined) return noResults(taskId);
  const characters = isRecord(data.usage) ? num(data.usage.count) : undefined;
  return {
    status: 'succeeded',
    outputs: [
      {
        kind: 'url',
        url,
        ...mediaTypeOf(data.format),
        ...(characters === undefined ? {} : { metadata: { characters } }),
      },
    ],
    ...cost(data.amount_usd),
  };
}

/**
 * The OpenAI-style video object of `/v1/videos/{id}`, `/v1/video/generations/{id}`, the contents
 * and Kling endpoints: `results[].url`, else `metadata.url` (which holds the error text when failed).
 */
function readVideoTask(route: PollRoute, body: Record<string, unknown>, taskId: string): PollResult {
  const settled = settle(route, body.status, body.progress, body.error ?? failureText(body), taskId);
  if (settled) return settled;
  const outputs: Output[] = [];
  const seen = new Set<string>();
  for (const result of Array.isArray(body.results) ? body.results.filter(isRecord) : []) {
    const url = httpUrl(result.url);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    const type = str(result.content_type);
    const metadata: JsonObject = {};
    for (const key of ['width', 'height', 'duration'] as const) {
      const value = num(result[key]);
      if (value !== undefined) metadata[key] = value;
    }
    outputs.push({
      kind: 'url',
      url,
      ...(type?.includes('/') ? { mediaType: type } : {}),
      ...(type === 'image' || type?.startsWith('image/') ? { role: 'preview' as const } : {}),
      ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
    });
  }
  const metadataUrl = isRecord(body.metadata) ? httpUrl(body.metadata.url) : undefined;
  if (metadataUrl !== undefined && !seen.has(metadataUrl)) {
    if (outputs.every((output) => output.role === 'preview'))
      outputs.unshift({ kind: 'url', url: metadataUrl });
  }
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs, ...cost(body.amount_usd) };
}

/** A failed video task may explain itself only in `metadata.url`. */
function failureText(body: Record<string, unknown>): string | undefined {
  const text = isRecord(body.metadata) ? str(body.metadata.url) : undefined;
  return text !== undefined && httpUrl(text) === undefined ? text : undefined;
}

/**
 * `GET /mj/task/{id}/fetch`: NOT_START, SUBMITTED, MODAL and IN_PROGRESS are pending ("42%");
 * SUCCESS gives the images (`urls`, else `imageUrl`) and the buttons for follow-ups; FAILURE and
 * CANCEL end it. The older shape (`mj_id`, status "") is read too.
 */
function readMidjourneyTask(body: Record<string, unknown>, taskId: string): PollResult {
  const percent = parsePercent(body.progress);
  const settled = settle(
    'midjourney',
    body.status,
    percent,
    body.failReason ?? body.fail_reason ?? body.error ?? body.description,
    taskId,
  );
  if (settled) return settled;
  const urls = (Array.isArray(body.urls) ? body.urls.map(httpUrl) : []).filter(
    (url): url is string => url !== undefined,
  );
  const imageUrl = httpUrl(body.imageUrl);
  const images = urls.length > 0 ? urls : imageUrl === undefined ? [] : [imageUrl];
  const id = str(body.id) ?? str(body.mj_id) ?? taskId;
  const buttons = readButtons(body.buttons);
  const action = str(body.action);
  const outputs: Output[] = images.map((url, index) => ({
    kind: 'url',
    url,
    metadata: {
      midjourney: {
        taskId: id,
        index: index + 1,
        ...(action === undefined ? {} : { action }),
        buttons: buttons as unknown as JsonValue[],
      },
      followUps: followUps(id, buttons),
      ...(str(body.promptEn) === undefined ? {} : { prompt: str(body.promptEn) as string }),
    },
  }));
  if (outputs.length === 0) return noResults(taskId);
  return { status: 'succeeded', outputs };
}

/** The buttons GenHub can press, as core's follow-ups (the custom zoom needs a prompt: left out). */
function followUps(taskId: string, buttons: readonly MidjourneyButton[]): JsonValue[] {
  return supportedButtons(buttons).flatMap((button) => {
    const label = button.label || button.emoji;
    if (!label || midjourneyAction(button.customId)?.needsPrompt) return [];
    const request = midjourneyFollowUp({ taskId, customId: button.customId });
    return [{ label, task: request.task, model: request.model, params: request.params }];
  });
}

function readButtons(value: unknown): MidjourneyButton[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((button) => {
    const customId = str(button.customId);
    if (customId === undefined) return [];
    const label = str(button.label);
    const emoji = str(button.emoji);
    const style = num(button.style);
    return [
      {
        customId,
        ...(label === undefined ? {} : { label }),
        ...(emoji === undefined ? {} : { emoji }),
        ...(style === undefined ? {} : { style }),
      },
    ];
  });
}

/** `"42%"` -> 42. */
export function parsePercent(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
