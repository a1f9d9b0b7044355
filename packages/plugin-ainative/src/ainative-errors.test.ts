import { GenHubError, Redactor } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import {
  aiNativeFailedGeneration,
  aiNativeHttpError,
  premiumRefusal,
  type RefusedModel,
} from './ainative-errors.js';

const apiKey = 'sk-ainative-secret-123456';
const redactor = new Redactor([apiKey]);
const request = 'POST https://api.ainative.studio/api/v1/multimodal/video/i2v';
const wan: RefusedModel = { name: 'AINative Wan 2.2 image-to-video' };
const sora: RefusedModel = {
  name: 'AINative Sora 2 image-to-video',
  premium: { label: 'Sora 2', alternatives: ['ainative/i2v-wan22', 'ainative/i2v-seedance'] },
};
const detail = (text: string) => JSON.stringify({ detail: text });
/** AINative's answer as the plugin reports it for `model`. */
const errorForResponse = (
  status: number,
  headers: Record<string, string>,
  body: string,
  model: RefusedModel = wan,
) =>
  premiumRefusal(
    aiNativeHttpError(status, headers, body, {
      request,
      redactor,
      nowMs: Date.parse('2025-01-01T00:00:00Z'),
    }),
    model,
  );

describe('errorForResponse: the documented codes', () => {
  it('400 is INVALID_INPUT quoting AINative', () => {
    const error = errorForResponse(400, {}, detail('Invalid request: motion_prompt is required'));
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      retryable: false,
      status: 400,
      provider: 'ainative',
    });
    expect(error.message).toBe(
      'ainative answered HTTP 400 (bad request) to POST https://api.ainative.studio/api/v1/multimodal/video/i2v: Invalid request: motion_prompt is required',
    );
  });

  it("reads FastAPI's validation list", () => {
    const body = JSON.stringify({
      detail: [{ loc: ['body', 'prompt'], msg: 'field required' }, { msg: 'too long' }],
    });
    const error = errorForResponse(422, {}, body);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.message).toContain('field required; too long');
  });

  it('402 is INSUFFICIENT_FUNDS', () => {
    const error = errorForResponse(402, {}, detail('Insufficient credits'), sora);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', retryable: false, status: 402 });
  });

  it('429 is RATE_LIMITED, after Retry-After or else the 60 s window', () => {
    expect(errorForResponse(429, { 'retry-after': '17' }, detail('Rate limit exceeded'))).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterSeconds: 17,
    });
    expect(errorForResponse(429, {}, '')).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 60,
    });
  });

  it('500 is PROVIDER_UNAVAILABLE, retryable after 30 s, as are other 5xx; only the documented 500 is a sure refusal', () => {
    expect(errorForResponse(500, {}, detail('Internal Server Error')).beforeAcceptance).toBe(false);
    expect(errorForResponse(500, {}, detail('GPU provider error — retry after 30s'))).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      retryAfterSeconds: 30,
      status: 500,
      beforeAcceptance: true,
    });
    expect(errorForResponse(503, { 'retry-after': '5' }, '<html>down</html>')).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryAfterSeconds: 5,
      beforeAcceptance: false,
    });
  });

  it('401 and 403 are AUTH for models anyone may use', () => {
    expect(errorForResponse(401, {}, detail('Not authenticated')).code).toBe('AUTH');
    expect(errorForResponse(403, {}, detail('Forbidden')).code).toBe('AUTH');
  });

  it('404 from a generation endpoint points at the base URL', () => {
    const error = errorForResponse(404, {}, detail('Not Found'));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, status: 404 });
    expect(error.details).toMatchObject({ reason: 'misconfigured', setting: 'GENHUB_AINATIVE_BASE_URL' });
  });

  it('never repeats the API key AINative might echo', () => {
    const error = errorForResponse(400, {}, detail(`bad key ${apiKey}`));
    expect(error.message).not.toContain(apiKey);
    const premium = errorForResponse(402, {}, detail(`premium tier required for ${apiKey}`), sora);
    expect(JSON.stringify(premium.toJSON())).not.toContain(apiKey);
  });
});

describe('errorForResponse: premium-only models', () => {
  it.each([
    [402, 'Premium tier required: sora2 is available on premium plans only'],
    [403, 'Your subscription does not include this provider'],
    [403, 'Forbidden'],
    [400, 'sora2 requires a premium account'],
  ])('reads %i %j as the premium refusal, in one sentence', (status, text) => {
    const error = errorForResponse(status, {}, detail(text), sora);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Sora 2 needs an AINative premium plan.',
      retryable: false,
      status,
      suggestions: ['ainative/i2v-wan22', 'ainative/i2v-seedance'],
      details: { param: 'model', reason: 'premium-plan-required', providerMessage: text },
    });
    expect(GenHubError.isInstance(error.cause)).toBe(true);
  });

  it('names any model refused for its tier, and keeps credit shortages apart', () => {
    expect(errorForResponse(402, {}, detail('Upgrade to premium tier')).message).toBe(
      'AINative Wan 2.2 image-to-video needs an AINative premium plan.',
    );
    expect(errorForResponse(402, {}, detail('Insufficient credits for premium tier'), sora).code).toBe(
      'INSUFFICIENT_FUNDS',
    );
  });
});

describe('a failed generation', () => {
  const failed = (error_message: string) =>
    premiumRefusal(
      aiNativeFailedGeneration(
        {
          summary: 'AINative failed to generate (usage usg_1)',
          words: error_message,
          details: { usageId: 'usg_1' },
        },
        { redactor },
      ),
      sora,
    );

  it('is a retryable GPU failure by default, quoting AINative', () => {
    expect(failed('CUDA out of memory')).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      retryAfterSeconds: 30,
      message: 'AINative failed to generate (usage usg_1): CUDA out of memory',
      details: { usageId: 'usg_1', providerMessage: 'CUDA out of memory' },
    });
  });

  it('recognises premium, credit and content refusals', () => {
    expect(failed('premium tier required').message).toBe('Sora 2 needs an AINative premium plan.');
    expect(failed('Insufficient credits').code).toBe('INSUFFICIENT_FUNDS');
    expect(failed('Blocked by the safety filter').code).toBe('CONTENT_REJECTED');
  });
});
