import {
  GenHubError,
  type JsonObject,
  jsonBody,
  type MediaInput,
  type Task,
  type TypedModelSpec,
  type Warning,
} from '@genhub/provider';
import type { z } from 'zod';

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

/**
 * The parameters of any variant of a model whose schema depends on its variant, each possibly
 * absent: what one `build` shared by the variants reads (`AnyVariant<A & B>`, A and B the outputs).
 */
export type AnyVariant<AllOutputs> = { [Key in keyof AllOutputs]?: AllOutputs[Key] | undefined };

/** A model as this plugin offers it: its typed spec and the remote model behind it. */
export interface ImaModel<Params extends z.ZodObject = z.ZodObject> {
  spec: TypedModelSpec<Params>;
  /** The model id the API knows, such as `MiniMax-Hailuo-2.3`. */
  remote: string;
  /** The document's tag for the model's family, such as `Kling Video`. */
  family: string;
  /**
   * Turns the parameters, parsed by the spec's schema (typed, defaults applied), into the request to
   * send. Throws INVALID_INPUT for impossible combinations.
   */
  build(task: Task, params: z.output<Params>): ImaRequest;
}

/** Types a model's `build` by the schema of its own parameters. */
export function imaModel<Params extends z.ZodObject>(model: ImaModel<Params>): ImaModel<Params> {
  return model;
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
    body: jsonBody(body),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    poll: options.poll,
    created: options.created ?? 'task',
    warnings: options.warnings ?? [],
  };
}

/** The URLs of a list of media inputs, or undefined when there are none. */
export function urlsOf(inputs: readonly MediaInput[] | undefined): string[] | undefined {
  return inputs === undefined || inputs.length === 0 ? undefined : inputs.map((input) => input.url);
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
