import {
  type Clock,
  GenHubError,
  type HttpClient,
  type JsonObject,
  type PollResult,
  type ProviderBalance,
  requestJson,
  type SubmitResult,
  type TaskRef,
} from '@genhub/provider';
import { z } from 'zod';
import type { LumaSettings } from '../config.js';
import { USD_PER_CREDIT } from '../models/catalogue.js';
import { lumaRequestErrors } from './errors.js';
import { type GenerationShape, generationSchema, generationShape, pollResult } from './generation.js';

/** How a new generation's result is read, given its id (follow-ups name the generation). */
export interface NewGeneration {
  output: GenerationShape['output'];
  mediaType: string;
  followUps?: (generationId: string) => JsonObject[];
}

export interface LumaApi {
  /** Creates a generation at `path` (`/generations/video`, `/generations/image`) and returns its reference. */
  start(path: string, body: JsonObject, shape: NewGeneration, signal: AbortSignal): Promise<SubmitResult>;
  poll(ref: TaskRef, signal: AbortSignal): Promise<PollResult>;
  /** Deletes the generation: the only way Luma's API offers to drop one. */
  cancel(ref: TaskRef, signal: AbortSignal): Promise<void>;
  balance(signal: AbortSignal): Promise<ProviderBalance>;
}

/** A reference without readable data (never written by this plugin): read it as a video. */
const UNKNOWN_SHAPE: GenerationShape = { output: 'video', mediaType: 'video/mp4', submittedAt: 0 };

const creditsSchema = z.object({ credit_balance: z.number() });

/** Luma's API: every request carries `Authorization: Bearer <key>` (docs.lumalabs.ai/docs/api). */
export function createLumaApi(http: HttpClient, settings: LumaSettings, clock: Clock): LumaApi {
  const api = http.withDefaults({
    baseUrl: settings.baseUrl,
    provider: 'luma',
    headers: { authorization: `Bearer ${settings.apiKey}`, accept: 'application/json' },
    secrets: [settings.apiKey],
  });
  const options = { provider: 'luma', errors: lumaRequestErrors };
  const generationUrl = (ref: TaskRef) => `/generations/${encodeURIComponent(ref.id)}`;

  return {
    async start(path, body, shape, signal) {
      const submittedAt = clock.now();
      const generation = await requestJson(
        api,
        { method: 'POST', url: path, json: body, signal },
        generationSchema,
        options,
      );
      const followUps = shape.followUps?.(generation.id);
      const data: JsonObject = {
        output: shape.output,
        mediaType: shape.mediaType,
        submittedAt,
        ...(followUps?.length ? { followUps } : {}),
      };
      return { status: 'pending', ref: { id: generation.id, data } };
    },
    async poll(ref, signal) {
      try {
        const generation = await requestJson(
          api,
          { url: generationUrl(ref), signal },
          generationSchema,
          options,
        );
        const shape = generationShape.catch(UNKNOWN_SHAPE).parse(ref.data);
        return pollResult(generation, shape, clock.now() - shape.submittedAt);
      } catch (error) {
        // Luma has no cancelled state: a generation deleted while it ran is gone (404).
        if (error instanceof GenHubError && error.status === 404) return { status: 'cancelled' };
        throw error;
      }
    },
    async cancel(ref, signal) {
      const response = await api.request({
        method: 'DELETE',
        url: generationUrl(ref),
        headers: { accept: '*/*' },
        signal,
      });
      const text = await response.text();
      if (response.status >= 300) throw lumaRequestErrors(response.status, response.headers, text);
    },
    async balance(signal) {
      const { credit_balance } = await requestJson(api, { url: '/credits', signal }, creditsSchema, options);
      return { credits: credit_balance, usd: Math.round(credit_balance * USD_PER_CREDIT * 100) / 100 };
    },
  };
}
