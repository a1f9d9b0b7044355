import {
  type HttpClient,
  type HttpRequest,
  type JsonObject,
  lenient,
  looseNumber,
  nonBlank,
  Redactor,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import type { BflSettings } from './bfl-config.js';
import { bflRequestErrors } from './bfl-errors.js';
import { isTrustedPollingUrl } from './polling-url.js';

/** What every generation endpoint answers: the task, where to poll it, and its price in credits. */
const submittedSchema = z.object({
  id: z.string().min(1),
  polling_url: z.string().min(1),
  /** Credits (1 credit = $0.01) the task costs, on FLUX.2 and newer endpoints. */
  cost: lenient(looseNumber),
  input_mp: lenient(looseNumber),
  output_mp: lenient(looseNumber),
});
export type SubmittedTask = z.output<typeof submittedSchema>;

/** `GET /v1/get_result` (or the `polling_url`): the task's status and, when Ready, its sample. */
const resultSchema = z.object({
  id: lenient(z.string()),
  status: z.string().min(1),
  result: lenient(
    z.looseObject({
      /** A signed URL, valid for 10 minutes. */
      sample: lenient(nonBlank),
      seed: lenient(looseNumber),
    }),
  ),
  progress: lenient(looseNumber),
  details: lenient(z.record(z.string(), z.unknown())),
});
export type TaskResult = z.output<typeof resultSchema>;

const creditsSchema = z.object({ credits: looseNumber });

/** Where a submitted task is polled; kept in the task reference core persists. */
export interface BflTaskData extends JsonObject {
  pollingUrl: string;
}

/** BFL's three calls, through the plugin's HTTP client with the key in `x-key`. */
export interface BflApi {
  submit(endpoint: string, body: JsonObject, signal: AbortSignal): Promise<SubmittedTask>;
  result(taskId: string, pollingUrl: string | undefined, signal: AbortSignal): Promise<TaskResult>;
  credits(signal: AbortSignal): Promise<number>;
}

export function createBflApi(http: HttpClient, settings: BflSettings): BflApi {
  const api = http.withDefaults({
    baseUrl: settings.baseUrl,
    provider: 'bfl',
    headers: { 'x-key': settings.apiKey, accept: 'application/json' },
    secrets: [settings.apiKey],
  });
  const redactor = new Redactor([settings.apiKey]);
  const call = <Schema extends z.ZodType>(request: HttpRequest, schema: Schema) =>
    requestJson(api, request, schema, { provider: 'bfl', errors: bflRequestErrors, redactor });

  return {
    submit: (endpoint, body, signal) =>
      call({ method: 'POST', url: `/v1/${endpoint}`, json: body, signal }, submittedSchema),
    result(taskId, pollingUrl, signal) {
      // The key goes only where BFL's own hosts (or the configured base URL's host) answer; a
      // polling URL anywhere else is replaced by the documented get_result of the base URL.
      if (pollingUrl !== undefined && isTrustedPollingUrl(pollingUrl, settings.baseUrl)) {
        return call({ url: pollingUrl, signal }, resultSchema);
      }
      return call({ url: '/v1/get_result', query: { id: taskId }, signal }, resultSchema);
    },
    credits: async (signal) => (await call({ url: '/v1/credits', signal }, creditsSchema)).credits,
  };
}
