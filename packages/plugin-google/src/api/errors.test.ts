import { describe, expect, it } from 'vitest';
import { operationFailure, requestErrors } from './errors.js';

const google = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });

describe('Gemini API errors', () => {
  it('a wrong key (400 API_KEY_INVALID) is AUTH naming the setting', () => {
    const error = requestErrors(
      400,
      {},
      google(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'),
    );
    expect(error.code).toBe('AUTH');
    expect(error.details).toMatchObject({ setting: 'GENHUB_GOOGLE_API_KEY' });
  });

  it('a 429 waits what RetryInfo says, unless Retry-After says it', () => {
    const body = google(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12.5s' },
    ]);
    expect(requestErrors(429, {}, body)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 13 });
    expect(requestErrors(429, { 'retry-after': '3' }, body).retryAfterSeconds).toBe(3);
    expect(requestErrors(429, {}, google(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.')).code).toBe(
      'RATE_LIMITED',
    );
  });

  it('a safety refusal is CONTENT_REJECTED with the API words; other 400s are INVALID_INPUT', () => {
    const refusal = requestErrors(
      400,
      {},
      google(400, 'INVALID_ARGUMENT', 'The prompt violates the usage guidelines.'),
    );
    expect(refusal.code).toBe('CONTENT_REJECTED');
    expect(refusal.details.providerMessage).toMatch(/usage guidelines/);
    expect(
      requestErrors(400, {}, google(400, 'INVALID_ARGUMENT', 'durationSeconds is out of range.')).code,
    ).toBe('INVALID_INPUT');
  });

  it('failed operations are mapped by their google.rpc code and words', () => {
    const failure = (code: number, words: string) =>
      operationFailure({ summary: 'Veo failed', words, providerCode: String(code) }).code;
    expect(failure(13, 'Internal error.')).toBe('PROVIDER_UNAVAILABLE');
    expect(failure(3, 'Bad image.')).toBe('INVALID_INPUT');
    expect(failure(8, 'Quota.')).toBe('RATE_LIMITED');
    expect(failure(3, 'Blocked by Responsible AI practices.')).toBe('CONTENT_REJECTED');
  });
});
