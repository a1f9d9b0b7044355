import {
  GenHubError,
  type HttpClient,
  type HttpRequest,
  type JsonValue,
  type PollResult,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import { queueAppPath } from './app-id.js';
import { requestErrors, taskFailure } from './errors.js';
import { outputsOf } from './outputs.js';

/** What `POST /{app id}` answers: the request's id in fal's queue. */
const submitted = z.object({ request_id: z.string().min(1), queue_position: z.number().optional() });

/** What `GET .../requests/{id}/status?logs=1` answers. */
const queueStatus = z.object({
  status: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
  queue_position: z.number().int().nonnegative().nullish(),
  logs: z.array(z.object({ message: z.string() }).loose()).nullish(),
  /** Set on a COMPLETED request that failed. */
  error: z.string().nullish(),
  error_type: z.string().nullish(),
});
type QueueStatus = z.infer<typeof queueStatus>;

/** A request's result: the app's own output object. */
const anyJson = z.record(z.string(), z.unknown());

/** The task reference GenHub keeps: the request id, and the app it was sent to. */
export interface FalRef {
  id: string;
  data: { app: string };
}

/** fal's queue: submit, status, result and cancel, as fal-js's queue client sends them. */
export function falQueue(api: HttpClient) {
  const call = <T extends z.ZodType>(request: HttpRequest, schema: T) =>
    requestJson(api, request, schema, { provider: 'fal', errors: requestErrors });
  const requestPath = (ref: FalRef) =>
    `/${queueAppPath(ref.data.app)}/requests/${encodeURIComponent(ref.id)}`;

  return {
    async submit(
      app: string,
      input: Record<string, JsonValue>,
      options: { signal: AbortSignal; webhookUrl?: string | undefined },
    ): Promise<{ ref: FalRef; queuePosition?: number }> {
      const answer = await call(
        {
          method: 'POST',
          url: `/${app}`,
          json: input,
          ...(options.webhookUrl === undefined ? {} : { query: { fal_webhook: options.webhookUrl } }),
          signal: options.signal,
        },
        submitted,
      );
      return {
        ref: { id: answer.request_id, data: { app } },
        ...(answer.queue_position === undefined ? {} : { queuePosition: answer.queue_position }),
      };
    },

    async poll(ref: FalRef, signal: AbortSignal): Promise<PollResult> {
      const status = await call(
        { url: `${requestPath(ref)}/status`, query: { logs: 1 }, signal },
        queueStatus,
      );
      if (status.status !== 'COMPLETED') return pending(status);
      if (status.error) {
        if (isCancellation(status)) return { status: 'cancelled' };
        return {
          status: 'failed',
          error: taskFailure({
            summary: `fal request ${ref.id} failed`,
            words: status.error,
            ...(status.error_type ? { providerCode: status.error_type } : {}),
            details: { taskId: ref.id },
          }),
        };
      }
      try {
        const result = await call({ url: requestPath(ref), signal }, anyJson);
        if (allFlagged(result)) {
          return {
            status: 'failed',
            error: taskFailure({
              summary: `fal request ${ref.id} was refused`,
              words: 'Every image was flagged by the safety checker (has_nsfw_concepts).',
              details: { taskId: ref.id },
            }),
          };
        }
        const outputs = outputsOf(result);
        if (outputs.length > 0) return { status: 'succeeded', outputs };
        return {
          status: 'failed',
          error: taskFailure({
            summary: `fal request ${ref.id} finished without a file`,
            details: { taskId: ref.id },
          }),
        };
      } catch (error) {
        // A request that ended in an error answers its result URL with that error.
        if (error instanceof GenHubError && !error.retryable) return { status: 'failed', error };
        throw error;
      }
    },

    async cancel(ref: FalRef, signal: AbortSignal): Promise<void> {
      try {
        await call({ method: 'PUT', url: `${requestPath(ref)}/cancel`, signal }, anyJson);
      } catch (error) {
        // 400 ALREADY_COMPLETED: nothing is left to cancel.
        if (error instanceof GenHubError && error.status === 400) return;
        throw error;
      }
    },
  };
}

export type FalQueue = ReturnType<typeof falQueue>;

/**
 * fal's image apps with a safety checker answer `has_nsfw_concepts: [true, ...]`, one per image, and
 * a blacked-out image in place of each flagged one: when all are flagged, the result is a refusal.
 */
function allFlagged(result: Record<string, unknown>): boolean {
  const flags = result.has_nsfw_concepts;
  return Array.isArray(flags) && flags.length > 0 && flags.every((flag) => flag === true);
}

/**
 * A request GenHub cancelled. fal's docs do not show a cancelled request's status; it is taken to
 * end COMPLETED with an error naming the cancellation.
 */
function isCancellation(status: QueueStatus): boolean {
  return /cancel/i.test(status.error_type ?? '') || /\bcancell?ed\b/i.test(status.error ?? '');
}

/** A request still queued or running: its queue position, and a percent when its logs give one. */
function pending(status: QueueStatus): PollResult {
  if (status.status === 'IN_QUEUE') {
    return {
      status: 'pending',
      ...(status.queue_position == null ? {} : { queuePosition: status.queue_position }),
    };
  }
  const percent = lastPercent(status.logs ?? []);
  return { status: 'pending', ...(percent === undefined ? {} : { percent }) };
}

/** The last "NN%" an app wrote to its logs, such as a progress bar's. */
function lastPercent(logs: readonly { message: string }[]): number | undefined {
  for (let index = logs.length - 1; index >= 0; index -= 1) {
    const match = /(\d{1,3})%/.exec(logs[index]?.message ?? '');
    if (match) return Math.min(100, Number(match[1]));
  }
  return undefined;
}
