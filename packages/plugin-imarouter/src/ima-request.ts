import {
  GenHubError,
  type JsonObject,
  type JsonValue,
  type MediaInput,
  type ModelSpec,
  type Task,
  type Warning,
} from '@genhub/provider';

/**
 * How a submitted task is polled: one per fetch endpoint of the document. Persisted in the task ref,
 * so never rename one.
 */
export const POLL_ROUTES = [
  'image',
  'music',
  'speech',
  'video',
  'contents',
  'subtitle-erase',
  'video-generations',
  'kling-text2video',
  'kling-image2video',
  'midjourney',
] as const;
export type PollRoute = (typeof POLL_ROUTES)[number];

/** The request one generation becomes, following one operation of the document. */
export interface ImaRequest {
  /** The document's operation, as `METHOD /path#fragment`, such as `POST /v1/videos#kling-v3-video`. */
  operation: string;
  /** The real HTTP path (the operation's path without its `#fragment`). */
  path: string;
  body: JsonObject;
  headers?: Readonly<Record<string, string>>;
  /** How the task it creates is polled. */
  poll: PollRoute;
  /** How the create response names the task: an OpenAI-style task object or Midjourney's `{ code, result }`. */
  created: 'task' | 'midjourney';
  warnings: Warning[];
}

/** A model as this plugin offers it: GenHub's spec and the remote model behind it. */
export interface ImaModel {
  spec: ModelSpec;
  /** The model id the API knows, such as `MiniMax-Hailuo-2.3`. */
  remote: string;
  /** The document's tag for the model's family, such as `Kling Video`. */
  family: string;
  /** Turns validated parameters into the request to send. Throws INVALID_INPUT for impossible combinations. */
  build(task: Task, params: Readonly<Record<string, unknown>>): ImaRequest;
}

/** `POST /v1/videos#veo` -> `/v1/videos`. */
export function operationPath(operation: string): string {
  const path = operation.split(' ')[1] ?? '';
  return path.split('#')[0] ?? path;
}

/** A request following `operation`, without the properties that are undefined. */
export function request(
  operation: string,
  body: Record<string, unknown>,
  options: {
    poll: PollRoute;
    created?: ImaRequest['created'];
    headers?: Record<string, string>;
    warnings?: Warning[];
  },
): ImaRequest {
  return {
    operation,
    path: operationPath(operation),
    body: compact(body),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    poll: options.poll,
    created: options.created ?? 'task',
    warnings: options.warnings ?? [],
  };
}

/** A copy without undefined values and without empty nested objects, as JSON. */
export function compact(value: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    const cleaned = compactValue(inner);
    if (cleaned !== undefined) out[key] = cleaned;
  }
  return out;
}

function compactValue(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    return value.map((item) => compactValue(item)).filter((item): item is JsonValue => item !== undefined);
  }
  if (typeof value === 'object') {
    const object = compact(value as Record<string, unknown>);
    return Object.keys(object).length === 0 ? undefined : object;
  }
  return undefined;
}

/** The URL of a media input. */
export function urlOf(input: MediaInput | undefined): string | undefined {
  return input?.url;
}

/** The URLs of a list of media inputs, or undefined when there are none. */
export function urlsOf(inputs: readonly MediaInput[] | undefined): string[] | undefined {
  return inputs === undefined || inputs.length === 0 ? undefined : inputs.map((input) => input.url);
}

/** A typed view of validated parameters (the model's zod schema already checked them). */
export function paramsAs<T>(params: Readonly<Record<string, unknown>>): T {
  return params as T;
}

/** INVALID_INPUT naming the parameter at fault. */
export function invalid(param: string, message: string): GenHubError {
  return new GenHubError('INVALID_INPUT', message, { details: { param } });
}

/** A warning that an option was not sent. */
export function ignored(feature: string, details: string): Warning {
  return { type: 'unsupported', feature, details };
}

/** Every asset reference as the `asset://` protocol the API takes. */
export function assetUris(ids: readonly string[] | undefined): string[] {
  return (ids ?? []).map((id) => (id.startsWith('asset://') ? id : `asset://${id}`));
}
