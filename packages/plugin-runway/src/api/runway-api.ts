import {
  type Clock,
  type HttpClient,
  type JsonObject,
  type PollResult,
  type ProviderBalance,
  requestJson,
  type SubmitResult,
  type TaskRef,
} from '@genhub/provider';
import { z } from 'zod';
import type { RunwaySettings } from '../config.js';
import { runwayRequestErrors } from './errors.js';
import { createdTaskSchema, pollResult, type TaskShape, taskSchema } from './task.js';

/** What a task makes, stored in its reference so a restarted GenHub reads its outputs the same way. */
export type TaskOutput = 'video' | 'image' | 'upscaled-video';

export interface RunwayApi {
  /** Starts a generation at `path` (`/v1/image_to_video`, ...) and returns its task reference. */
  start(path: string, body: JsonObject, output: TaskOutput, signal: AbortSignal): Promise<SubmitResult>;
  poll(ref: TaskRef, signal: AbortSignal): Promise<PollResult>;
  /** Cancels a running task; Runway deletes a finished one. */
  cancel(ref: TaskRef, signal: AbortSignal): Promise<void>;
  balance(signal: AbortSignal): Promise<ProviderBalance>;
}

const refData = z.object({
  output: z.enum(['video', 'image', 'upscaled-video']).catch('video'),
  submittedAt: z.number().catch(0),
});

const organizationSchema = z.object({ creditBalance: z.number() });

/** Runway bills in credits of one US cent each (docs.dev.runwayml.com, pricing). */
export const USD_PER_CREDIT = 0.01;

/**
 * Runway's versioned API: every request carries `Authorization: Bearer <key>` and
 * `X-Runway-Version` (sdk-node src/client.ts).
 */
export function createRunwayApi(
  http: HttpClient,
  settings: RunwaySettings,
  clock: Clock,
  shapeOf: (output: TaskOutput) => TaskShape,
): RunwayApi {
  const api = http.withDefaults({
    baseUrl: settings.baseUrl,
    provider: 'runway',
    headers: { authorization: `Bearer ${settings.apiKey}`, 'x-runway-version': settings.apiVersion },
    secrets: [settings.apiKey],
  });
  const options = { provider: 'runway', errors: runwayRequestErrors };
  const taskUrl = (ref: TaskRef) => `/v1/tasks/${encodeURIComponent(ref.id)}`;

  return {
    async start(path, body, output, signal) {
      const submittedAt = clock.now();
      const task = await requestJson(
        api,
        { method: 'POST', url: path, json: body, signal },
        createdTaskSchema,
        options,
      );
      return { status: 'pending', ref: { id: task.id, data: { output, submittedAt } } };
    },
    async poll(ref, signal) {
      const task = await requestJson(api, { url: taskUrl(ref), signal }, taskSchema, options);
      const { output, submittedAt } = refData.parse(ref.data ?? {});
      return pollResult(task, shapeOf(output), clock.now() - submittedAt);
    },
    async cancel(ref, signal) {
      const response = await api.request({
        method: 'DELETE',
        url: taskUrl(ref),
        headers: { accept: '*/*' },
        signal,
      });
      const text = await response.text();
      if (response.status >= 300) throw runwayRequestErrors(response.status, response.headers, text);
    },
    async balance(signal) {
      const organization = await requestJson(
        api,
        { url: '/v1/organization', signal },
        organizationSchema,
        options,
      );
      return {
        credits: organization.creditBalance,
        usd: Math.round(organization.creditBalance * USD_PER_CREDIT * 100) / 100,
      };
    },
  };
}
