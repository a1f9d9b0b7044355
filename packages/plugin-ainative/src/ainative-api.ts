import { GenHubError, type HttpClient, type HttpResponse, Redactor } from '@genhub/provider';
import { type AiNativeConfig, AiNativeDefaults } from './ainative-config.js';
import { type ErrorContext, errorForLostRequest, errorForResponse } from './ainative-errors.js';
import type { AiNativeModel } from './ainative-models.js';
import { isObject, type Json } from './ainative-wire.js';

/** Filters of `GET /usage`. */
export interface UsageQuery {
  skip?: number;
  /** 1 to 100; 50 by default. */
  limit?: number;
  endpoint_type?: 'tts' | 'image' | 'video_i2v' | 'video_t2v' | 'video_cogvideox';
}

/** The documented endpoints, with AINative's answers turned into JSON or typed errors. */
export interface AiNativeApi {
  readonly baseUrl: string;
  /** `POST /tts`, `/image`, `/video/i2v`, `/video/t2v` or `/video/cogvideox`. */
  generate(model: AiNativeModel, body: Json, signal: AbortSignal): Promise<Json>;
  /** `GET /usage/{usage_id}`; undefined when AINative has no such record (404). */
  usageRecord(usageId: string, signal: AbortSignal): Promise<Json | undefined>;
  /** `GET /usage`, without retries: it serves checks. */
  listUsage(query: UsageQuery, signal: AbortSignal): Promise<Json>;
  /** `GET /health`, whatever its status. */
  health(signal: AbortSignal): Promise<{ status: number; body: Json | undefined; text: string }>;
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
  const label = (method: string, path: string) => `${method} ${baseUrl}${path}`;

  /** The JSON of a 2xx answer; any other status throws the mapped error. */
  const read = async (response: HttpResponse, context: ErrorContext): Promise<Json> => {
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw errorForResponse(response.status, response.headers, text, context);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isObject(body)) {
      throw new GenHubError(
        'PROVIDER_UNAVAILABLE',
        `AINative answered ${context.request} with HTTP ${response.status} but no JSON object.`,
        { provider: 'ainative', status: response.status, retryable: false },
      );
    }
    return body;
  };

  return {
    baseUrl,
    async generate(model, body, signal) {
      const path = `/${model.endpoint}`;
      const context: ErrorContext = {
        request: label('POST', path),
        redactor,
        modelName: model.spec.name,
        generation: true,
        ...(model.premium === undefined ? {} : { premium: model.premium }),
      };
      let response: HttpResponse;
      try {
        response = await client.request({
          method: 'POST',
          url: path,
          json: body,
          signal,
          timeouts: { headersMs: AiNativeDefaults.responseTimeoutMs[model.kind] },
        });
      } catch (error) {
        throw errorForLostRequest(error);
      }
      try {
        return await read(response, context);
      } catch (error) {
        // A body cut off after AINative answered: the generation happened and was paid for.
        if (GenHubError.isInstance(error) && error.status === undefined) throw errorForLostRequest(error);
        throw error;
      }
    },
    async usageRecord(usageId, signal) {
      const path = `/usage/${encodeURIComponent(usageId)}`;
      const response = await client.request({ url: path, signal });
      if (response.status === 404) {
        await response.dump();
        return undefined;
      }
      return read(response, { request: label('GET', path), redactor });
    },
    async listUsage(query, signal) {
      const response = await client.request({ url: '/usage', query: { ...query }, signal, retry: false });
      return read(response, { request: label('GET', '/usage'), redactor });
    },
    async health(signal) {
      // A health check reports what it sees; it does not wait through retries.
      const response = await client.request({ url: '/health', signal, retry: false });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body: isObject(body) ? body : undefined, text };
    },
  };
}
