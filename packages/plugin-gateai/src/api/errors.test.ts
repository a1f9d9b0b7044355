import { Redactor } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { gateAiHttpError, gateAiTaskError } from './errors.js';

const key = 'sk-gateai-secret-key-9999';
const redactor = new Redactor([key]);
const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  gateAiHttpError(status, headers, typeof body === 'string' ? body : JSON.stringify(body), {
    request: 'POST /api/generate',
    redactor,
  });

describe('gateAiHttpError', () => {
  it('maps the documented request limits to INVALID_INPUT naming the parameter', () => {
    const prompt = http(400, { error: 'Prompt too long (max 1500 characters)', code: 'PROMPT_TOO_LONG' });
    expect(prompt).toMatchObject({
      code: 'INVALID_INPUT',
      retryable: false,
      status: 400,
      provider: 'gateai',
      details: { param: 'prompt', max: 1500, providerCode: 'PROMPT_TOO_LONG' },
    });
    expect(prompt.message).toContain('Prompt too long');
    // The code may come as the error itself.
    expect(http(400, { error: 'QUANTITY_TOO_HIGH' })).toMatchObject({
      code: 'INVALID_INPUT',
      details: { param: 'quantity', max: 8 },
    });
  });

  it('maps both rate limits to RATE_LIMITED, with Retry-After or retry_after when given', () => {
    const window = http(
      429,
      { error: 'Rate limit exceeded: max 5 requests per 30s', code: 'RATE_LIMITED' },
      { 'retry-after': '12' },
    );
    expect(window).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterSeconds: 12,
      details: { reason: 'rate' },
    });
    const slots = http(429, {
      error: 'Too many concurrent requests: max 5 in flight per key',
      code: 'RATE_LIMITED',
    });
    expect(slots).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: undefined,
      details: { reason: 'in-flight' },
    });
    expect(http(429, { error: 'slow down', retry_after: 7.2 })).toMatchObject({ retryAfterSeconds: 8 });
    expect(http(400, { code: 'RATE_LIMITED' })).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('maps 401 to AUTH, 5xx to PROVIDER_UNAVAILABLE, and never quotes the key', () => {
    const auth = http(401, { error: `Invalid API key ${key}` });
    expect(auth).toMatchObject({ code: 'AUTH', retryable: false });
    expect(auth.message).not.toContain(key);
    expect(JSON.stringify(auth.toJSON())).not.toContain(key);
    expect(http(401, { error: 'Invalid credentials' })).toMatchObject({ code: 'AUTH', details: {} });
    expect(http(503, '<html>down</html>')).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('maps a missing model to MODEL_NOT_FOUND with suggestions as GenHub ids', () => {
    expect(http(404, { error: 'Model not found', suggestions: ['seedance-2.0'] })).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      suggestions: ['gateai/seedance-2.0'],
    });
    expect(http(404, { error: 'Task not found' }).code).toBe('INVALID_INPUT');
  });

  it('maps an exhausted daily budget to INSUFFICIENT_FUNDS', () => {
    expect(http(402, { error: 'Daily budget exceeded', code: 'BUDGET_EXCEEDED' })).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      retryable: false,
    });
    expect(http(400, { error: 'Daily budget exceeded' }).code).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('gateAiTaskError', () => {
  it('maps the 40-minute hard limit to TIMEOUT', () => {
    expect(gateAiTaskError('Generation timed out (40 min hard limit)', 't1', redactor)).toMatchObject({
      code: 'TIMEOUT',
      provider: 'gateai',
      details: { taskId: 't1', providerMessage: 'Generation timed out (40 min hard limit)' },
    });
  });

  it('maps safety refusals to CONTENT_REJECTED and the rest to PROVIDER_UNAVAILABLE', () => {
    expect(gateAiTaskError('Content blocked by the safety filter', 't', redactor).code).toBe(
      'CONTENT_REJECTED',
    );
    expect(gateAiTaskError({ message: 'NSFW content detected' }, 't', redactor).code).toBe(
      'CONTENT_REJECTED',
    );
    expect(gateAiTaskError('Upstream provider error', 't', redactor)).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: 'GateAI could not finish the generation: Upstream provider error',
    });
    expect(gateAiTaskError(undefined, 't', redactor).message).toBe('GateAI could not finish the generation.');
    expect(gateAiTaskError(`bad key ${key}`, 't', redactor).message).not.toContain(key);
  });
});
