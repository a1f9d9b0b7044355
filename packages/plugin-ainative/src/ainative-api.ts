import {
  GenHubError,
  type HttpClient,
  type HttpRequest,
  type JsonObject,
  Redactor,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import { type AiNativeConfig, AiNativeDefaults } from './ainative-config.js';
import { aiNativeHttpError } from './ainative-errors.js';
import type { AiNativeModel } from './ainative-models.js';
import { type AiNativeAnswer, aiNativeAnswer } from './ainative-wire.js';

/** Filters of `GET /usage`. */
export interface UsageQuery {
  skip?: number;
  /** 1 to 100; 50 by default. */
  limit?: number;
  endpoint_type?: 'tts' | 'image' | 'video_i2v' | 'video_t2v' | 'video_cogvideox';
}

/** Where a generation goes and what it answers with. */
type GenerationEndpoint = Pick<AiNativeModel, 'endpoint' | 'kind'>;

/** The documented endpoints, with AINative's answers read by schema or turned into typed errors. */
export interface AiNativeApi {
  readonly baseUrl: string;
  /** `POST /tts`, `/image`, `/video/i2v`, `/video/t2v` or `/video/cogvideox`. */
  generate(model: GenerationEndpoint, body: JsonObject, signal: AbortSignal): Promise<AiNativeAnswer>;
  /** `GET /usage/{usage_id}`; undefined when AINative has no such record (404). */
  usageRecord(usageId: string, signal: AbortSignal): Promise<AiNativeAnswer | undefined>;
  /** `GET /usage`, without retries: it serves checks. */
  listUsage(query: UsageQuery, signal: AbortSignal): Promise<unknown>;
  /** `GET /health`, whatever its status. */
  health(signal: AbortSignal): Promise<{ status: number; body: unknown }>;
}

export function createAiNativeApi(http: HttpClient, config: AiNativeConfig): AiNativeApi {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const redactor = new Redactor([config.apiKey]);
  const client = http.withDefaults({
    baseUrl,
    headers: { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' },
    provider: 'ainative',
    secrets: [config.apiKey],
  });
  const call = <Schema extends z.ZodType>(request: HttpRequest, schema: Schema) =>
    requestJson(client, request, schema, { provider: 'ainative', errors: aiNativeHttpError, redactor });

  return {
    baseUrl,
    generate({ endpoint, kind }, body, signal) {
      const request: HttpRequest = {
        method: 'POST',
        url: `/${endpoint}`,
        json: body,
        signal,
        timeouts: { headersMs: AiNativeDefaults.responseTimeoutMs[kind] },
      };
      return call(request, aiNativeAnswer);
    },
    async usageRecord(usageId, signal) {
      try {
        return await call({ url: `/usage/${encodeURIComponent(usageId)}`, signal }, aiNativeAnswer);
      } catch (error) {
        if (GenHubError.isInstance(error) && error.status === 404) return undefined;
        throw error;
      }
    },
    listUsage(query, signal) {
      return call({ url: '/usage', query: { ...query }, signal, retry: false }, z.unknown());
    },
    async health(signal) {
      // A health check reports what it sees; it does not wait through retries.
      const response = await client.request({ url: '/health', signal, retry: false });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
  };
}
